"""What every app's forms share: the Russian date input, a file-or-text upload, and a
service's ValidationError shown on a form."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]


class DateInput(forms.DateInput):
    """A date typed as on paper, 22.06.2020: the same in every browser and locale."""

    def __init__(self, attrs=None):
        super().__init__(format="%d.%m.%Y", attrs={"placeholder": "дд.мм.гггг",
                                                   "inputmode": "numeric", "size": 10,
                                                   "autocomplete": "off",
                                                   "class": "in-date", **(attrs or {})})


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ImportSourceForm(forms.Form):
    """A file, or a table pasted as text: exactly one of them."""

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
