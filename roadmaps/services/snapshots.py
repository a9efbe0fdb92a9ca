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
