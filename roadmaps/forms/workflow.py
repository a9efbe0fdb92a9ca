"""The programme's cycle: one small form per transition button (validation only)."""
from django import forms

from ..models import Roadmap
from ..services.workflow import NAMES


class TransitionForm(forms.Form):
    name = forms.ChoiceField(choices=[(n, n) for n in NAMES],
                             error_messages={"invalid_choice": "Такого действия с программой нет."})
    comment = forms.CharField(label="Комментарий", required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              error_messages={"max_length": "Комментарий длиннее 4000 знаков."})
    # the status the form was shown for, and the last step then: a stale form is refused
    expected_status = forms.ChoiceField(choices=Roadmap.Status.choices,
                                        error_messages={"required": "Обновите страницу."})
    expected_transition = forms.IntegerField(required=False, min_value=0)
