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
