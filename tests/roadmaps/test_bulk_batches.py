"""Writes that touch many rows at once send them in batches: no UPDATE with a CASE of
thousands of branches that pins a database core and holds the roadmap's locks."""
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadmaps.models import Section
from roadmaps.services.sections import section_move


def rows_per_update(queries) -> int:
    """bulk_update writes one CASE per field with a WHEN per row."""
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    return max(sql.count(" WHEN ") // max(sql.count("CASE"), 1) for sql in updates)


def test_moving_a_section_among_600_renumbers_them_in_batches(roadmap, coordinator_a):
    Section.objects.bulk_create([
        Section(district=roadmap.district, roadmap=roadmap, title=f"Раздел {i}", position=100 + i)
        for i in range(600)
    ])
    last = Section.objects.filter(roadmap=roadmap).order_by("-position").first()

    with CaptureQueriesContext(connection) as queries:
        section_move(section=last, acting_user=coordinator_a, parent=None, index=0)

    assert Section.objects.filter(roadmap=roadmap).order_by("position").first() == last
    assert rows_per_update(queries) <= 500
