"""Forms of the roadmap editor: they only validate; the services write."""
from __future__ import annotations

from django import forms

from core.forms import CleanTextMixin, DateInput
from core.versioning import NO_VERSION
from schools.models import Organization

from ..models import Roadmap, Section

TEXTAREA = {"rows": 3}


class NumberMixin:
    """A number field shown with the current number: untouched keeps the automatic number,
    emptied returns to it, anything else fixes the number by hand."""

    def number_change(self) -> str | None:
        number = (self.cleaned_data.get("number") or "").strip()
        was = (self.cleaned_data.get("number_was") or "").strip()
        return None if number == was else number


class MeasureForm(CleanTextMixin, NumberMixin, forms.Form):
    number = forms.CharField(label="№", max_length=20, required=False,
                             widget=forms.TextInput(attrs={"placeholder": "авто",
                                                           "class": "in-number"}))
    number_was = forms.CharField(required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    text = forms.CharField(label="Мероприятие", widget=forms.Textarea(attrs=TEXTAREA),
                           error_messages={"required": "Впишите мероприятие."})
    deadline_text = forms.CharField(label="Срок", max_length=500, required=False)
    responsible_text = forms.CharField(label="Ответственные", required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))
    responsible = forms.ModelMultipleChoiceField(label="Организации", required=False,
                                                 queryset=Organization.objects.none(),
                                                 widget=forms.CheckboxSelectMultiple)
    result = forms.CharField(label="Результат, показатель", required=False,
                             widget=forms.Textarea(attrs=TEXTAREA))
    output_form = forms.CharField(label="Форма", max_length=500, required=False)
    clear_review = forms.BooleanField(label="Проверено, снять замечания", required=False)
    # a school programme's target indicator: only where the section is a risk direction
    indicator_name = forms.CharField(label="Целевой показатель", max_length=500, required=False)
    indicator_unit = forms.CharField(label="Единица", max_length=60, required=False)
    indicator_base = forms.CharField(label="Базовое значение", max_length=60, required=False)
    indicator_target = forms.CharField(label="Целевое значение", max_length=60, required=False)

    def __init__(self, *args, organizations: list[Organization] | None = None,
                 editing: bool = False, indicators: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = editing
        self.indicators = indicators  # shown and saved only then; otherwise kept as they are
        self.organizations = organizations or []
        ids = [o.pk for o in self.organizations]
        self.fields["responsible"].queryset = Organization.objects.filter(pk__in=ids)

    def clean(self):
        data = super().clean()
        if self.editing and not data.get("version") and not self.has_error("version"):
            # without the version it was opened at, a save would overwrite others' edits
            raise forms.ValidationError("Форма устарела: закройте её и откройте мероприятие "
                                        "заново, чтобы не затереть чужие изменения.")
        return data

    def clean_responsible(self):
        # the choices were read once for the page; keep them in the picker's order
        chosen = {o.pk for o in self.cleaned_data["responsible"]}
        return [o for o in self.organizations if o.pk in chosen]

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {"text": d["text"], "deadline_text": d["deadline_text"],
                "responsible_text": d["responsible_text"], "result": d["result"],
                "output_form": d["output_form"], "responsible": d["responsible"],
                "indicators": {f: d[f] for f in INDICATORS} if self.indicators else None}


INDICATORS = ("indicator_name", "indicator_unit", "indicator_base", "indicator_target")


def shows_indicators(roadmap: Roadmap, section: Section | None) -> bool:
    """A measure of a school programme whose section is a risk direction has a target
    indicator."""
    return bool(roadmap.school_id and section is not None and section.risk_factor_id)


class SectionForm(CleanTextMixin, NumberMixin, forms.Form):
    number = forms.CharField(label="№", max_length=20, required=False,
                             widget=forms.TextInput(attrs={"placeholder": "авто",
                                                           "class": "in-number"}))
    number_was = forms.CharField(required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1,
                                 error_messages={"required": NO_VERSION})
    title = forms.CharField(label="Название раздела", widget=forms.TextInput(),
                            error_messages={"required": "Впишите название раздела."})
    parent = forms.ModelChoiceField(label="Подраздел в разделе", required=False,
                                    queryset=Section.objects.none(),
                                    empty_label="— раздел верхнего уровня —")

    def __init__(self, *args, roadmap: Roadmap | None = None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # a section is renamed only with the version its form was opened at
        self.fields["version"].required = editing
        if roadmap is not None:
            self.fields["parent"].queryset = Section.objects.filter(
                district_id=roadmap.district_id, roadmap=roadmap, parent__isnull=True
            )


class MoveForm(forms.Form):
    """Where to put a measure: a section of the same roadmap (empty: outside sections)."""

    section = forms.ModelChoiceField(label="В раздел", required=False,
                                     queryset=Section.objects.none(),
                                     empty_label="— без раздела —")
    step = forms.TypedChoiceField(required=False, choices=[("-1", "выше"), ("1", "ниже")],
                                  coerce=int, empty_value=None)

    def __init__(self, *args, roadmap: Roadmap, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(district_id=roadmap.district_id,
                                                                 roadmap=roadmap)


class SectionMoveForm(forms.Form):
    parent = forms.ModelChoiceField(required=False, queryset=Section.objects.none())
    step = forms.TypedChoiceField(required=False, choices=[("-1", "выше"), ("1", "ниже")],
                                  coerce=int, empty_value=None)

    def __init__(self, *args, roadmap: Roadmap, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Section.objects.filter(
            district_id=roadmap.district_id, roadmap=roadmap, parent__isnull=True
        )


class RoadmapForm(CleanTextMixin, forms.Form):
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput,
                                 error_messages={"required": NO_VERSION})
    title = forms.CharField(label="Название", widget=forms.Textarea(attrs={"rows": 2}),
                            error_messages={"required": "Впишите название дорожной карты."})
    period_start = forms.DateField(label="Начало периода", widget=DateInput(),
                                   input_formats=["%d.%m.%Y", "%Y-%m-%d"])
    period_end = forms.DateField(label="Конец периода", widget=DateInput(),
                                 input_formats=["%d.%m.%Y", "%Y-%m-%d"])
    numbering = forms.ChoiceField(label="Нумерация мероприятий", choices=Roadmap.Numbering.choices,
                                  initial=Roadmap.Numbering.HIERARCHICAL, required=False,
                                  widget=forms.RadioSelect)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # a roadmap's settings are saved only with the version they were opened at
        self.fields["version"].required = editing

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}

    def clean_numbering(self) -> str | None:
        return self.cleaned_data.get("numbering") or None  # not sent: keep (or the default)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "Конец периода раньше его начала.")
        return data


class CopyForwardForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label="Название копии", widget=forms.Textarea(attrs={"rows": 2}),
                            error_messages={"required": "Впишите название."})
