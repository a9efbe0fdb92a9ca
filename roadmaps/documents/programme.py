"""A school programme as submitted, to PDF: the frozen content of a `Submission` (plain
data, `snapshots.programme_snapshot`) laid out by WeasyPrint like the order's roadmap
table (landscape A4, the same fonts and grid, `pdf.StaticOnlyFetcher`).

The header names the school, the programme and «Подана 05.12.2026, версия № 2»."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string

from .data import RoadmapTable, TableRow
from .pdf import html_to_pdf

TEMPLATE = "roadmaps/documents/programme.html"


def indicator_line(m: dict) -> str:
    """«Целевой показатель: доля … (%): 12 → 30»; empty when the measure has none."""
    name = (m.get("indicator_name") or "").strip()
    base, target = (m.get("indicator_base") or "").strip(), (m.get("indicator_target") or "").strip()
    if not (name or base or target):
        return ""
    unit = (m.get("indicator_unit") or "").strip()
    words = "Целевой показатель" + (f": {name}" if name else "") + (f" ({unit})" if unit else "")
    if base and target:
        return f"{words}: {base} → {target}"
    if base:
        return f"{words}: базовое {base}"
    if target:
        return f"{words}: целевое {target}"
    return words


def programme_table(content: dict) -> RoadmapTable:
    """The frozen sections and measures as table rows, in the order they were submitted."""
    by_section: dict[int | None, list[dict]] = {}
    for m in content.get("measures", []):
        by_section.setdefault(m.get("section_id"), []).append(m)

    def measure_row(m: dict) -> TableRow:
        result = "\n".join(p for p in (m.get("result", ""), indicator_line(m)) if p)
        return TableRow(is_section=False, number=m.get("number", ""), text=m.get("text", ""),
                        deadline_text=m.get("deadline_text", ""),
                        responsible=m.get("responsible_text", ""), result=result,
                        output_form=m.get("output_form", ""))

    rows = [measure_row(m) for m in by_section.get(None, [])]
    for s in content.get("sections", []):
        rows.append(TableRow(is_section=True, number=s.get("number", ""), text=s.get("title", ""),
                             depth=s.get("depth", 0)))
        rows.extend(measure_row(m) for m in by_section.get(s["id"], []))
    measures = [r for r in rows if not r.is_section]
    return RoadmapTable(title=content.get("title", ""), rows=rows,
                        show_result=any(r.result for r in measures),
                        show_output_form=any(r.output_form for r in measures))


@dataclass(frozen=True)
class ProgrammeDocument:
    school: str
    school_full_name: str
    district: str
    title: str
    period: str
    stamp: str  # «Подана 05.12.2026, версия № 2»
    table: RoadmapTable


def _period(content: dict) -> str:
    try:
        start = date.fromisoformat(content["period_start"])
        end = date.fromisoformat(content["period_end"])
    except (KeyError, ValueError):
        return ""
    return f"{start:%d.%m.%Y} – {end:%d.%m.%Y}"


def stamp_label(number: int, submitted_at: datetime, zone: ZoneInfo) -> str:
    return f"Подана {submitted_at.astimezone(zone):%d.%m.%Y}, версия № {number}"


def programme_document(content: dict, *, number: int, submitted_at: datetime,
                       zone: ZoneInfo) -> ProgrammeDocument:
    return ProgrammeDocument(
        school=content.get("school", ""), school_full_name=content.get("school_full_name", ""),
        district=content.get("district", ""), title=content.get("title", ""),
        period=_period(content), stamp=stamp_label(number, submitted_at, zone),
        table=programme_table(content))


def render_programme_pdf(content: dict, *, number: int, submitted_at: datetime,
                         zone: ZoneInfo) -> bytes:
    doc = programme_document(content, number=number, submitted_at=submitted_at, zone=zone)
    return html_to_pdf(render_to_string(TEMPLATE, {"doc": doc}))
