"""The three real orders of tests/data/seeds come in right, through the command line."""
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from core.models import AuditRecord
from roadmaps.models import DueDate, Measure, Roadmap, Section
from schools.models import Organization
from tests.factories import OrganizationFactory
from tests.support.seeds import SEEDS


def import_seed(prefix, district, *extra):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    out = io.StringIO()
    call_command("import_roadmap", str(path), "--district", district.slug, *extra, stdout=out)
    first, summary, *_ = out.getvalue().splitlines()
    return Roadmap.objects.get(pk=int(first)), summary


def measure(roadmap, number):
    return Measure.objects.get(roadmap=roadmap, number=number)


def test_molchanovo_order_imports_19_measures_with_deadlines_as_written(district_a):
    toipkro = OrganizationFactory(district=district_a, kind=Organization.Kind.SUPPORTING_BODY,
                                  short_name="ТОИПКРО")
    roadmap, summary = import_seed("000", district_a)
    assert (roadmap.period_start, roadmap.period_end) == (date(2020, 1, 1), date(2021, 12, 31))
    assert roadmap.title.startswith("Дорожная карта комплекса мероприятий по работе со школами")
    assert "мероприятий 19" in summary
    numbers = list(Measure.objects.filter(roadmap=roadmap).order_by("position").values_list("number", flat=True))
    assert numbers == [str(n) for n in range(1, 20)]

    renewal = measure(roadmap, "9")
    assert renewal.deadline_text == "Май – август 2020, далее – ежегодное обновление"
    assert renewal.deadline_kind == "mixed"
    assert [d.due_on for d in renewal.due_dates.all()] == [date(2020, 8, 31), date(2021, 8, 31)]

    assert measure(roadmap, "14").deadline_kind == "by_schedule"
    assert not measure(roadmap, "14").due_dates.exists()
    assert measure(roadmap, "17").due_dates.get().due_on == date(2021, 4, 30)  # «До мая 2021»

    collection = measure(roadmap, "4")
    assert "- контакты руководства школы" in collection.text
    assert list(collection.responsible.all()) == [toipkro]
    assert "ТОИПКРО" in collection.responsible_text

    assert AuditRecord.objects.filter(action="import", target_id=roadmap.pk).exists()


def test_the_imported_directive_is_cited_in_the_drafted_order(district_a):
    from roadmaps.documents.build import draft_order

    roadmap, _ = import_seed("000", district_a)
    assert roadmap.directive.number == "293"
    assert roadmap.directive.region == district_a.region
    order = draft_order(roadmap)
    assert order.preamble.startswith(
        "В соответствии с распоряжением Департамента общего образования Томской области "
        "от 13.04.2020 № 293 «Об организации работы со школами")
    again, _ = import_seed("000", district_a)
    assert again.directive == roadmap.directive  # one directive per region, not a copy per import


def test_barabinsk_order_imports_four_sections_and_results(district_a):
    office = OrganizationFactory(district=district_a, kind=Organization.Kind.DISTRICT_OFFICE,
                                 short_name="Управление образования")
    cimo = OrganizationFactory(district=district_a, kind=Organization.Kind.SUPPORTING_BODY,
                               short_name="МКУ ЦИМО")
    roadmap, _ = import_seed("001", district_a)
    assert (roadmap.period_start, roadmap.period_end) == (date(2024, 1, 1), date(2024, 12, 31))
    sections = list(Section.objects.filter(roadmap=roadmap, parent=None).order_by("position"))
    assert [s.number for s in sections] == ["1", "2", "3", "4"]
    assert Measure.objects.filter(roadmap=roadmap).count() == 47
    first = measure(roadmap, "1")
    assert (first.deadline_text, first.result) == ("Март 2024", "Назначен муниципальный координатор")
    assert first.section == sections[0]
    assert [d.due_on for d in first.due_dates.all()] == [date(2024, 3, 31)]
    second = measure(roadmap, "2")
    assert set(second.responsible.all()) == {office, cimo}
    continued = measure(roadmap, "3")
    assert continued.result.endswith("эффективности деятельности общеобразовательных организаций")
    last = measure(roadmap, "47")
    assert last.deadline_text == "По графику федерального оператора"
    assert last.deadline_kind == "by_schedule" and last.section == sections[3]


