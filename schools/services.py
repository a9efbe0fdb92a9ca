"""Writes for regions, districts, organisations, people and their roles."""
from __future__ import annotations

import secrets

from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from .access import DIRECT, FOLLOW, forget_grants
from .models import District, Membership, Organization, Region, Role, User


@transaction.atomic
def region_get_or_create(*, name: str, time_zone: str, slug: str | None = None) -> tuple[Region, bool]:
    region = Region.objects.filter(name=name).first()
    if region:
        if region.time_zone != time_zone:
            region.time_zone = time_zone
            region.full_clean()
            region.save(update_fields=["time_zone"])
        return region, False
    region = Region(name=name, time_zone=time_zone, slug=slug or _unique_region_slug(name))
    region.full_clean()
    region.save()
    return region, True


def _unique_region_slug(name: str) -> str:
    from django.utils.text import slugify

    base = slugify(_transliterate(name))[:50] or "region"
    slug, n = base, 1
    while Region.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


_TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"],
    strict=True,
))


def _transliterate(text: str) -> str:
    return "".join(_TRANSLIT.get(ch, ch) for ch in text.lower())


@transaction.atomic
def district_get_or_create(*, region: Region, name: str, slug: str) -> tuple[District, bool]:
    district = District.objects.filter(slug=slug).first()
    if district:
        if district.region_id != region.id or district.name != name:
            raise ValueError(
                f"Адрес «{slug}» уже занят муниципалитетом «{district.name}» ({district.region})."
            )
        return district, False
    district = District(region=region, name=name, slug=slug)
    district.full_clean()
    district.save()
    Organization.objects.create(
        district=district, kind=Organization.Kind.DISTRICT_OFFICE,
        full_name=f"Управление образования ({name})", short_name="Управление образования",
    )
    return district, True


def user_get_or_create(*, email: str, first_name: str = "", last_name: str = "",
                       middle_name: str = "", password: str | None = None) -> tuple[User, bool, str | None]:
    """Returns the user, whether it was created and the new password (None if unchanged)."""
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user:
        return user, False, None
    new_password = password or secrets.token_urlsafe(9)
    user = User(email=email, username=email, first_name=first_name, last_name=last_name,
                middle_name=middle_name)
    user.set_password(new_password)
    user.full_clean()
    user.save()
    return user, True, new_password


@transaction.atomic
def membership_grant(*, user: User, role: str, district: District | None = None,
                     organization: Organization | None = None,
                     region: Region | None = None) -> Membership:
    """Give a person a role. A director's school also becomes a guardian object grant."""
    if role == Role.DIRECTOR:
        if organization is None:
            raise ValueError("Для роли директора укажите школу.")
        district = organization.district
    membership, _ = Membership.objects.get_or_create(
        user=user, role=role, district=district, organization=organization, region=region
    )
    membership.full_clean()
    if role == Role.DIRECTOR:
        assign_perm(f"schools.{DIRECT}", user, organization)
    forget_grants(user)
    return membership


@transaction.atomic
def curator_assign_schools(*, curator: User, district: District,
                           schools: list[Organization], acting_user: User | None = None) -> None:
    """Set exactly which schools of the district a curator follows."""
    if not Membership.objects.filter(user=curator, role=Role.CURATOR, district=district).exists():
        raise ValueError("Пользователь не является куратором этого муниципалитета.")
    wanted = {s.id for s in schools}
    if any(s.district_id != district.id for s in schools):
        raise ValueError("Школа относится к другому муниципалитету.")
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


# --- organisations, flagged-school lists and mentor pairs (the coordinator's lists) --------

from .models import MentorPair, SchoolList, SchoolListEntry  # noqa: E402

ORGANIZATION_FIELDS = ("kind", "full_name", "short_name", "abbreviations", "director_name",
                       "fis_oko_login", "email", "is_active")


def _audit(*, district_id: int, acting_user, action: str, target, before=None, after=None) -> None:
    from roadmaps.services import audit_record

    audit_record(district_id=district_id, actor=acting_user, action=action, target=target,
                 before=before, after=after)


def _snapshot(obj, fields) -> dict:
    out = {}
    for f in fields:
        value = getattr(obj, f)
        out[f] = value.isoformat() if hasattr(value, "isoformat") else value
    return out


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
    _audit(district_id=district.id, acting_user=acting_user, action="create", target=org,
           after=_snapshot(org, ORGANIZATION_FIELDS))
    return org


@transaction.atomic
def organization_update(*, organization: Organization, acting_user, **fields) -> Organization:
    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown organisation fields: {', '.join(sorted(unknown))}")
    before = _snapshot(organization, ORGANIZATION_FIELDS)
    for name, value in fields.items():
        setattr(organization, name, value.strip() if isinstance(value, str) else value)
    organization.email = organization.email.lower()
    organization.full_clean()
    organization.save(update_fields=list(fields))
    _audit(district_id=organization.district_id, acting_user=acting_user, action="update",
           target=organization, before=before, after=_snapshot(organization, ORGANIZATION_FIELDS))
    return organization


