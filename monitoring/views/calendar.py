"""The calendar feed: /calendar/<token>.ics, a secret address per person (no login: a
calendar application fetches it). A renewed secret makes the old address 404."""
from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone

from core.access import grants_for

from ..calendar_feed import DueEvent, calendar_ics
from ..models import PersonSettings
from ..selectors.reminders import due_dates_for_person
from ..services.reminders import measure_link

# past due dates kept in the feed (a calendar shows what was due lately, not the whole period)
PAST_DAYS = 90


def calendar_feed(request, token: str):
    found = (PersonSettings.objects.filter(calendar_token=token, user__is_active=True)
             .select_related("user").first())
    if found is None or not token:
        raise Http404("Нет такого календаря.")
    user = found.user
    since = timezone.localdate() - timedelta(days=PAST_DAYS)
    g = grants_for(user)
    # the districts where the person is reminded of anything (not a regional member's region)
    districts = sorted(g.coordinator_districts | g.curator_districts | g.director_districts)
    items = due_dates_for_person(user, since=since, district_ids=districts) if districts else []
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    events = [
        DueEvent(
            uid=f"due-{i.due_date_id}@{host}",
            day=i.due_on,
            summary=f"{i.number} {i.text}".strip(),
            description=(f"{i.roadmap_title}\nСрок: {i.deadline_text or i.due_on.strftime('%d.%m.%Y')}"
                         f"\n{measure_link(i)}"),
            url=measure_link(i),
        )
        for i in items
    ]
    body = calendar_ics(events, name="Сроки мероприятий", stamp=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="sroki.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
