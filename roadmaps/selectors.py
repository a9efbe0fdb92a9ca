"""Reads for roadmap pages: each returns data already shaped for its page."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from schools.access import scope
from schools.models import Organization

from .models import DueDate, Measure, MeasureResponsible, Roadmap, Section


def school_roadmaps(school: Organization, user) -> QuerySet[Roadmap]:
    return scope(Roadmap.objects.filter(district_id=school.district_id, school=school), user).order_by(
        "-period_start"
    )


@dataclass
class SectionBlock:
    """A section with its measures and sub-sections, in print order."""

    section: Section | None
    measures: list[Measure] = field(default_factory=list)
    children: list[SectionBlock] = field(default_factory=list)
    depth: int = 0


def measures_for_table(roadmap: Roadmap) -> QuerySet[Measure]:
    responsible = MeasureResponsible.objects.select_related("organization").order_by("position")
    return (
        Measure.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
        .prefetch_related(
            Prefetch("due_dates", queryset=DueDate.objects.order_by("due_on")),
            Prefetch("responsible_links", queryset=responsible, to_attr="responsible_list"),
        )
        .order_by("position", "id")
    )


def roadmap_table(roadmap: Roadmap) -> list[SectionBlock]:
    """The roadmap as it prints: top-level measures first, then sections, nested.

    Three queries whatever the size: sections, measures, due dates (+ responsible links).
    """
    sections = list(
        Section.objects.filter(district_id=roadmap.district_id, roadmap=roadmap).order_by(
            "position", "id"
        )
    )
    blocks = {s.id: SectionBlock(section=s) for s in sections}
    root = SectionBlock(section=None)
    for s in sections:
        parent = blocks.get(s.parent_id, root) if s.parent_id else root
        blocks[s.id].depth = parent.depth + 1 if parent is not root else 0
        parent.children.append(blocks[s.id])
    for m in measures_for_table(roadmap):
        blocks.get(m.section_id, root).measures.append(m)
    return [root, *_flatten(root.children)]


def _flatten(blocks: list[SectionBlock]) -> list[SectionBlock]:
    out: list[SectionBlock] = []
    for b in blocks:
        out.append(b)
        out.extend(_flatten(b.children))
    return out