LIST_FIELDS = ("kind", "year", "source_document")
ENTRY_FIELDS = ("organization_id", "reason", "included_on", "excluded_on")


@transaction.atomic
def school_list_create(*, district: District, kind: str, year: int, acting_user,
                       source_document: str = "") -> SchoolList:
    school_list = SchoolList(district=district, kind=kind, year=year,
                             source_document=source_document.strip())
    school_list.full_clean()
    school_list.save()
    _audit(district_id=district.id, acting_user=acting_user, action="create", target=school_list,
           after=_snapshot(school_list, LIST_FIELDS))
    return school_list


@transaction.atomic
def school_list_update(*, school_list: SchoolList, acting_user, source_document: str) -> SchoolList:
    before = _snapshot(school_list, LIST_FIELDS)
    school_list.source_document = source_document.strip()
    school_list.full_clean()
    school_list.save(update_fields=["source_document"])
    _audit(district_id=school_list.district_id, acting_user=acting_user, action="update",
           target=school_list, before=before, after=_snapshot(school_list, LIST_FIELDS))
    return school_list


@transaction.atomic
def school_list_entry_add(*, school_list: SchoolList, organization: Organization, acting_user,
                          reason: str = "", included_on=None, excluded_on=None) -> SchoolListEntry:
    entry = SchoolListEntry(district_id=school_list.district_id, school_list=school_list,
                            organization=organization, reason=reason.strip(),
                            included_on=included_on, excluded_on=excluded_on)
    entry.full_clean()
    entry.save()
    _audit(district_id=school_list.district_id, acting_user=acting_user, action="create",
           target=entry, after=_snapshot(entry, ENTRY_FIELDS))
    return entry


@transaction.atomic
def school_list_entry_update(*, entry: SchoolListEntry, acting_user, reason: str,
                             included_on=None, excluded_on=None) -> SchoolListEntry:
    before = _snapshot(entry, ENTRY_FIELDS)
    entry.reason, entry.included_on, entry.excluded_on = reason.strip(), included_on, excluded_on
    entry.full_clean()
    entry.save(update_fields=["reason", "included_on", "excluded_on"])
    _audit(district_id=entry.district_id, acting_user=acting_user, action="update", target=entry,
           before=before, after=_snapshot(entry, ENTRY_FIELDS))
    return entry


@transaction.atomic
def school_list_entry_remove(*, entry: SchoolListEntry, acting_user) -> None:
    """Take a school off a list entirely (a school that left the list keeps its entry with
    a date out instead: that is an update)."""
    _audit(district_id=entry.district_id, acting_user=acting_user, action="delete", target=entry,
           before=_snapshot(entry, ENTRY_FIELDS))
    entry.delete()


@transaction.atomic
@transaction.atomic
def mentor_pair_add(*, district: District, year: int, mentor: Organization, mentee: Organization,
                    acting_user) -> MentorPair:
    """Add one pair; a pair someone else added meanwhile is left as it is."""
    _check_mentor_pair(district, mentor, mentee)
    pair, created = MentorPair.objects.get_or_create(district=district, year=year, mentor=mentor,
                                                     mentee=mentee)
    if created:
        _audit(district_id=district.id, acting_user=acting_user, action="create", target=district,
               after={"year": year, "pair": [mentor.pk, mentee.pk]})
    return pair


@transaction.atomic
def mentor_pair_remove(*, pair: MentorPair, acting_user) -> None:
    _audit(district_id=pair.district_id, acting_user=acting_user, action="delete",
           target=pair.district, before={"year": pair.year, "pair": [pair.mentor_id, pair.mentee_id]})
    pair.delete()


def _check_mentor_pair(district: District, mentor: Organization, mentee: Organization) -> None:
    if mentor.district_id != district.id or mentee.district_id != district.id:
        raise ValueError("Школа относится к другому муниципалитету.")
    if mentor.pk == mentee.pk:
        raise ValueError("Школа не может быть наставником самой себе.")


@transaction.atomic
def curator_schools_set(*, curator: User, district: District, schools: list[Organization],
                        acting_user) -> None:
    """The coordinator's page: set a curator's schools and record what they were."""
    before = sorted(Organization.objects.filter(
        district=district, organizationuserobjectpermission__user=curator,
        organizationuserobjectpermission__permission__codename=FOLLOW,
    ).values_list("id", flat=True))
    curator_assign_schools(curator=curator, district=district, schools=schools,
                           acting_user=acting_user)
    _audit(district_id=district.id, acting_user=acting_user, action="update", target=curator,
           before={"curator_schools": before},
           after={"curator_schools": sorted(s.id for s in schools)})


def membership_sync_grants(membership: Membership) -> None:
    if membership.role == Role.DIRECTOR and membership.organization_id:
        assign_perm(f"schools.{DIRECT}", membership.user, membership.organization)
    forget_grants(membership.user)


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
    membership.delete()
    forget_grants(user)
