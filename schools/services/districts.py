"""Writes of districts (the tenant): a new district comes with its education office."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import District, Organization, Region


@transaction.atomic
def district_get_or_create(*, region: Region, name: str, slug: str) -> tuple[District, bool]:
    district = District.objects.filter(slug=slug).first()
    if district:
        if district.region_id != region.id or district.name != name:
            raise ValidationError(
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
