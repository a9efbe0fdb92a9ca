"""Forms of the order pages: they only validate; the services in `orders.py` write."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from core.forms import DATE_FORMATS, CleanTextMixin, DateInput, FileInput
from core.versioning import NO_VERSION
from schools.models import SchoolList

from ..models import Order
from ..services.orders import signed_scan_inspect


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class OrderForm(CleanTextMixin, forms.Form):
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput,
                                 error_messages={"required": NO_VERSION})
    layout = forms.ChoiceField(label="Форма документа", choices=Order.Layout.choices,
                               widget=forms.RadioSelect)
    title = forms.CharField(label="Заголовок", widget=forms.Textarea(attrs={"rows": 3}))
    number = forms.CharField(label="Номер", max_length=40, required=False,
                             help_text="Как его запишут при регистрации: 143/1, 59/0103.")
    issued_on = forms.DateField(label="Дата", required=False, input_formats=DATE_FORMATS,
                                widget=DateInput())
    place = forms.CharField(label="Место издания", max_length=120, required=False)
    preamble = forms.CharField(label="Преамбула", required=False,
                               widget=forms.Textarea(attrs={"rows": 5}))
    signatory_position = forms.CharField(label="Должность подписывающего", max_length=300,
                                         required=False)
    signatory_name = forms.CharField(label="Подписывающий (И.О. Фамилия)", max_length=120,
                                     required=False)
    include_roadmap_table = forms.BooleanField(label="Дорожная карта (таблица мероприятий)",
                                               required=False)
    include_school_list = forms.BooleanField(label="Перечень школ", required=False)
    include_interview_schedule = forms.BooleanField(label="График собеседований",
                                                    required=False)
    school_list_kinds = forms.MultipleChoiceField(
        label="Перечни", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[c for c in SchoolList.Kind.choices if c[0] != SchoolList.Kind.MENTOR])

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # an existing order is saved only with the version it was opened at
        self.fields["version"].required = editing

    @classmethod
    def initial_from(cls, order: Order) -> dict:
        return {name: getattr(order, name) for name in cls.base_fields}

    def text_fields(self) -> dict:
        """What the services take: everything but the version."""
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class PointForm(CleanTextMixin, forms.Form):
    text = forms.CharField(label="Текст пункта", required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    subpoints = forms.CharField(label="Подпункты (каждый с новой строки)", required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))

    def as_point(self) -> dict | None:
        text = (self.cleaned_data.get("text") or "").strip()
        subs = _lines(self.cleaned_data.get("subpoints", ""))
        return {"text": text, "subpoints": subs} if text or subs else None


class InterviewForm(CleanTextMixin, forms.Form):
    date = forms.DateField(label="Дата", input_formats=DATE_FORMATS, widget=DateInput())
    time = forms.CharField(label="Время", max_length=40, required=False,
                           widget=forms.TextInput(attrs={"placeholder": "10:00"}))
    schools = forms.CharField(label="Школы (каждая с новой строки)",
                              widget=forms.Textarea(attrs={"rows": 3}))

    def as_group(self) -> dict:
        return {"date": self.cleaned_data["date"].isoformat(),
                "time": self.cleaned_data.get("time", "").strip(),
                "schools": _lines(self.cleaned_data["schools"])}


class BasePointFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.points():
            raise ValidationError("Добавьте хотя бы один пункт приказа.")

    def points(self) -> list[dict]:
        out = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            point = form.as_point() if form.is_valid() else None
            if point:
                out.append(point)
        return out


class BaseInterviewFormSet(forms.BaseFormSet):
    def groups(self) -> list[dict]:
        return [form.as_group() for form in self.forms
                if form.cleaned_data.get("date") and not self._should_delete_form(form)]


PointFormSet = forms.formset_factory(PointForm, formset=BasePointFormSet, extra=0,
                                     can_delete=True)
InterviewFormSet = forms.formset_factory(InterviewForm, formset=BaseInterviewFormSet, extra=0,
                                         can_delete=True)


def point_initial(points: list) -> list[dict]:
    return [{"text": p.get("text", ""), "subpoints": "\n".join(p.get("subpoints", []))}
            for p in points or [] if isinstance(p, dict)]


def interview_initial(schedule: list) -> list[dict]:
    return [{"date": g.get("date"), "time": g.get("time", ""),
             "schools": "\n".join(g.get("schools", []))}
            for g in schedule or [] if isinstance(g, dict)]


class SignedScanForm(forms.Form):
    scan = forms.FileField(label="Скан подписанного приказа (PDF, JPEG или PNG, до 20 МБ)",
                           widget=FileInput(attrs={"accept": "application/pdf,image/jpeg,image/png",
                                                   "aria-labelledby": "scan-label",
                                                   "required": True}))

    def clean_scan(self):
        """Opened here, once: a PDF with pages or a sane image (`self.inspected`)."""
        upload = self.cleaned_data["scan"]
        self.inspected = signed_scan_inspect(upload)
        return upload


class ConfirmScanForm(forms.Form):
    scan = forms.CharField(max_length=500, widget=forms.HiddenInput)
