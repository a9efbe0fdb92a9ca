"""The roadmap as plain JSON-ready data: sections nested, measures with parsed deadlines.

Three queries whatever the size (sections, measures, their due dates and responsible).
"""
from __future__ import annotations

from collections import defaultdict

from ..models import Roadmap, Section
from ..selectors.table import measures_for_table
from .build import responsible_names


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def measure_as_dict(measure) -> dict:
    return {
        "number": measure.number,
        "text": measure.text,
        "deadline_text": measure.deadline_text,
        "deadline_kind": measure.deadline_kind,
        "starts_on": _iso(measure.starts_on),
        "due_dates": [d.due_on.isoformat() for d in measure.due_dates.all()],
        "needs_review": measure.needs_review,
        "responsible": responsible_names(measure),
        "result": measure.result,
        "output_form": measure.output_form,
    }


def roadmap_as_dict(roadmap: Roadmap) -> dict:
    sections = list(Section.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
                    .order_by("position", "id"))
    by_section: dict[int | None, list[dict]] = defaultdict(list)
    known = {s.id for s in sections}
    for m in measures_for_table(roadmap):
        by_section[m.section_id if m.section_id in known else None].append(measure_as_dict(m))
    nodes = {
        s.id: {"number": s.number, "title": s.title, "sections": [], "measures": by_section[s.id]}
        for s in sections
    }
    roots: list[dict] = []
    for s in sections:
        parent = nodes.get(s.parent_id)
        (parent["sections"] if parent is not None else roots).append(nodes[s.id])
    return {
        "id": roadmap.id,
        "title": roadmap.title,
        "district": roadmap.district.slug,
        "period_start": _iso(roadmap.period_start),
        "period_end": _iso(roadmap.period_end),
        "sections": roots,
        "measures": by_section[None],
    }
