"""Time zones of Russia in Russian: «томское время, UTC+7», and a moment as local time.

Pure code (no Django): the one place that turns an IANA zone into words and a moment into
«22.06.2020 14:05» in that zone. Pages and documents never show an IANA name («Asia/Tomsk»).

A zone is named by its own city where people say so («томское», «новосибирское»,
«самарское»), otherwise by the standard zone of the Federal Law on the calculation of time
that has its offset («красноярское» for Novokuznetsk, «московское» for Kirov). The offset is
always read from zoneinfo, never written down here.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

# The zone's own city (or island), where that is how the time is called there.
OWN_NAMES: dict[str, str] = {
    "Europe/Kaliningrad": "калининградское",
    "Europe/Moscow": "московское",
    "Europe/Samara": "самарское",
    "Europe/Astrakhan": "астраханское",
    "Europe/Saratov": "саратовское",
    "Europe/Ulyanovsk": "ульяновское",
    "Asia/Yekaterinburg": "екатеринбургское",
    "Asia/Omsk": "омское",
    "Asia/Krasnoyarsk": "красноярское",
    "Asia/Novosibirsk": "новосибирское",
    "Asia/Tomsk": "томское",
    "Asia/Barnaul": "барнаульское",
    "Asia/Irkutsk": "иркутское",
    "Asia/Chita": "читинское",
    "Asia/Yakutsk": "якутское",
    "Asia/Vladivostok": "владивостокское",
    "Asia/Sakhalin": "сахалинское",
    "Asia/Magadan": "магаданское",
    "Asia/Kamchatka": "камчатское",
}

# The other zones of Russia in the tz database: named by the standard zone of their offset.
OTHER_RUSSIAN_ZONES = frozenset({
    "Europe/Kirov", "Europe/Volgograd", "Europe/Simferopol", "Asia/Novokuznetsk",
    "Asia/Khandyga", "Asia/Ust-Nera", "Asia/Srednekolymsk", "Asia/Anadyr",
})
RUSSIAN_ZONES = frozenset(OWN_NAMES) | OTHER_RUSSIAN_ZONES

# The standard zones of Russia by their offset from UTC in hours (МСК−1 … МСК+9).
STANDARD_NAMES: dict[int, str] = {
    2: "калининградское",
    3: "московское",
    4: "самарское",
    5: "екатеринбургское",
    6: "омское",
    7: "красноярское",
    8: "иркутское",
    9: "якутское",
    10: "владивостокское",
    11: "магаданское",
    12: "камчатское",
}

FORMAT = "%d.%m.%Y %H:%M"


def as_zone(zone: ZoneInfo | str) -> ZoneInfo:
    return zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)


def _offset(zone: ZoneInfo, at: datetime | None) -> timedelta:
    moment = at if at is not None else datetime.now(zone)
    return moment.astimezone(zone).utcoffset() or timedelta(0)


def utc_offset(zone: ZoneInfo | str, at: datetime | None = None) -> str:
    """«UTC+7», «UTC−3:30» … at `at` (an aware moment; now when not given)."""
    minutes = int(_offset(as_zone(zone), at).total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_name(zone: ZoneInfo | str, at: datetime | None = None) -> str:
    """The adjective: «томское», «московское»; «местное» for a zone outside Russia."""
    zone = as_zone(zone)
    if zone.key in OWN_NAMES:
        return OWN_NAMES[zone.key]
    if zone.key in RUSSIAN_ZONES:
        seconds = int(_offset(zone, at).total_seconds())
        if seconds % 3600 == 0 and seconds // 3600 in STANDARD_NAMES:
            return STANDARD_NAMES[seconds // 3600]
    return "местное"


def zone_label(zone: ZoneInfo | str, at: datetime | None = None, *, short: bool = False) -> str:
    """«томское время, UTC+7»; short: «томское, UTC+7» (after «Время —»)."""
    words = zone_name(zone, at) if short else f"{zone_name(zone, at)} время"
    return f"{words}, {utc_offset(zone, at)}"


def in_zone(moment: datetime, zone: ZoneInfo | str) -> str:
    """«22.06.2020 14:05»: an aware moment as the wall-clock time of the zone."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("in_zone needs an aware datetime")
    return moment.astimezone(as_zone(zone)).strftime(FORMAT)
