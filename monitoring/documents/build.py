"""The summary report of a round, built from its figures: one chart for the page and the
PDF (core.charts), the same rows and sections for PDF and DOCX."""
from __future__ import annotations

from datetime import date

from core.charts import stacked_bar_svg

from ..models import MonitoringRound
from ..selectors.rounds import RoundFigures
from .data import SummaryDocument, SummaryRow, SummarySection, paragraphs

SERIES = [("Выполнено", "#2e7d32"), ("Просрочено", "#c62828"), ("Срок не наступил или в работе", "#9aa5b1")]
NO_TEXT = "Раздел не заполнен."


def summary_chart_svg(figures: RoundFigures, *, width: int = 640) -> str:
    """Per school: done, overdue and the rest of its items (a stacked bar each)."""
    rows = [(f.school.short_name, [f.done, f.overdue, max(f.due - f.done - f.overdue, 0)])
            for f in figures.schools]
    return stacked_bar_svg(rows, SERIES, title="Исполнение мероприятий по школам",
                           width=width)


def _row(name: str, f) -> SummaryRow:
    name = name.replace("№ ", "№\u00a0")  # «№ 1» never breaks across lines
    return SummaryRow(school=name, due=f.due, reported=f.reported, done=f.done, overdue=f.overdue)


def round_period(round_: MonitoringRound) -> str:
    return f"с {round_.starts_on:%d.%m.%Y} по {round_.ends_on:%d.%m.%Y}"


def summary_document(round_: MonitoringRound, figures: RoundFigures, *, today: date,
                     chart_svg: str = "") -> SummaryDocument:
    district = round_.district
    sections = [
        SummarySection("1. Что сделано", paragraphs(round_.summary_done) or [NO_TEXT]),
        SummarySection("2. Проблемы", paragraphs(round_.summary_problems) or [NO_TEXT]),
        SummarySection("3. Решения", paragraphs(round_.summary_decisions) or [NO_TEXT]),
    ]
    notes = [f"Учтены сроки мероприятий {round_period(round_)} в дорожных картах и программах "
             f"школ, утверждённых приказом; «просрочено» — срок прошёл к {today:%d.%m.%Y}, "
             "выполнение не подтверждено."]
    return SummaryDocument(
        header_lines=district.header_lines or [district.name],
        title="Информационная справка о ходе реализации дорожных карт школ с низкими "
              "образовательными результатами и школ, функционирующих в неблагоприятных "
              "социальных условиях",
        subtitle=f"по итогам мониторинга «{round_.title}» за период {round_period(round_)}",
        place=district.place,
        date_label=f"{today:%d.%m.%Y}",
        rows=[_row(f.school.short_name, f) for f in figures.schools],
        total=_row("Итого", figures.total),
        sections=sections,
        signatory_position=district.head_position or "Руководитель",
        signatory_name=district.head_name,
        chart_svg=chart_svg,
        notes=notes,
    )
