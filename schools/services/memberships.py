"""Roles and object grants: memberships, a director's school, a curator's schools.

Every change of what a person may see leaves an audit record (who gave or took what)."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from core import audit
from core.access import forget_grants
from core.audit import Action

from ..access import DIRECT, FOLLOW
from ..models import District, Membership, Organization, Region, Role, User


def _membership_record(membership: Membership, action: Action, acting_user) -> None:
    audit.record(district_id=membership.district_id, actor=acting_user, action=action,
                 target=membership.user, target_type="user",
                 after={"role": membership.role, "district_id": membership.district_id,
                        "region_id": membership.region_id,
                        "organization_id": membership.organization_id})


@transaction.atomic
def membership_grant(*, user: User, role: str, district: District | None = None,
                     organization: Organization | None = None,
                     region: Region | None = None, acting_user=None) -> Membership:
    """Give a person a role. A director's school also becomes a guardian object grant."""
    if role == Role.DIRECTOR:
        if organization is None:
            raise ValidationError("Для роли директора укажите школу.")
        district = organization.district
    membership, created = Membership.objects.get_or_create(
        user=user, role=role, district=district, organization=organization, region=region
    )
    membership.full_clean()
    if role == Role.DIRECTOR:
        assign_perm(f"schools.{DIRECT}", user, organization)
    forget_grants(user)
    if created:
        _membership_record(membership, Action.GRANT, acting_user)
    return membership


@transaction.atomic
def curator_assign_schools(*, curator: User, district: District,
                           schools: list[Organization], acting_user: User | None = None) -> None:
    """Set exactly which schools of the district a curator follows, and record what they were."""
    if not Membership.objects.filter(user=curator, role=Role.CURATOR, district=district).exists():
        raise ValidationError("Пользователь не является куратором этого муниципалитета.")
    wanted = {s.id for s in schools}
    if any(s.district_id != district.id for s in schools):
        raise ValidationError("Школа относится к другому муниципалитету.")
    current = set(
        Organization.objects.filter(
            district=district,
            organizationuserobjectpermission__user=curator,
            organizationuserobjectpermission__permission__codename=FOLLOW,
        ).values_list("id", flat=True)
    )
    for org in Organization.objects.filter(id__in=wanted - current):
        assign_perm(f"schools.{FOLLOW}", curator, org)
    for org in Organization.objects.filter(id__in=current - wanted):
        remove_perm(f"schools.{FOLLOW}", curator, org)
    forget_grants(curator)
    if wanted != current:
        audit.record(district_id=district.id, actor=acting_user, action=Action.GRANT,
                     target=curator, target_type="user", before={"curator_schools": sorted(current)},
                     after={"curator_schools": sorted(wanted)})


def membership_sync_grants(*, membership: Membership, acting_user=None) -> None:
    """After a membership was saved elsewhere (the admin): its object grant, and the record."""
    if membership.role == Role.DIRECTOR and membership.organization_id:
        assign_perm(f"schools.{DIRECT}", membership.user, membership.organization)
    forget_grants(membership.user)
    _membership_record(membership, Action.GRANT, acting_user)


@transaction.atomic
def membership_revoke(*, membership: Membership, acting_user=None) -> None:
    """Take a role away together with the object grants that came with it."""
    user = membership.user
    if membership.role == Role.DIRECTOR and membership.organization_id:
        remove_perm(f"schools.{DIRECT}", user, membership.organization)
    if membership.role == Role.CURATOR and membership.district_id:
        followed = Organization.objects.filter(
            district_id=membership.district_id,
            organizationuserobjectpermission__user=user,
            organizationuserobjectpermission__permission__codename=FOLLOW,
        )
        for org in followed:
            remove_perm(f"schools.{FOLLOW}", user, org)
    _membership_record(membership, Action.REVOKE, acting_user)
    membership.delete()
    forget_grants(user)
