"""Forms of setting up school programmes: creating them for a list, the risk profile,
the template to fill from. They only validate; the services write."""
from __future__ import annotations

from django import forms

from core.forms import CleanTextMixin, DateInput
from schools.services.risk_profiles import NOTE_MAX, NOTE_REQUIRED

from ..models import Roadmap
from ..services.programmes import TITLE_KINDS

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]


class ProgrammesNewForm(forms.Form):
    title_kind = forms.ChoiceField(label="Как называть программы",
                                   choices=[(k, k) for k in TITLE_KINDS],
                                   initial=TITLE_KINDS[1], widget=forms.RadioSelect,
                                   error_messages={"required": "Выберите, как называть программы.",
                                                   "invalid_choice": "Выберите, как называть "
                                                                     "программы."})
    period_start = forms.DateField(label="Начало периода", widget=DateInput(),
                                   input_formats=DATE_FORMATS,
                                   error_messages={"required": "Укажите начало периода.",
                                                   "invalid": "Дата в виде 01.01.2026."})
    period_end = forms.DateField(label="Конец периода", widget=DateInput(),
                                 input_formats=DATE_FORMATS,
                                 error_messages={"required": "Укажите конец периода.",
                                                 "invalid": "Дата в виде 31.12.2026."})
    numbering = forms.ChoiceField(label="Нумерация мероприятий", choices=Roadmap.Numbering.choices,
                                  initial=Roadmap.Numbering.HIERARCHICAL, widget=forms.RadioSelect,
                                  error_messages={"required": "Выберите нумерацию.",
                                                  "invalid_choice": "Выберите нумерацию."})

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "Конец периода раньше его начала.")
        return data


class RiskProfileForm(CleanTextMixin, forms.Form):
    """A checkbox and a note per factor of the catalogue (`factor_<id>`, `note_<id>`)."""

    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, factors, **kwargs):
        super().__init__(*args, **kwargs)
        self.factors = list(factors)
        for f in self.factors:
            self.fields[f"factor_{f.pk}"] = forms.BooleanField(label=f.title, required=False)
            self.fields[f"note_{f.pk}"] = forms.CharField(
                label="Почему", required=False, max_length=NOTE_MAX,
                widget=forms.Textarea(attrs={"rows": 2, "placeholder": "Почему (кратко): "
                                             "на чём основан вывод"}))

    def clean(self):
        data = super().clean()
        for f in self.factors:
            if data.get(f"factor_{f.pk}") and not (data.get(f"note_{f.pk}") or "").strip():
                self.add_error(f"note_{f.pk}", NOTE_REQUIRED)
        return data

    def chosen(self) -> dict[int, str]:
        d = self.cleaned_data
        return {f.pk: d.get(f"note_{f.pk}", "") for f in self.factors if d.get(f"factor_{f.pk}")}

    def rows(self):
        """(factor, checkbox, note) for the template, in the catalogue's order."""
        return [(f, self[f"factor_{f.pk}"], self[f"note_{f.pk}"]) for f in self.factors]


class TemplateSourceForm(forms.Form):
    source = forms.ModelChoiceField(queryset=Roadmap.objects.none(), widget=forms.RadioSelect,
                                    error_messages={"required": "Выберите программу-образец.",
                                                    "invalid_choice": "Этой программы нет среди "
                                                                      "доступных образцов."})

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources
