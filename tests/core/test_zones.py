"""Time zones of Russia in Russian words and moments as local time: core.zones and the
`in_zone` / `zone_label` template filters."""
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, available_timezones

import pytest
from django.template import Context, Template

from core import zones
from core.templatetags.ru import zone_of
from schools.models import District, Region

MOMENT = datetime(2020, 6, 22, 7, 5, tzinfo=UTC)


@pytest.mark.parametrize("key,label", [
    ("Europe/Kaliningrad", "калининградское время, UTC+2"),
    ("Europe/Moscow", "московское время, UTC+3"),
    ("Europe/Samara", "самарское время, UTC+4"),
    ("Asia/Yekaterinburg", "екатеринбургское время, UTC+5"),
    ("Asia/Omsk", "омское время, UTC+6"),
    ("Asia/Krasnoyarsk", "красноярское время, UTC+7"),
    ("Asia/Tomsk", "томское время, UTC+7"),
    ("Asia/Novosibirsk", "новосибирское время, UTC+7"),
    ("Asia/Irkutsk", "иркутское время, UTC+8"),
    ("Asia/Yakutsk", "якутское время, UTC+9"),
    ("Asia/Vladivostok", "владивостокское время, UTC+10"),
    ("Asia/Magadan", "магаданское время, UTC+11"),
    ("Asia/Kamchatka", "камчатское время, UTC+12"),
])
def test_each_russian_zone_has_its_russian_label(key, label):
    assert zones.zone_label(key) == label
    assert zones.zone_label(ZoneInfo(key)) == label


@pytest.mark.parametrize("key,label", [
    ("Asia/Novokuznetsk", "красноярское время, UTC+7"),
    ("Europe/Kirov", "московское время, UTC+3"),
    ("Europe/Volgograd", "московское время, UTC+3"),
    ("Asia/Anadyr", "камчатское время, UTC+12"),
    ("Asia/Srednekolymsk", "магаданское время, UTC+11"),
])
def test_a_zone_without_a_city_name_takes_the_standard_name_of_its_offset(key, label):
    assert zones.zone_label(key) == label


def test_the_offset_comes_from_the_tz_database_at_the_moment_asked():
    """Tomsk moved from UTC+6 to UTC+7 in 2016: the offset is read, not written down."""
    assert zones.utc_offset("Asia/Tomsk", datetime(2015, 6, 1, tzinfo=UTC)) == "UTC+6"
    assert zones.utc_offset("Asia/Tomsk", MOMENT) == "UTC+7"
    assert zones.zone_label("Europe/Samara", MOMENT, short=True) == "самарское, UTC+4"


def test_every_russian_zone_is_known_and_named():
    for key in zones.RUSSIAN_ZONES:
        assert key in available_timezones()
        assert zones.zone_name(key) != "местное", key


def test_a_zone_outside_russia_is_local_time_with_its_offset_never_its_iana_name():
    assert zones.zone_label("Asia/Kolkata") == "местное время, UTC+5:30"
    assert zones.zone_label("America/Sao_Paulo") == "местное время, UTC−3"
    assert zones.zone_label("UTC") == "местное время, UTC"


def test_in_zone_prints_the_wall_clock_time_of_the_zone():
    assert zones.in_zone(MOMENT, "Asia/Tomsk") == "22.06.2020 14:05"
    assert zones.in_zone(MOMENT, ZoneInfo("Europe/Samara")) == "22.06.2020 11:05"
    assert zones.in_zone(MOMENT, "Europe/Moscow") == "22.06.2020 10:05"
    with pytest.raises(ValueError):
        zones.in_zone(datetime(2020, 6, 22, 7, 5), "Asia/Tomsk")


def test_the_journal_uses_the_same_function():
    from roadmaps.selectors import history

    assert history.in_zone is zones.in_zone


def test_the_filters_take_a_district_a_region_or_a_zone():
    tomsk = Region(name="Томская область", slug="tomsk", time_zone="Asia/Tomsk")
    district = District(region=tomsk, name="Молчановский район", slug="molchanovo")
    html = Template(
        "{% load ru %}{{ moment|in_zone:district }} ({{ district|zone_label }}); "
        "{{ moment|in_zone:region }}; {{ moment|in_zone:'Europe/Samara' }}; "
        "Время — {{ district|zone_label:'short' }}; [{{ nothing|in_zone:district }}]"
    ).render(Context({"moment": MOMENT, "district": district, "region": tomsk, "nothing": None}))

    assert html == ("22.06.2020 14:05 (томское время, UTC+7); 22.06.2020 14:05; "
                    "22.06.2020 11:05; Время — томское, UTC+7; []")
    with pytest.raises(TypeError):
        zone_of(None)
