"""Russian text helpers for templates: plural forms, dates as 22.06.2020, and moments in
the district's own time zone («22.06.2020 14:05», «томское время, UTC+7»)."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django import template

from core import zones

register = template.Library()


def plural_form(n: int, forms: str) -> str:
    """`forms` is «школа,школы,школ» (one, few, many)."""
    one, few, many = (f.strip() for f in forms.split(","))
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


@register.filter
def ru_plural(n, forms: str) -> str:
    """{{ 5|ru_plural:"школа,школы,школ" }} → «5 школ»."""
    return f"{n} {plural_form(n or 0, forms)}"


@register.filter
def ru_date(value) -> str:
    if not value:
        return ""
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def zone_of(where) -> ZoneInfo:
    """The time zone of a district (its region's), a region, a ZoneInfo or an IANA name."""
    region = getattr(where, "region", None)
    if region is not None:
        return region.zone
    if isinstance(getattr(where, "zone", None), ZoneInfo):
        return where.zone
    if isinstance(where, ZoneInfo | str) and where:
        return zones.as_zone(where)
    raise TypeError(f"No time zone in {where!r}: pass a district, a region or a zone")


@register.filter
def in_zone(moment: datetime | None, where) -> str:
    """{{ order.rendered_at|in_zone:district }} → «22.06.2020 14:05», the region's local time
    (the `date` filter would print Moscow's: settings.TIME_ZONE)."""
    if not moment:
        return ""
    return zones.in_zone(moment, zone_of(where))


@register.filter
def zone_label(where, form: str = "") -> str:
    """{{ district|zone_label }} → «томское время, UTC+7»;
    {{ district|zone_label:"short" }} → «томское, UTC+7» (as in «Время — томское, UTC+7»)."""
    return zones.zone_label(zone_of(where), short=form == "short")
