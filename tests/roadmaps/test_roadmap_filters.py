"""Filters of the roadmap table: responsible body, school, needs review, due this month, overdue."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from roadmaps.selectors.table import TableFilters, roadmap_table, today_in
from roadmaps.services.measures import measure_create

pytestmark = pytest.mark.django_db


def shown(roadmap, **filters) -> list[str]:
    f = TableFilters(**{"today": date(2026, 4, 15), **filters})
    return [m.text for b in roadmap_table(roadmap, f) if b.shown for m in b.measures]


def test_by_responsible_body(roadmap, measures, body_a):
    assert shown(roadmap, responsible=body_a.pk) == ["Консультации педагогов"]


def test_by_school(roadmap, measures, school_a, body_a):
    assert shown(roadmap, school=school_a.pk) == ["Разработка школьных программ"]
    assert shown(roadmap, school=body_a.pk) == []


def test_needing_review(roadmap, measures, coordinator_a):
    measure_create(roadmap=roadmap, acting_user=coordinator_a, text="Неясный срок",
                           deadline_text="как получится")
    assert shown(roadmap, needs_review=True) == ["Неясный срок"]


def test_due_this_month(roadmap, measures):
    assert shown(roadmap, due="month") == ["Разработка школьных программ"]


def test_overdue_means_a_due_date_before_today(roadmap, measures):
    assert shown(roadmap, due="overdue") == ["Утверждение состава рабочей группы",
                                             "Консультации педагогов"]


def test_a_section_without_matches_is_hidden_when_filtering(roadmap, measures, body_a, section_one):
    blocks = roadmap_table(roadmap, TableFilters(responsible=body_a.pk, today=date(2026, 4, 15)))
    assert {b.section.pk: b.shown for b in blocks if b.section}[section_one.pk] is False


def test_today_is_the_regions_today(roadmap, monkeypatch):
    from django.utils import timezone

    # 20:30 in Moscow on 31 March is already 1 April in Tomsk
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 3, 31, 17, 30, tzinfo=ZoneInfo("UTC")))
    assert today_in(roadmap) == date(2026, 4, 1)


def test_filters_are_get_parameters_of_the_page(client_for, coordinator_a, roadmap, measures, body_a):
    html = client_for(coordinator_a).get(
        reverse("roadmap_detail", args=[roadmap.district.slug, roadmap.pk]),
        {"responsible": body_a.pk}).content.decode()
    assert "Консультации педагогов" in html
    assert "Утверждение состава рабочей группы" not in html
    assert "1 мероприятие" in html and "Сбросить" in html
