from django import forms

from .importers.table import FIELDS
from .imports import FIELD_LABELS

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "дд.мм.гггг", "inputmode": "numeric"},
                              format="%d.%m.%Y")
DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]


class ImportSourceForm(forms.Form):
    file = forms.FileField(label="Файл (.docx, .xlsx, .txt, .md, .csv)", required=False)
    text = forms.CharField(label="…или вставьте текст таблицы", required=False,
                           widget=forms.Textarea(attrs={"rows": 8, "placeholder":
                               "Скопируйте таблицу из Word, Excel или PDF и вставьте сюда"}))

    def clean(self):
        data = super().clean()
        if self.has_error("file"):
            return data
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError("Выберите файл или вставьте текст таблицы.")
        if data.get("file") and (data.get("text") or "").strip():
            raise forms.ValidationError("Выберите что-то одно: файл или вставленный текст.")
        return data


class ImportOptionsForm(forms.Form):
    """The choices a person can change in the preview: title, period, column mapping."""

    title = forms.CharField(label="Название дорожной карты", required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    period_start = forms.DateField(label="Начало периода", required=False, widget=DATE_WIDGET,
                                   input_formats=DATE_FORMATS)
    period_end = forms.DateField(label="Конец периода", required=False, widget=DATE_WIDGET,
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
