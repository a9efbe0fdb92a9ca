"""What changed between two submissions of a school programme: pure code, no Django.

Both sides are the frozen content of a `Submission` (`services.snapshots.programme_snapshot`):
{"sections": [{"id", "number", "title", "risk_factor", …}], "measures": [{"id", "section_id",
"number", "text", …}]}. Measures and sections are matched by their id, which the editor
keeps for the life of a row; a measure moved to another section shows as a changed section.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# a measure's fields as a reviewer reads them, in the order of the printed table
MEASURE_FIELDS: tuple[tuple[str, str], ...] = (
    ("number", "Номер"),
    ("text", "Мероприятие"),
    ("deadline_text", "Срок"),
    ("responsible_text", "Ответственные"),
    ("result", "Результат"),
    ("output_form", "Форма"),
    ("indicator_name", "Целевой показатель"),
    ("indicator_unit", "Единица измерения"),
    ("indicator_base", "Базовое значение"),
    ("indicator_target", "Целевое значение"),
)
SECTION_LABEL = "Раздел"


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class MeasureChange:
    measure: dict  # the new side
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class SectionRename:
    section: dict  # the new side
    old_title: str
    old_number: str


@dataclass
class ProgrammeDiff:
    measures_added: list[dict] = field(default_factory=list)
    measures_removed: list[dict] = field(default_factory=list)
    measures_changed: list[MeasureChange] = field(default_factory=list)
    # only the number moved (a measure added or removed above it): listed apart, briefly
    measures_renumbered: list[MeasureChange] = field(default_factory=list)
    sections_added: list[dict] = field(default_factory=list)
    sections_removed: list[dict] = field(default_factory=list)
    sections_renamed: list[SectionRename] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.measures_added or self.measures_removed or self.measures_changed
                    or self.sections_added or self.sections_removed or self.sections_renamed)

    @property
    def count(self) -> int:
        return (len(self.measures_added) + len(self.measures_removed)
                + len(self.measures_changed) + len(self.sections_added)
                + len(self.sections_removed) + len(self.sections_renamed))


def _text(value) -> str:
    return "" if value is None else str(value)


def _section_label(section: dict | None) -> str:
    if not section:
        return "без раздела"
    return " ".join(p for p in (_text(section.get("number")), _text(section.get("title"))) if p)


def programme_diff(old: dict | None, new: dict) -> ProgrammeDiff:
    """The changes from `old` (None: the first submission, everything is added) to `new`."""
    old = old or {}
    diff = ProgrammeDiff()
    old_sections = {s["id"]: s for s in old.get("sections", [])}
    new_sections = {s["id"]: s for s in new.get("sections", [])}
    for sid, s in new_sections.items():
        before = old_sections.get(sid)
        if before is None:
            diff.sections_added.append(s)
        elif (_text(before.get("title")) != _text(s.get("title"))
              or _text(before.get("number")) != _text(s.get("number"))):
            diff.sections_renamed.append(SectionRename(s, _text(before.get("title")),
                                                       _text(before.get("number"))))
    diff.sections_removed = [s for sid, s in old_sections.items() if sid not in new_sections]

    old_measures = {m["id"]: m for m in old.get("measures", [])}
    new_ids = set()
    for m in new.get("measures", []):
        new_ids.add(m["id"])
        before = old_measures.get(m["id"])
        if before is None:
            diff.measures_added.append(m)
            continue
        changes = [FieldChange(label, _text(before.get(key)), _text(m.get(key)))
                   for key, label in MEASURE_FIELDS
                   if _text(before.get(key)) != _text(m.get(key))]
        if before.get("section_id") != m.get("section_id"):
            changes.append(FieldChange(
                SECTION_LABEL, _section_label(old_sections.get(before.get("section_id"))),
                _section_label(new_sections.get(m.get("section_id")))))
        if [c.label for c in changes] == ["Номер"]:
            diff.measures_renumbered.append(MeasureChange(m, tuple(changes)))
        elif changes:
            diff.measures_changed.append(MeasureChange(m, tuple(changes)))
    diff.measures_removed = [m for mid, m in old_measures.items() if mid not in new_ids]
    return diff
