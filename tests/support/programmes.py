"""School programmes in a given state of the cycle, for the tests of who sees what.

The rows are written directly (a submission, the transition that put the programme where it
is, open comments), so these tests do not depend on the workflow service's rules."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.db import connection

from roadmaps.models import Comment, Roadmap, Submission, Transition
from schools.models import Role
from tests.factories import OrganizationFactory, RoadmapFactory

Status = Roadmap.Status
T0 = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)


def programme(district, status=Status.DRAFT, *, school=None, submitted=None, number=1,
              arrived=None, comments=0, **fields) -> Roadmap:
    """A school's programme in `status`; `submitted` (a datetime) adds submissions 1..number,
    `arrived` the transition into the status, `comments` open threads."""
    school = school or OrganizationFactory(district=district)
    p = RoadmapFactory(district=district, school=school, status=status, **fields)
    if submitted is not None:
        for n in range(1, number + 1):
            Submission.objects.create(district=district, roadmap=p, number=n,
                                      submitted_at=submitted - timedelta(days=number - n),
                                      content={})
    if arrived is not None:
        Transition.objects.create(district=district, roadmap=p, from_status=Status.DRAFT,
                                  to_status=status, comment="")
        Transition.objects.filter(roadmap=p).update(created_at=arrived)
    for i in range(comments):
        Comment.objects.create(district=district, roadmap=p, author_role=Role.REGIONAL,
                               text=f"Замечание {i + 1}")
    return p


def touch(roadmap: Roadmap, moment: datetime) -> None:
    """Set `updated_at` (auto_now) to a known moment."""
    Roadmap.objects.filter(pk=roadmap.pk).update(updated_at=moment)


def no_offset(queries) -> bool:
    return not any(" OFFSET " in q["sql"].upper() for q in queries)


__all__ = ["programme", "touch", "no_offset", "T0", "Status", "connection"]
