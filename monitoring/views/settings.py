"""A person's reminder settings: the stages to be reminded of, and the calendar feed's
secret address with «Сменить ссылку»."""
from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ..forms.settings import STAGE_HELP, ReminderSettingsForm
from ..models import Stage
from ..services.notifications import (
    calendar_token_renew,
    person_settings_for,
    person_settings_update,
)


def _feed_url(found) -> str:
    return django_settings.SITE_URL.rstrip("/") + reverse("calendar_feed", args=[found.calendar_token])


@login_required
def reminder_settings(request):
    found = person_settings_for(request.user)
    enabled = [s for s in Stage.values if s not in set(found.disabled_stages or [])]
    if request.method == "POST":
        form = ReminderSettingsForm(request.POST)
        if form.is_valid():
            person_settings_update(user=request.user, disabled_stages=form.disabled_stages())
            messages.success(request, "Настройки напоминаний сохранены.")
            return redirect("reminder_settings")
    else:
        form = ReminderSettingsForm(initial={"stages": enabled})
    return render(request, "monitoring/settings.html", {
        "form": form, "feed_url": _feed_url(found), "stage_help": STAGE_HELP,
        "stages": [(value, label, STAGE_HELP[value], value in enabled) for value, label in Stage.choices],
    })


@login_required
@require_POST
def calendar_renew(request):
    calendar_token_renew(user=request.user)
    messages.success(request, "Ссылка на календарь сменена: прежняя больше не работает. "
                              "Добавьте новую в календарь.")
    return redirect("reminder_settings")
