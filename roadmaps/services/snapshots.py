"""What the audit trail keeps of a measure or a section: enough to show a change and to
bring a deleted one back."""
from __future__ import annotations

from ..models import Measure, MeasureResponsible, Section

# with a school programme's target indicator (what, unit, base value, target value)
CONTENT_FIELDS = ("text", "deadline_text", "responsible_text", "result", "output_form",
                  "indicator_name", "indicator_unit", "indicator_base", "indicator_target")


def measure_snapshot(measure: Measure) -> dict:
    return {
        "number": measure.number,
        **{f: getattr(measure, f) for f in CONTENT_FIELDS},
        "section_id": measure.section_id,
        "position": measure.position,
        "responsible_ids": list(
            MeasureResponsible.objects.filter(measure=measure).values_list("organization_id", flat=True)
        ) if measure.pk else [],
    }


def measure_full_snapshot(measure: Measure, responsible_ids: list[int] | None = None) -> dict:
    """Everything needed to bring a deleted measure back."""
    snap = measure_snapshot(measure) if responsible_ids is None else {
        **{f: getattr(measure, f) for f in ("number", *CONTENT_FIELDS, "section_id", "position")},
        "responsible_ids": responsible_ids,
    }
    snap.update(number_locked=measure.number_locked, review_notes=measure.review_notes,
                needs_review=measure.needs_review, id=measure.pk)
    return snap


def section_snapshot(section: Section) -> dict:
    return {"id": section.pk, "number": section.number, "number_locked": section.number_locked,
            "title": section.title, "parent_id": section.parent_id, "position": section.position}


# --- a school programme as submitted (roadmaps.services.workflow) -------------------------

def programme_snapshot(roadmap) -> dict:
    """The whole programme as it prints, frozen into a submission: its sections (with the
    risk direction of each) and measures in print order, every text exactly as written.

    A fixed number of queries (the table's, and one for the sections' risk directions)."""
    from ..documents.build import _responsible_label
    from ..selectors.table import roadmap_table

    risk = dict(Section.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
                .values_list("id", "risk_factor__title"))
    sections, measures = [], []
    for block in roadmap_table(roadmap):
        s = block.section
        if s is not None:
            sections.append({"id": s.pk, "number": s.number, "title": s.title,
                             "parent_id": s.parent_id, "depth": block.depth,
                             "risk_factor": risk.get(s.pk) or ""})
        for m in block.measures:
            measures.append({
                "id": m.pk, "section_id": m.section_id, "number": m.number,
                "text": m.text, "deadline_text": m.deadline_text,
                "responsible_text": _responsible_label(m), "result": m.result,
                "output_form": m.output_form,
                **{f: getattr(m, f) for f in CONTENT_FIELDS if f.startswith("indicator_")},
            })
    school = roadmap.school
    return {
        "title": roadmap.title,
        "school": school.short_name if school else "",
        "school_full_name": getattr(school, "full_name", "") if school else "",
        "district": roadmap.district.name,
        "period_start": roadmap.period_start.isoformat(),
        "period_end": roadmap.period_end.isoformat(),
        "sections": sections,
        "measures": measures,
    }
