"""seed_national: the national data set for measurements, run here at its smallest scale."""
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from roadmaps.models import DueDate, Measure, MeasureResponsible, Roadmap, Section
from roadmaps.services import national
from schools.models import District, Organization, User


def _seed(*args) -> list[str]:
    out = StringIO()
    call_command("seed_national", *args, stdout=out)
    return out.getvalue().splitlines()


def test_it_refuses_a_database_that_holds_a_real_district(district_a):
    with pytest.raises(CommandError, match="муниципалитеты, созданные не этой командой"):
        _seed("--scale", "district")

    assert list(District.objects.values_list("slug", flat=True)) == ["molchanovo"]


@pytest.mark.django_db
def test_its_last_three_lines_are_the_login_and_the_two_roadmap_pages_and_they_answer(client):
    lines = _seed("--scale", "district")

    login, big, small = lines[-3:]
    assert re.fullmatch(r"login: \S+@\S+", login)
    assert re.fullmatch(r"roadmap300: /nat-molchanovo/roadmaps/\d+/", big)
    assert re.fullmatch(r"roadmap20: /nat-molchanovo/roadmaps/\d+/", small)
    email = login.removeprefix("login: ")
    user = User.objects.get(email=email)
    assert user.check_password(national.PASSWORD)
    client.force_login(user)  # (a login through the form is the sign-in tests' business)
    for path in (big.removeprefix("roadmap300: "), small.removeprefix("roadmap20: ")):
        response = client.get(path)
        assert response.status_code == 200
        assert client.get(path + "history/").status_code == 200
    assert client.get("/nat-molchanovo/").status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_the_comparison_district_is_shaped_like_the_demo_and_a_second_run_replaces_the_first():
    """(The second run adds a roadmap of 40 measures, printed before the last three lines.)"""
    first = _seed("--scale", "district")
    second = _seed("--scale", "district", "--extra-roadmap", "40")

    assert second[-3:] == first[-3:]
    assert re.fullmatch(r"extra40: /nat-molchanovo/roadmaps/\d+/", second[-4])
    district = District.objects.get()
    assert district.slug.startswith(national.PREFIX)
    by_roadmap = {r.pk: r.measures.count() for r in Roadmap.objects.filter(district=district)}
    assert sorted(by_roadmap.values()) == [20, 40, 300]
    assert Section.objects.filter(district=district).count() == 13 + 10
    assert Measure.objects.filter(district=district, section__isnull=True).count() == 0
    assert DueDate.objects.filter(district=district).count() > 300
    assert MeasureResponsible.objects.filter(district=district).count() >= 360
    assert Organization.objects.filter(district=district, kind="school").count() == 5
