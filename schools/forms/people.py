"""Forms of people and accounts: inviting a director or a curator (a district), a member
of the working group (a region), setting a password by a one-time link, asking for one.
They only validate; schools/services/invitations.py writes."""
from __future__ import annotations

from django import forms
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.db.models import Q

from core.forms import CleanTextMixin

from ..models import District, Invitation, Organization, Role, User

EMAIL_ERRORS = {"required": "Укажите адрес электронной почты.",
                "invalid": "Введите правильный адрес электронной почты, например ivanova@school.ru."}


class _PersonFields(CleanTextMixin, forms.Form):
    email = forms.EmailField(label="Электронная почта", max_length=254, error_messages=EMAIL_ERRORS,
                             widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    last_name = forms.CharField(label="Фамилия", max_length=150, required=False)
    first_name = forms.CharField(label="Имя", max_length=150, required=False)
    middle_name = forms.CharField(label="Отчество", max_length=150, required=False)

    def person(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("email", "last_name", "first_name", "middle_name")}


class DistrictInviteForm(_PersonFields):
    role = forms.ChoiceField(label="Роль", widget=forms.RadioSelect, initial=Role.DIRECTOR,
                             choices=[(Role.DIRECTOR.value, "Директор школы"),
                                      (Role.CURATOR.value, "Куратор")],
                             error_messages={"required": "Выберите роль.",
                                             "invalid_choice": "Выберите роль: директор или куратор."})
    school = forms.ModelChoiceField(label="Школа (для директора)", required=False,
                                    queryset=Organization.objects.none(),
                                    empty_label="— выберите школу —")
    schools = forms.ModelMultipleChoiceField(
        label="Школы, которые сопровождает куратор", required=False,
        queryset=Organization.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text="Можно отметить позже, на странице «Кураторы».")

    def __init__(self, *args, district: District, schools: list[Organization], **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district
        ids = [s.pk for s in schools]
        other = f"Эта школа не относится к муниципалитету «{district.name}»."
        for name in ("school", "schools"):
            field = self.fields[name]
            field.queryset = Organization.objects.filter(pk__in=ids).order_by("short_name")
            field.error_messages.update({"invalid_choice": other, "invalid_pk_value": other,
                                         "list": "Отметьте школы из списка."})
        # the choices are drawn from the list the page has already read (no second query)
        self.fields["school"].choices = [("", "— выберите школу —")] + [(s.pk, s.short_name)
                                                                        for s in schools]
        self.fields["schools"].choices = [(s.pk, s.short_name) for s in schools]

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.DIRECTOR and not data.get("school") \
                and not self.has_error("school"):
            self.add_error("school", "Выберите школу, директора которой приглашаете.")
        return data


class RegionInviteForm(_PersonFields):
    pass


class RussianSetPasswordForm(SetPasswordForm):
    """Django's form (the validators of AUTH_PASSWORD_VALIDATORS), with our words."""

    error_messages = {"password_mismatch": "Пароли не совпадают: введите один и тот же пароль дважды."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Новый пароль"
        self.fields["new_password1"].help_text = (
            "Не короче 8 символов, не только из цифр, не похожий на ваше имя или адрес почты "
            "и не из числа распространённых.")
        self.fields["new_password2"].label = "Пароль ещё раз"
        self.fields["new_password2"].help_text = ""
        for name in ("new_password1", "new_password2"):
            self.fields[name].error_messages["required"] = "Введите пароль."


class RussianPasswordResetForm(PasswordResetForm):
    """«Забыли пароль?». The page says the same whether an address is known or not. Besides
    the people who sign in, someone invited whose link expired gets a new one."""

    email = forms.EmailField(label="Электронная почта", max_length=254, error_messages=EMAIL_ERRORS,
                             widget=forms.EmailInput(attrs={"autocomplete": "email",
                                                            "autofocus": True}))

    def get_users(self, email):
        # one query: a usable password (Django's unusable ones start with «!») or a
        # pending invitation
        pending = Invitation.objects.filter(accepted_at__isnull=True).values("user_id")
        return User.objects.filter(Q(pk__in=pending) | ~Q(password__startswith="!"),
                                   email__iexact=email.strip(), is_active=True)
