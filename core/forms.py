"""What every app's forms share: the Russian date input, the Russian file control, a
file-or-text upload, a service's ValidationError shown on a form, and text cleaned of
control characters (``CleanTextMixin``; ``CleanTextModelForm`` for the admin)."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html

from .text import clean_text

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]


class DateInput(forms.DateInput):
    """A date typed as on paper, 22.06.2020: the same in every browser and locale."""

    def __init__(self, attrs=None):
        super().__init__(format="%d.%m.%Y", attrs={"placeholder": "дд.мм.гггг",
                                                   "inputmode": "numeric", "size": 10,
                                                   "autocomplete": "off",
                                                   "class": "in-date", **(attrs or {})})


class FileInput(forms.FileInput):
    """A file control that speaks Russian whatever the browser's language: the native
    input is visually hidden, a label styled as a button opens it, and the chosen file's
    name replaces «Файл не выбран» (static/js/app.js, styles `.file-pick` in app.css)."""

    NO_FILE = "Файл не выбран"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "file-input", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        input_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        name_id = f"{input_id}-name"
        attrs = {**(attrs or {}), "id": input_id, "aria-describedby": name_id}
        return format_html(
            '<div class="file-pick">{}<label for="{}" class="button">Выбрать файл</label>'
            '<span class="file-name muted" id="{}" data-empty="{}">{}</span></div>',
            super().render(name, value, attrs, renderer), input_id, name_id, self.NO_FILE,
            self.NO_FILE,
        )


class CleanTextMixin:
    """Every text field of the form gives its value through ``core.text.clean_text``: a NUL
    or U+000B pasted into a title never reaches the database, the XLSX export or the
    order. Put it before ``forms.Form`` (or ``forms.ModelForm``) in the bases. (Not on the
    import's pasted text: the readers clean each cell, after the text is split into rows.)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.to_python = _cleaning(field.to_python)


def _cleaning(to_python):
    def clean(value):
        return to_python(clean_text(value) if isinstance(value, str) else value)
    return clean


class CleanTextModelForm(CleanTextMixin, forms.ModelForm):
    """The admin's model form (``core.admin.CleanTextAdmin``)."""


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ImportSourceForm(forms.Form):
    """A file, or a table pasted as text: exactly one of them."""

    file = forms.FileField(label="Файл (.docx, .xlsx, .txt, .md, .csv)", required=False,
                           widget=FileInput)
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
