from django import forms

from core.forms import DATE_FORMATS, CleanTextMixin, DateInput

from ..importers.table import FIELDS
from ..selectors.imports import FIELD_LABELS


class ImportOptionsForm(CleanTextMixin, forms.Form):
    """The choices a person can change in the preview: title, period, column mapping."""

    title = forms.CharField(label="Название дорожной карты", required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    period_start = forms.DateField(label="Начало периода", required=False, widget=DateInput(),
                                   input_formats=DATE_FORMATS)
    period_end = forms.DateField(label="Конец периода", required=False, widget=DateInput(),
                                 input_formats=DATE_FORMATS)

    def __init__(self, *args, headers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "— нет такого столбца —")] + [
            (str(i), f"{i + 1}: {h[:60] or 'без заголовка'}") for i, h in enumerate(headers)
        ]
        for name in FIELDS:
            self.fields[f"map_{name}"] = forms.ChoiceField(label=FIELD_LABELS[name], choices=choices,
                                                           required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if bool(start) != bool(end):
            raise forms.ValidationError("Укажите и начало, и конец периода.")
        if start and end and end < start:
            raise forms.ValidationError("Конец периода раньше его начала.")
        return data

    def mapping(self) -> dict[str, int | None] | None:
        if not self.is_bound or not self.is_valid():
            return None
        if not any(k.startswith("map_") for k in self.data):
            return None
        return {name: (int(v) if (v := self.cleaned_data.get(f"map_{name}")) not in (None, "") else None)
                for name in FIELDS}

    def period(self):
        if self.is_bound and self.is_valid() and self.cleaned_data.get("period_start"):
            return self.cleaned_data["period_start"], self.cleaned_data["period_end"]
        return None

    def bind_defaults(self, *, mapping: dict, period, title: str) -> None:
        """Show what the reader chose when the person has not chosen anything yet."""
        for name in FIELDS:
            value = mapping.get(name)
            self.fields[f"map_{name}"].initial = "" if value is None else str(value)
        if period:
            self.fields["period_start"].initial, self.fields["period_end"].initial = period
        self.fields["title"].initial = title
