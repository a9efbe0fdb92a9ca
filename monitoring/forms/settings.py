"""A person's reminder settings: which stages to be reminded of."""
from django import forms

from ..models import Stage

STAGE_HELP = {
    Stage.WEEK: "за семь дней до срока",
    Stage.TOMORROW: "накануне срока",
    Stage.TODAY: "в день срока",
    Stage.OVERDUE: "раз в неделю после срока, пока не отмечено выполнение (до восьми недель)",
}


class ReminderSettingsForm(forms.Form):
    stages = forms.MultipleChoiceField(
        label="Напоминать", choices=Stage.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Снимите отметку, чтобы не получать такие напоминания ни письмом, ни в приложении.")

    def disabled_stages(self) -> list[str]:
        chosen = set(self.cleaned_data["stages"])
        return [s for s in Stage.values if s not in chosen]