def test_mokshan_approval_stamp_order_imports_risk_sub_sections(district_a):
    roadmap, summary = import_seed("003", district_a, "--period-start", "2023-01-01",
                                   "--period-end", "2023-12-31")
    top = Section.objects.filter(roadmap=roadmap, parent=None).order_by("position")
    assert [s.number for s in top] == ["1", "2", "3", "4"]
    risk = Section.objects.filter(roadmap=roadmap, parent=top[1]).order_by("position")
    assert [s.number for s in risk] == ["I", "III"]
    # «I» is what automatic numbering gives; «III» (the source skips «II») is kept by hand
    assert [s.number_locked for s in risk] == [False, True]
    assert not measure(roadmap, "2.1").number_locked  # continues section 2's count under «I»
    monthly = Measure.objects.get(roadmap=roadmap, deadline_text="В течение года ежемесячно")
    assert monthly.number == "2.4"
    assert monthly.deadline_kind == "recurring"
    assert monthly.due_dates.count() == 12
    plan = measure(roadmap, "3.1")
    assert plan.deadline_kind == "mixed"
    assert [d.due_on for d in plan.due_dates.all()] == [date(2023, 2, 10)]
    unknown = Measure.objects.get(roadmap=roadmap, number="2.3")
    assert unknown.needs_review
    assert DueDate.objects.filter(district=district_a).exists()
    assert "требуют проверки" in summary


def test_the_title_and_period_given_on_the_command_line_win(district_a):
    roadmap, _ = import_seed("000", district_a, "--title", "Моя карта", "--period-start", "2020-09-01",
                             "--period-end", "2021-05-31")
    assert roadmap.title == "Моя карта"
    assert roadmap.period_start == date(2020, 9, 1)


@pytest.mark.parametrize("content,message", [
    (b"", "пуст"),
    ("Просто текст без таблицы.".encode(), "таблиц"),
    (b"PK\x03\x04garbage", "повреждён"),
])
def test_bad_files_from_the_command_line_create_nothing(tmp_path, district_a, content, message):
    path = tmp_path / "plan.docx"
    path.write_bytes(content)
    with pytest.raises(CommandError) as err:
        call_command("import_roadmap", str(path), "--district", district_a.slug)
    assert message in str(err.value).lower()
    assert not Roadmap.objects.exists()


def test_an_unknown_district_is_refused(tmp_path, db):
    path = tmp_path / "plan.txt"
    path.write_text("a\tb")
    with pytest.raises(CommandError, match="не найден"):
        call_command("import_roadmap", str(path), "--district", "nowhere")


def test_a_half_given_period_is_refused(tmp_path, district_a):
    path = tmp_path / "plan.txt"
    path.write_text("a\tb")
    with pytest.raises(CommandError, match="оба параметра"):
        call_command("import_roadmap", str(path), "--district", district_a.slug, "--period-start", "2024-01-01")


def test_a_continuously_numbered_order_keeps_its_scheme_and_its_numbers_unlocked(district_a,
                                                                              coordinator_a):
    """Seed 001 numbers 1…47 straight through its sections: after the import a new measure
    in section 1 takes the next number of the count, not «1.6», and moves renumber in order."""
    from roadmaps.services.measures import measure_create, measure_move_step
    from tests.support.editing import numbers

    roadmap, _ = import_seed("001", district_a)
    assert roadmap.numbering == Roadmap.Numbering.CONTINUOUS
    assert not Measure.objects.filter(roadmap=roadmap, number_locked=True).exists()
    first_section = Section.objects.get(roadmap=roadmap, parent=None, number="1")
    added = measure_create(roadmap=roadmap, acting_user=coordinator_a, section=first_section,
                           text="Новое мероприятие")
    in_first = Measure.objects.filter(roadmap=roadmap, section=first_section).count()
    assert added.number == str(in_first)
    measure_move_step(measure=measure(roadmap, "2"), acting_user=coordinator_a, step=1)
    assert [n for _, n in numbers(roadmap)] == [str(i) for i in range(1, 49)]


def test_the_scheme_can_be_changed_in_the_roadmaps_settings(client_for, district_a, coordinator_a):
    roadmap, _ = import_seed("001", district_a)
    response = client_for(coordinator_a).post(
        f"/{district_a.slug}/roadmaps/{roadmap.pk}/settings/",
        {"title": roadmap.title, "period_start": "01.01.2024", "period_end": "31.12.2024",
         "numbering": Roadmap.Numbering.HIERARCHICAL, "version": roadmap.version})
    assert response.status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.numbering == Roadmap.Numbering.HIERARCHICAL
    second = Section.objects.get(roadmap=roadmap, parent=None, number="2")
    assert Measure.objects.filter(section=second).order_by("position").first().number == "2.1"
