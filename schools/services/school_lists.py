"""Writes of flagged-school lists and their entries."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from core import audit
from core.audit import Action

from ..list_table import LOGIN, SchoolMatcher, SchoolRow
from ..models import District, Organization, SchoolList, SchoolListEntry

LIST_FIELDS = ("kind", "year", "source_document")
ENTRY_FIELDS = ("organization_id", "reason", "included_on", "excluded_on")


@transaction.atomic
def school_list_create(*, district: District, kind: str, year: int, acting_user,
                       source_document: str = "") -> SchoolList:
    school_list = SchoolList(district=district, kind=kind, year=year,
                             source_document=source_document.strip())
    school_list.full_clean()
    school_list.save()
    audit.record(district_id=district.id, actor=acting_user, action=Action.CREATE, target=school_list,
           after=audit.snapshot(school_list, LIST_FIELDS))
    return school_list


@transaction.atomic
def school_list_update(*, school_list: SchoolList, acting_user, source_document: str) -> SchoolList:
    before = audit.snapshot(school_list, LIST_FIELDS)
    school_list.source_document = source_document.strip()
    school_list.full_clean()
    school_list.save(update_fields=["source_document"])
    audit.record(district_id=school_list.district_id, actor=acting_user, action=Action.UPDATE,
           target=school_list, before=before, after=audit.snapshot(school_list, LIST_FIELDS))
    return school_list


@transaction.atomic
def school_list_entry_add(*, school_list: SchoolList, organization: Organization, acting_user,
                          reason: str = "", included_on=None, excluded_on=None) -> SchoolListEntry:
    entry = SchoolListEntry(district_id=school_list.district_id, school_list=school_list,
                            organization=organization, reason=reason.strip(),
                            included_on=included_on, excluded_on=excluded_on)
    entry.full_clean()
    entry.save()
    audit.record(district_id=school_list.district_id, actor=acting_user, action=Action.CREATE,
           target=entry, after=audit.snapshot(entry, ENTRY_FIELDS))
    return entry


@transaction.atomic
def school_list_entry_update(*, entry: SchoolListEntry, acting_user, reason: str,
                             included_on=None, excluded_on=None) -> SchoolListEntry:
    before = audit.snapshot(entry, ENTRY_FIELDS)
    entry.reason, entry.included_on, entry.excluded_on = reason.strip(), included_on, excluded_on
    entry.full_clean()
    entry.save(update_fields=["reason", "included_on", "excluded_on"])
    audit.record(district_id=entry.district_id, actor=acting_user, action=Action.UPDATE, target=entry,
           before=before, after=audit.snapshot(entry, ENTRY_FIELDS))
    return entry


@transaction.atomic
def school_list_entry_remove(*, entry: SchoolListEntry, acting_user) -> None:
    """Take a school off a list entirely (a school that left the list keeps its entry with
    a date out instead: that is an update)."""
    audit.record(district_id=entry.district_id, actor=acting_user, action=Action.DELETE, target=entry,
           before=audit.snapshot(entry, ENTRY_FIELDS))
    entry.delete()


# --- a list imported from a table ----------------------------------------------------------

def _schools(district: District):
    return Organization.objects.filter(district=district, kind=Organization.Kind.SCHOOL)


def _check_login_free(login: str, own: Organization | None = None) -> None:
    taken = Organization.objects.filter(fis_oko_login__iexact=login)
    if own is not None:
        taken = taken.exclude(pk=own.pk)
    if login and taken.exists():
        raise ValidationError(f"Логин ФИС ОКО {login} уже принадлежит другой организации.")


@transaction.atomic
def school_list_import(*, district: District, kind: str, year: int, rows: list[SchoolRow],
                       source_document: str = "", acting_user=None) -> tuple[SchoolList, int, int]:
    """Returns the list, the number of schools matched and the number created."""
    if kind not in SchoolList.Kind.values:
        raise ValidationError(f"Неизвестный вид перечня: {kind}.")
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
    audit.record(district_id=district.id, actor=acting_user, action=Action.IMPORT, target=school_list,
                 after={"rows": len(rows), "matched": matched, "created": created})
    return school_list, matched, created
