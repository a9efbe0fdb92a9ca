"""The summary report as plain data: what both renderers print (no Django)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SummaryRow:
    school: str
    due: int
    reported: int
    done: int
    overdue: int

    @property
    def percent_label(self) -> str:
        if not self.due:
            return "—"
        return f"{round(100 * self.done / self.due)} %"


@dataclass(frozen=True)
class SummarySection:
    heading: str
    paragraphs: list[str]


@dataclass(frozen=True)
class SummaryDocument:
    header_lines: list[str]
    title: str
    subtitle: str
    place: str
    date_label: str
    rows: list[SummaryRow]
    total: SummaryRow
    sections: list[SummarySection]
    signatory_position: str
    signatory_name: str
    chart_svg: str = ""
    notes: list[str] = field(default_factory=list)

    HEADERS = ("№", "Школа", "Мероприятий к сроку", "Отчитались", "Выполнено",
               "Выполнено, %", "Просрочено")

    def table_cells(self) -> list[list[str]]:
        out = []
        for i, row in enumerate(self.rows, 1):
            out.append([str(i), row.school, str(row.due), str(row.reported), str(row.done),
                        row.percent_label, str(row.overdue)])
        return out

    def total_cells(self) -> list[str]:
        t = self.total
        return ["", "Итого", str(t.due), str(t.reported), str(t.done), t.percent_label,
                str(t.overdue)]


def paragraphs(text: str) -> list[str]:
    """A section typed in the editor: its non-empty lines are its paragraphs."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
