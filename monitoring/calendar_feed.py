"""A person's due dates as an iCalendar feed (RFC 5545), for Outlook and Яндекс Календарь:
pure code, plain data in, bytes out (no Django).

Each due date is an all-day event: DTSTART;VALUE=DATE on the day and DTEND;VALUE=DATE on the
next one (RFC 5545: the end of an all-day event is exclusive; Outlook shows a two-day
event otherwise), a UID stable per due date (a feed read again updates the same events
instead of adding copies), DTSTAMP, and the calendar's PRODID and VERSION:2.0.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

PRODID = "-//Дорожные карты ШНОР и ШНСУ//Сроки мероприятий//RU"


@dataclass(frozen=True)
class DueEvent:
    uid: str
    day: date
    summary: str
    description: str
    url: str = ""


def calendar_ics(events: Iterable[DueEvent], *, name: str, stamp: datetime) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-published-ttl", "PT6H")
    for e in events:
        event = Event()
        event.add("uid", e.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", e.day)
        event.add("dtend", e.day + timedelta(days=1))
        event.add("summary", e.summary)
        event.add("description", e.description)
        if e.url:
            event.add("url", e.url)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
