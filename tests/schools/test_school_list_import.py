"""Flagged-school lists from a table: matched to the district's schools or created."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.reading.readers import read_text
from schools.list_table import parse_school_table
from schools.models import Organization, SchoolList, SchoolListEntry
from tests.factories import OrganizationFactory

TABLE = (
    "№\tПолное наименование ОО\tКраткое наименование\tЛогин ФИС ОКО\tПричина включения\n"
    "1\tМуниципальное казённое общеобразовательное учреждение «Кармаклинская средняя "
    "общеобразовательная школа»\tМКОУ Кармаклинская СОШ\tsch233292\tНизкие результаты ОГЭ по математике два года подряд\n"
    "2\tМуниципальное казённое общеобразовательное учреждение «Квашнинская основная "
    "общеобразовательная школа»\tМКОУ Квашнинская ООШ\tsch233310\tНизкие результаты ОГЭ\n"
)


def test_the_table_reader_finds_names_logins_and_reasons():
    rows = parse_school_table(read_text(TABLE))
    assert [(r.short_name, r.login) for r in rows] == [
        ("МКОУ Кармаклинская СОШ", "sch233292"), ("МКОУ Квашнинская ООШ", "sch233310")]
    assert rows[0].reason == "Низкие результаты ОГЭ по математике два года подряд"
    assert rows[1].full_name.startswith("Муниципальное казённое")


def test_the_command_matches_known_schools_and_creates_the_others(tmp_path, district_a):
    known = OrganizationFactory(district=district_a, short_name="МКОУ Кармаклинская СОШ")
    path = tmp_path / "list.txt"
    path.write_text(TABLE, encoding="cp1251")
    out = io.StringIO()
    call_command("import_school_list", str(path), "--district", district_a.slug, "--kind", "low_results",
                 "--year", "2021", stdout=out)
    school_list = SchoolList.objects.get(district=district_a, kind="low_results", year=2021)
    entries = SchoolListEntry.objects.filter(school_list=school_list)
    assert entries.count() == 2
    assert entries.get(organization=known).reason.startswith("Низкие результаты ОГЭ по математике")
    known.refresh_from_db()
    assert known.fis_oko_login == "sch233292"
    created = Organization.objects.get(district=district_a, short_name="МКОУ Квашнинская ООШ")
    assert created.fis_oko_login == "sch233310"
    assert "найдено в справочнике 1, добавлено новых 1" in out.getvalue()


def test_importing_the_same_list_twice_does_not_duplicate(tmp_path, district_a):
    path = tmp_path / "list.txt"
    path.write_text(TABLE)
    for _ in range(2):
        call_command("import_school_list", str(path), "--district", district_a.slug, "--kind",
                     "difficult_conditions", "--year", "2024", stdout=io.StringIO())
    assert SchoolListEntry.objects.count() == 2
    assert Organization.objects.filter(district=district_a).count() == 2


def test_a_login_of_another_districts_school_is_refused(tmp_path, district_a, district_b):
    OrganizationFactory(district=district_b, short_name="Чужая школа", fis_oko_login="sch233310")
    path = tmp_path / "list.txt"
    path.write_text(TABLE)
    with pytest.raises(CommandError, match="уже принадлежит другой организации"):
        call_command("import_school_list", str(path), "--district", district_a.slug, "--kind",
                     "low_results", "--year", "2021", stdout=io.StringIO())
    assert not SchoolListEntry.objects.exists()
    assert not Organization.objects.filter(district=district_a).exists()


def test_a_table_without_school_names_is_refused(tmp_path, district_a):
    path = tmp_path / "list.txt"
    path.write_text("Год\tКоличество\n2021\t5\n")
    with pytest.raises(CommandError, match="не найдено ни одной школы"):
        call_command("import_school_list", str(path), "--district", district_a.slug, "--kind",
                     "low_results", "--year", "2021", stdout=io.StringIO())


def test_the_upload_page_previews_then_saves(client_for, coordinator_a, district_a):
    client = client_for(coordinator_a)
    url = reverse("school_list_import", args=[district_a.slug])
    response = client.post(url, {"kind": "red_zone", "year": 2025, "source_document": "",
                                 "file": SimpleUploadedFile("list.txt", TABLE.encode())})
    assert response.status_code == 302
    preview = client.get(response.url).content.decode()
    assert "МКОУ Квашнинская ООШ" in preview and "будет добавлена" in preview
    assert not SchoolList.objects.exists()
    assert client.post(response.url, {"confirm": "1"}).status_code == 302
    assert SchoolList.objects.get().entries.count() == 2


@pytest.mark.parametrize("role,expected", [
    ("coordinator_a", 200), ("head_a", 403), ("curator_a", 403), ("regional_member", 403),
    ("director_a", 403), ("coordinator_b", 404),
])
def test_only_the_coordinator_may_import_lists(request, client, district_a, role, expected):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("school_list_import", args=[district_a.slug])).status_code == expected


def test_a_supporting_body_with_the_same_name_is_not_put_on_a_school_list(tmp_path, district_a):
    OrganizationFactory(district=district_a, kind=Organization.Kind.SUPPORTING_BODY,
                        short_name="МКОУ Кармаклинская СОШ")
    path = tmp_path / "list.txt"
    path.write_text(TABLE)
    with pytest.raises(CommandError, match="уже есть организация с таким кратким наименованием"):
        call_command("import_school_list", str(path), "--district", district_a.slug, "--kind",
                     "low_results", "--year", "2021", stdout=io.StringIO())
    assert not SchoolListEntry.objects.exists()
