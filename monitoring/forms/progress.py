"""The report form (status, reason, comment, a file, links) and the review form."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from core.forms import CleanTextMixin, FileInput

from ..models import ProgressReport
from ..services.evidence import MAX_BYTES, evidence_check_link, evidence_check_size
from ..services.progress import ACCEPT, RETURN

Status = ProgressReport.Status
MAX_LINKS = 10


class ReportForm(CleanTextMixin, forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    status = forms.ChoiceField(label="Статус", choices=Status.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Выберите статус."})
    reason = forms.CharField(label="Причина невыполнения", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    comment = forms.CharField(label="Комментарий", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=f"Файл (PDF, DOCX, XLSX, JPG или PNG, до "
                                 f"{MAX_BYTES // (1024 * 1024)} МБ)",
                           required=False, widget=FileInput())
    links = forms.CharField(label="Ссылки (по одной в строке, http:// или https://)",
                            required=False, widget=forms.Textarea(attrs={
                                "rows": 2, "placeholder": "https://school.ru/shnor"}))

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            evidence_check_size(name=upload.name, size=upload.size)  # before it is read
        return upload

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        if len(lines) > MAX_LINKS:
            raise ValidationError(f"Не больше {MAX_LINKS} ссылок за один раз.")
        errors, links = [], []
        for line in lines:
            try:
                links.append(evidence_check_link(line))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return links

    def clean(self):
        data = super().clean()
        if data.get("status") == Status.NOT_DONE and not (data.get("reason") or "").strip():
            self.add_error("reason", "Укажите причину, по которой мероприятие не выполнено.")
        return data


class ReviewForm(CleanTextMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1,
                                 error_messages={"required": "Форма устарела: откройте отчёт "
                                                             "заново."})
    decision = forms.ChoiceField(choices=[(ACCEPT, "Принять"), (RETURN, "Вернуть на доработку")],
                                 error_messages={"required": "Выберите: принять или вернуть."})
    comment = forms.CharField(label="Замечание", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("decision") == RETURN and not (data.get("comment") or "").strip():
            self.add_error("comment", "Напишите, что нужно исправить: без замечания отчёт не "
                                      "возвращается.")
        return data
