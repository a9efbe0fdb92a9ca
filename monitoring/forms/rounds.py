"""A monitoring round's form (title, period, «отчитаться до», schools) and its summary
report's text sections; both carry the round's version (core.versioning)."""
from __future__ import annotations

from django import forms

from core.forms import DATE_FORMATS, CleanTextMixin, DateInput
from schools.models import Organization


class RoundForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label="Название", max_length=300,
                            widget=forms.TextInput(attrs={"size": 60}),
                            error_messages={"required": "Укажите название мониторинга."})
    starts_on = forms.DateField(label="Начало периода", input_formats=DATE_FORMATS,
                                widget=DateInput(),
                                error_messages={"required": "Укажите начало периода.",
                                                "invalid": "Дата в виде 22.06.2020."})
    ends_on = forms.DateField(label="Конец периода", input_formats=DATE_FORMATS,
                              widget=DateInput(),
                              error_messages={"required": "Укажите конец периода.",
                                              "invalid": "Дата в виде 22.06.2020."})
    reports_due_on = forms.DateField(label="Отчитаться до", required=False,
                                     input_formats=DATE_FORMATS, widget=DateInput(),
                                     error_messages={"invalid": "Дата в виде 22.06.2020."})
    schools = forms.ModelMultipleChoiceField(
        label="Школы", queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Выберите хотя бы одну школу.",
                        "invalid_choice": "Такой школы нет в муниципалитете.",
                        "invalid_pk_value": "Такой школы нет в муниципалитете."})
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schools"].queryset = Organization.objects.filter(
            district_id=district.id, kind=Organization.Kind.SCHOOL, is_active=True,
        ).order_by("short_name")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "Конец периода раньше его начала.")
        return data

    def service_fields(self) -> dict:
        d = self.cleaned_data
        return {"title": d["title"], "starts_on": d["starts_on"], "ends_on": d["ends_on"],
                "reports_due_on": d.get("reports_due_on"), "schools": list(d["schools"])}


class SummaryForm(CleanTextMixin, forms.Form):
    summary_done = forms.CharField(label="Что сделано", required=False,
                                   widget=forms.Textarea(attrs={"rows": 6}))
    summary_problems = forms.CharField(label="Проблемы", required=False,
                                       widget=forms.Textarea(attrs={"rows": 6}))
    summary_decisions = forms.CharField(label="Решения", required=False,
                                        widget=forms.Textarea(attrs={"rows": 6}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
