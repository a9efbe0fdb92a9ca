"""Deriving a measure's deadline: the one place where the text as written becomes its
kind, start and due dates. Every path that writes a deadline (the editor, the import,
a copy of last year's roadmap, a restore, a new period, the admin) calls it."""
from __future__ import annotations

from collections.abc import Sequence

from ..deadlines import parse_deadline
from ..models import DueDate, Measure, Roadmap

DERIVED_FIELDS = ("deadline_kind", "starts_on", "needs_review")
BATCH = 500


def measures_derive_deadlines(*, roadmap: Roadmap, measures: Sequence[Measure]) -> None:
    """Read each saved measure's `deadline_text` against the roadmap's period: store its
    kind, start and `needs_review` (also set while review notes remain), and replace its
    due dates. Three queries for any number of measures."""
    due_rows = []
    for m in measures:
        parsed = parse_deadline(m.deadline_text, roadmap.period_start, roadmap.period_end)
        m.deadline_kind, m.starts_on = parsed.kind, parsed.starts_on
        m.needs_review = parsed.needs_review or bool(m.review_notes)
        due_rows += [DueDate(district_id=m.district_id, measure=m, due_on=d)
                     for d in sorted(set(parsed.due_dates))]
    if not measures:
        return
    Measure.objects.bulk_update(measures, DERIVED_FIELDS, batch_size=BATCH)
    DueDate.objects.filter(district_id=roadmap.district_id,
                           measure__in=[m.pk for m in measures]).delete()
    DueDate.objects.bulk_create(due_rows, batch_size=BATCH)
