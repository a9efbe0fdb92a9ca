"""Forms of the region's risk-factor catalogue: they only validate (the duplicate check
is the service's, so it holds for every caller)."""
from __future__ import annotations

from django import forms

from core.forms import CleanTextMixin

from ..models import RiskFactor

TITLE_MAX = RiskFactor._meta.get_field("title").max_length


class RiskFactorForm(CleanTextMixin, forms.Form):
    title = forms.CharField(
        label="Направление риска", max_length=TITLE_MAX,
        error_messages={"required": "Введите название направления риска.",
                        "max_length": f"Не длиннее {TITLE_MAX} символов (сейчас %(show_value)d)."},
        widget=forms.TextInput(attrs={"autocomplete": "off"}))
    # the title the rename form was opened with: a rename made meanwhile is not overwritten
    expected_title = forms.CharField(required=False, widget=forms.HiddenInput, strip=False)
