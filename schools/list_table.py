"""Flagged-school lists read from a table: full name, short name, ФИС ОКО login, reason.
Pure: takes a `RawDocument` of the shared readers; matching takes the organisations."""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.reading.document import RawDocument, Table
from core.reading.errors import DocumentError

COLUMN_PATTERNS = {
    "login": r"логин|фис\s*око|код\s*оо|sch\d",
    "short_name": r"кратк|сокращ",
    "full_name": r"полное|наименование|название|образовательн|организац|школа",
    "director": r"руководител|директор|фио",
    "reason": r"причин|основани|критери|показател|результат",
}
LOGIN = re.compile(r"^sch\d{4,}$", re.IGNORECASE)
MAX_SCHOOLS = 2_000  # a district has tens to hundreds of schools; each row costs queries


@dataclass
class SchoolRow:
    full_name: str
    short_name: str
    login: str
    director: str
    reason: str


def _map_columns(header: list[str]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for field, pattern in COLUMN_PATTERNS.items():
        for i, cell in enumerate(header):
            if i not in mapping.values() and re.search(pattern, cell.casefold()):
                mapping[field] = i
                break
    return mapping


def _cell(cells: list[str], i: int) -> str:
    return " ".join(cells[i].split()) if i < len(cells) else ""


def parse_school_table(doc: RawDocument) -> list[SchoolRow]:
    tables = [b for b in doc.blocks if isinstance(b, Table) and len(b.rows) >= 2]
    if not tables:
        raise DocumentError("В файле не найдена таблица школ (нужны столбцы с наименованием школы).")
    rows: list[SchoolRow] = []
    mapping: dict[str, int] = {}
    for table in tables:
        body = table.rows
        found = _map_columns(body[0])
        if "full_name" in found or "short_name" in found:
            mapping, body = found, body[1:]
        if not mapping:
            continue
        for cells in body:
            values = {field: _cell(cells, i) for field, i in mapping.items()}
            full, short = values.get("full_name", ""), values.get("short_name", "")
            if not (full or short):
                continue
            rows.append(SchoolRow(full_name=full or short, short_name=short or full,
                                  login=values.get("login", "").lower(),
                                  director=values.get("director", ""),
                                  reason=values.get("reason", "")))
    if len(rows) > MAX_SCHOOLS:
        raise DocumentError(
            f"В таблице {len(rows)} строк со школами, а в перечне муниципалитета может быть "
            f"не больше {MAX_SCHOOLS}. Проверьте, что загружен нужный файл."
        )
    if not rows:
        raise DocumentError(
            "В таблице не найдено ни одной школы: нужен столбец «Наименование» "
            "или «Краткое наименование»."
        )
    return rows


class SchoolMatcher:
    """Finds a district's school by ФИС ОКО login, then short name, then full name."""

    def __init__(self, organizations: list):
        self.by_login = {o.fis_oko_login.lower(): o for o in organizations if o.fis_oko_login}
        self.by_name: dict[str, object] = {}
        for o in organizations:
            for name in (o.short_name, o.full_name, *o.alternative_names):
                self.by_name.setdefault(name.casefold(), o)

    def match(self, row: SchoolRow):
        return ((self.by_login.get(row.login) if row.login else None)
                or self.by_name.get(row.short_name.casefold())
                or self.by_name.get(row.full_name.casefold()))

    def add(self, org) -> None:
        self.by_name[org.short_name.casefold()] = org
