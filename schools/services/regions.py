"""Writes of regions."""
from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from ..models import Region


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
