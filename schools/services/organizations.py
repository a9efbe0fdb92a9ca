"""Writes of organisations: schools, supporting bodies, the district office."""
from __future__ import annotations

from django.db import transaction

from core import audit
from core.audit import Action
from core.versioning import version_claim

from ..models import District, Organization

ORGANIZATION_FIELDS = ("kind", "full_name", "short_name", "abbreviations", "director_name",
                       "fis_oko_login", "email", "is_active")


@transaction.atomic
def organization_create(*, district: District, acting_user, full_name: str, short_name: str,
                        kind: str = Organization.Kind.SCHOOL, abbreviations: str = "",
                        director_name: str = "", fis_oko_login: str = "", email: str = "",
                        is_active: bool = True) -> Organization:
    org = Organization(district=district, kind=kind, full_name=full_name.strip(),
                       short_name=short_name.strip(), abbreviations=abbreviations.strip(),
                       director_name=director_name.strip(), fis_oko_login=fis_oko_login.strip(),
                       email=email.strip().lower(), is_active=is_active)
    org.full_clean()
    org.save()
    audit.record(district_id=district.id, actor=acting_user, action=Action.CREATE, target=org,
           after=audit.snapshot(org, ORGANIZATION_FIELDS))
    return org


@transaction.atomic
def organization_update(*, organization: Organization, expected_version: int | None,
                        acting_user, **fields) -> Organization:
    """Save an organisation opened at `expected_version`; `core.versioning.StaleVersion`
    (with the saved organisation) if someone else saved it since."""
    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown organisation fields: {', '.join(sorted(unknown))}")
    version_claim(organization, expected_version,
                  message="Организация уже изменена другим пользователем")
    before = audit.snapshot(organization, ORGANIZATION_FIELDS)
    for name, value in fields.items():
        setattr(organization, name, value.strip() if isinstance(value, str) else value)
    organization.email = organization.email.lower()
    organization.full_clean()
    organization.save(update_fields=list(fields))
    audit.record(district_id=organization.district_id, actor=acting_user, action=Action.UPDATE,
           target=organization, before=before, after=audit.snapshot(organization, ORGANIZATION_FIELDS))
    return organization
