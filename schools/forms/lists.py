"""Forms of the coordinator's lists: organisations, flagged-school lists, mentor pairs,
curators. They only validate; the services write."""
from __future__ import annotations

from django import forms
from django.db.models.functions import Upper

from core.forms import DATE_FORMATS, CleanTextMixin, DateInput
from core.versioning import NO_VERSION

from ..models import District, Organization, SchoolList


class OrganizationForm(CleanTextMixin, forms.Form):
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput,
                                 error_messages={"required": NO_VERSION})
    kind = forms.ChoiceField(label="Вид", choices=Organization.Kind.choices)
    short_name = forms.CharField(label="Краткое наименование", max_length=200,
                                 help_text="Как в приказах: МКОУ Кармаклинская СОШ, МКУ ЦИМО.")
    full_name = forms.CharField(label="Полное наименование", max_length=500,
                                widget=forms.Textarea(attrs={"rows": 2}))
    abbreviations = forms.CharField(
        label="Другие названия и сокращения", max_length=500, required=False,
        help_text="Через точку с запятой: так их узнают при загрузке документов и в поиске.")
    director_name = forms.CharField(label="Руководитель", max_length=200, required=False)
    fis_oko_login = forms.CharField(label="Логин ФИС ОКО", max_length=40, required=False)
    email = forms.EmailField(label="Электронная почта", required=False)
    is_active = forms.BooleanField(label="Действует", required=False, initial=True)

    def __init__(self, *args, district: District, organization: Organization | None = None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.district, self.organization = district, organization
        # an existing organisation is saved only with the version it was opened at
        self.fields["version"].required = organization is not None

    def service_fields(self) -> dict:
        """What the services take: everything but the version."""
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}

    def clean_short_name(self):
        name = self.cleaned_data["short_name"].strip()
        taken = Organization.objects.annotate(u=Upper("short_name")).filter(
            district=self.district, u=name.upper())
        if self.organization:
            taken = taken.exclude(pk=self.organization.pk)
        if taken.exists():
            raise forms.ValidationError("Организация с таким кратким наименованием уже есть.")
        return name

    def clean_fis_oko_login(self):
        login = self.cleaned_data["fis_oko_login"].strip()
        taken = Organization.objects.filter(fis_oko_login=login)
        if self.organization:
            taken = taken.exclude(pk=self.organization.pk)
        if login and taken.exists():
            raise forms.ValidationError("Этот логин ФИС ОКО уже принадлежит другой организации.")
        return login


class SchoolListForm(CleanTextMixin, forms.Form):
    kind = forms.ChoiceField(label="Вид перечня", choices=SchoolList.Kind.choices)
    year = forms.IntegerField(label="Год", min_value=2000, max_value=2100)
    source_document = forms.CharField(
        label="Документ-основание", max_length=500, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Например: приказ министерства образования от 09.02.2024 № 217")

    def __init__(self, *args, district: District, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district

    def clean(self):
        data = super().clean()
        kind, year = data.get("kind"), data.get("year")
        if kind and year and SchoolList.objects.filter(district=self.district, kind=kind,
                                                       year=year).exists():
            raise forms.ValidationError(
                f"Перечень {SchoolList.Kind(kind).label} на {year} год уже есть.")
        return data


class SourceDocumentForm(CleanTextMixin, forms.Form):
    source_document = SchoolListForm.base_fields["source_document"]


class EntryForm(CleanTextMixin, forms.Form):
    organization = forms.ModelChoiceField(label="Школа", queryset=Organization.objects.none(),
                                          empty_label="— выберите школу —",
                                          error_messages={"required": "Выберите школу."})
    reason = forms.CharField(label="Основание включения", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    included_on = forms.DateField(label="Включена", required=False, widget=DateInput(),
                                  input_formats=DATE_FORMATS)
    excluded_on = forms.DateField(label="Исключена", required=False, widget=DateInput(),
                                  input_formats=DATE_FORMATS)

    def __init__(self, *args, schools=None, editing: bool = False, form_id: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["organization"]
            for field in self.fields.values():
                field.widget.attrs.update({"form": form_id, "aria-label": field.label})
            self.fields["reason"].widget.attrs["autofocus"] = True
        else:
            self.fields["organization"].queryset = Organization.objects.filter(
                pk__in=[s.pk for s in schools or []]).order_by("short_name")

    def clean(self):
        data = super().clean()
        start, end = data.get("included_on"), data.get("excluded_on")
        if start and end and end < start:
            self.add_error("excluded_on", "Дата исключения раньше даты включения.")
        return data


class MentorPairForm(forms.Form):
    mentor = forms.ModelChoiceField(label="Школа-наставник", queryset=Organization.objects.none(),
                                    empty_label="— школа-наставник —")
    mentee = forms.ModelChoiceField(label="Подшефная школа", queryset=Organization.objects.none(),
                                    empty_label="— подшефная школа —")

    def __init__(self, *args, schools=(), **kwargs):
        super().__init__(*args, **kwargs)
        qs = Organization.objects.filter(pk__in=[s.pk for s in schools]).order_by("short_name")
        for name in ("mentor", "mentee"):
            self.fields[name].queryset = qs
            self.fields[name].widget.attrs["aria-label"] = self.fields[name].label

    def clean(self):
        data = super().clean()
        if data.get("mentor") and data.get("mentor") == data.get("mentee"):
            raise forms.ValidationError("Школа не может быть наставником самой себе.")
        return data


class CuratorSchoolsForm(forms.Form):
    schools = forms.ModelMultipleChoiceField(label="Школы", queryset=Organization.objects.none(),
                                             required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, schools=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schools"].queryset = Organization.objects.filter(
            pk__in=[s.pk for s in schools]).order_by("short_name")
