"""Flagged-school lists from a table: full name, short name, ФИС ОКО login, reason.

`parse_school_table` is pure (it reads a `RawDocument` of the shared readers);
`school_list_import` matches each row to the district's organisations or creates them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction

from roadmaps.importers.document import RawDocument, Table
from roadmaps.importers.errors import DocumentError
from roadmaps.services import audit_record

from .models import District, Organization, SchoolList, SchoolListEntry

COLUMN_PATTERNS = {
    "login": r"логин|фис\s*око|код\s*оо|sch\d",
    "short_name": r"кратк|сокращ",
    "full_name": r"полное|наименование|название|образовательн|организац|школа",
    "director": r"руководител|директор|фио",
    "reason": r"причин|основани|критери|показател|результат",
}
LOGIN = re.compile(r"^sch\d{4,}$", re.IGNORECASE)


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
    if not rows:
        raise DocumentError(
            "В таблице не найдено ни одной школы: нужен столбец «Наименование» "
            "или «Краткое наименование»."
        )
    return rows


class SchoolMatcher:
    """Finds a district's school by ФИС ОКО login, then short name, then full name."""

    def __init__(self, organizations: list[Organization]):
        self.by_login = {o.fis_oko_login.lower(): o for o in organizations if o.fis_oko_login}
        self.by_name: dict[str, Organization] = {}
        for o in organizations:
            for name in (o.short_name, o.full_name, *o.alternative_names):
                self.by_name.setdefault(name.casefold(), o)

    def match(self, row: SchoolRow) -> Organization | None:
        return ((self.by_login.get(row.login) if row.login else None)
                or self.by_name.get(row.short_name.casefold())
                or self.by_name.get(row.full_name.casefold()))

    def add(self, org: Organization) -> None:
        self.by_name[org.short_name.casefold()] = org


def preview_matches(district: District, rows: list[SchoolRow]) -> list[tuple[SchoolRow, Organization | None]]:
    matcher = SchoolMatcher(list(_schools(district)))
    return [(row, matcher.match(row)) for row in rows]


def _schools(district: District):
    return Organization.objects.filter(district=district, kind=Organization.Kind.SCHOOL)


def _check_login_free(login: str, own: Organization | None = None) -> None:
    taken = Organization.objects.filter(fis_oko_login__iexact=login)
    if own is not None:
        taken = taken.exclude(pk=own.pk)
    if login and taken.exists():
        raise DocumentError(f"Логин ФИС ОКО {login} уже принадлежит другой организации.")


@transaction.atomic
def school_list_import(*, district: District, kind: str, year: int, rows: list[SchoolRow],
                       source_document: str = "", acting_user=None) -> tuple[SchoolList, int, int]:
    """Returns the list, the number of schools matched and the number created."""
    if kind not in SchoolList.Kind.values:
        raise DocumentError(f"Неизвестный вид перечня: {kind}.")
    school_list, _ = SchoolList.objects.get_or_create(
        district=district, kind=kind, year=year, defaults={"source_document": source_document}
    )
    matcher = SchoolMatcher(list(_schools(district)))
    matched = created = 0
    for row in rows:
        org = matcher.match(row)
        if org is None:
            _check_login_free(row.login)
            org = Organization(district=district, kind=Organization.Kind.SCHOOL,
                               full_name=row.full_name[:500], short_name=row.short_name[:200],
                               fis_oko_login=row.login if LOGIN.match(row.login) else "",
                               director_name=row.director[:200])
            org.full_clean()
            org.save()
            matcher.add(org)
            created += 1
        else:
            matched += 1
            if row.login and not org.fis_oko_login and LOGIN.match(row.login):
                _check_login_free(row.login, own=org)
                org.fis_oko_login = row.login
                org.save(update_fields=["fis_oko_login"])
        entry = (SchoolListEntry.objects.filter(school_list=school_list, organization=org).first()
                 or SchoolListEntry(school_list=school_list, organization=org, district=district))
        entry.reason = row.reason
        entry.full_clean()
        entry.save()
    audit_record(district_id=district.id, actor=acting_user, action="import", target=school_list,
                 after={"rows": len(rows), "matched": matched, "created": created})
    return school_list, matched, created
