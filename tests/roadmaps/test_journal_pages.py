"""The roadmap's journal comes a page at a time, by keyset (created_at, id)."""
import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import AuditRecord
from roadmaps.selectors.history import PAGE_SIZE, Cursor

TOTAL = 2 * PAGE_SIZE + 50
HX = {"HTTP_HX_REQUEST": "true"}


def _journal(roadmap):
    """TOTAL records; the newest 120 share one moment (keyset must break the tie by id)."""
    AuditRecord.objects.bulk_create([
        AuditRecord(district=roadmap.district, action=AuditRecord.Action.CREATE,
                    target_type="measure", target_id=i + 1, roadmap_id_ref=roadmap.pk,
                    after={"text": f"Запись {i:03d}"})
        for i in range(TOTAL)
    ])
    moment = timezone.now() - timedelta(days=1)
    for i, record in enumerate(AuditRecord.objects.filter(roadmap_id_ref=roadmap.pk)
                               .exclude(after__text=None).order_by("id")):
        record.created_at = moment if i >= TOTAL - 120 else moment - timedelta(seconds=TOTAL - i)
        record.save(update_fields=["created_at"])


def _shown(html: str) -> list[int]:
    return [int(n) for n in re.findall(r"Запись (\d{3})", html)]


def _next(html: str) -> str | None:
    found = re.search(r'hx-get="[^"]*\?after=([0-9-]+)"', html)
    return found.group(1) if found else None


def test_the_journal_shows_a_page_and_loads_the_rest_with_the_same_queries_per_page(
    client_for, coordinator_a, roadmap_a
):
    _journal(roadmap_a)
    client = client_for(coordinator_a)
    url = reverse("roadmap_history", args=[roadmap_a.district.slug, roadmap_a.pk])

    with CaptureQueriesContext(connection) as first_page:
        html = client.get(url).content.decode()
    seen = _shown(html)
    assert len(seen) == PAGE_SIZE and "Показать ещё" in html
    token = _next(html)
    with CaptureQueriesContext(connection) as second_full_page:
        html = client.get(url, {"after": token}).content.decode()
    assert html.startswith("<!doctype html>") and "К последним изменениям" in html
    assert len(_shown(html)) == PAGE_SIZE
    assert len(second_full_page) == len(first_page)

    with CaptureQueriesContext(connection) as second_fragment:
        fragment = client.get(url, {"after": token}, **HX).content.decode()
    assert not fragment.lstrip().startswith("<!doctype") and "<table" not in fragment
    seen += _shown(fragment)
    with CaptureQueriesContext(connection) as last_fragment:
        fragment = client.get(url, {"after": _next(fragment)}, **HX).content.decode()
    seen += _shown(fragment)
    assert len(last_fragment) == len(second_fragment)
    assert "Показать ещё" not in fragment and len(_shown(fragment)) == 50

    assert sorted(seen) == list(range(TOTAL))  # every record once, newest first
    assert seen[:3] == [TOTAL - 1, TOTAL - 2, TOTAL - 3]


def test_a_short_journal_has_no_more_link_and_a_bad_cursor_is_the_first_page(
    client_for, coordinator_a, roadmap_a
):
    AuditRecord.objects.create(district=roadmap_a.district, action=AuditRecord.Action.CREATE,
                               target_type="measure", target_id=1, roadmap_id_ref=roadmap_a.pk,
                               after={"text": "Запись 000"})
    url = reverse("roadmap_history", args=[roadmap_a.district.slug, roadmap_a.pk])
    client = client_for(coordinator_a)
    html = client.get(url).content.decode()
    assert _shown(html) == [0] and "Показать ещё" not in html
    assert _shown(client.get(url, {"after": "x' or 1=1"}).content.decode()) == [0]
    assert Cursor.parse("12-7") == Cursor.parse(Cursor.parse("12-7").token)


def test_another_districts_coordinator_gets_404_for_a_page_of_the_journal(
    client_for, coordinator_b, roadmap_a
):
    url = reverse("roadmap_history", args=[roadmap_a.district.slug, roadmap_a.pk])
    assert client_for(coordinator_b).get(url, {"after": "1-1"}, **HX).status_code == 404
