"""Measures addressed to schools as a group («Руководители ОО», «ШНОР и ШНСУ», «Администрация
школ» …) are marked `addresses_flagged_schools` by the importer and by the editor: the one
rule is `roadmaps.importers.matching.names_school_group`."""
import io

import pytest
from django.core.management import call_command

from monitoring.selectors.addressees import addressed_schools
from roadmaps.importers.matching import names_school_group, text_addresses_school_group
from roadmaps.models import Measure, Roadmap
from roadmaps.services.measures import measure_create, measure_update
from roadmaps.services.roadmaps import roadmap_copy_forward
from tests.factories import SchoolListEntryFactory
from tests.support.seeds import SEEDS


@pytest.mark.parametrize("name", [
    "Руководители ОО", "руководители ОО", "ОО", "Администрация школ", "ШНОР", "ШНОР и ШНСУ",
    "Руководители ШНОР", "Руководители ШНОР и ШНСУ", "ОО с низкими результатами",
    "Образовательные организации с низкими образовательными результатами",
    "Образовательные организации с низкими результатами", "Директора школ", "ШНОР/ШНСУ",
    "Образовательные организации с низкими образовательными результатами, а также организации, "
    "функционирующие в сложных социально-экономических условиях",
])
def test_group_names_are_recognised(name):
    assert names_school_group(name)


@pytest.mark.parametrize("name", [
    "Руководители ММО", "Руководители РМО", "Руководители центров «Точка роста»",
    "Администрация школы", "Образовательная организация", "Управление образования",
    "Муниципальные органы управления образованием", "МКУ ЦИМО", "ТОИПКРО",
    "Муниципальный координатор", "Администрация МБОУ СОШ им. М.Н. Загоскина с. Рамзай",
    "ресурсная организация инклюзивного образования на базе МБОУ СОШ № 92",
    "МБОУ СОШ № 5", "ООО «Ромашка»", "Руководители ОО-наставников",
])
def test_one_school_or_another_body_is_not_a_group(name):
    assert not names_school_group(name)


def import_seed(prefix, district):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    out = io.StringIO()
    call_command("import_roadmap", str(path), "--district", district.slug, stdout=out)
    return Roadmap.objects.get(pk=int(out.getvalue().splitlines()[0]))


def flagged_numbers(roadmap):
    return list(Measure.objects.filter(roadmap=roadmap, addresses_flagged_schools=True)
                .order_by("position").values_list("number", flat=True))


def test_the_tomsk_order_addresses_the_low_results_schools_in_six_measures(district_a):
    roadmap = import_seed("000", district_a)
    # «Образовательные организации с низкими (образовательными) результатами»
    assert flagged_numbers(roadmap) == ["4", "5", "7", "9", "10", "11"]


def test_the_novosibirsk_order_addresses_heads_of_schools_in_31_of_47_measures(district_a):
    roadmap = import_seed("001", district_a)
    numbers = flagged_numbers(roadmap)
    assert len(numbers) == 31
    assert {"3", "9", "11"} <= set(numbers)  # «Руководители ШНОР и ШНСУ»
    assert {"8", "16", "47"} <= set(numbers)  # «руководители ОО»
    # the office alone, with the ЦИМО, or with a resource centre on a named school
    assert not {"1", "2", "12", "26", "39", "45"} & set(numbers)


def test_the_mokshan_order_addresses_school_administrations_not_one_school(district_a):
    roadmap = import_seed("003", district_a)
    # «администрация школ»; not «Администрация школы» (2.6) nor a named school (2.1)
    assert flagged_numbers(roadmap) == ["1.11", "1.12", "2.4", "3.1", "3.8"]


def test_a_flagged_measure_concerns_every_school_on_the_roadmaps_lists(district_a, school_a,
                                                                     other_school_a):
    roadmap = import_seed("000", district_a)
    SchoolListEntryFactory(school_list__district=district_a, school_list__year=2020,
                           organization=school_a)
    measures = {m.number: m.id for m in Measure.objects.filter(roadmap=roadmap)}
    schools = addressed_schools([measures["4"], measures["1"]])
    assert schools[measures["4"]] == {school_a.id}
    assert schools[measures["1"]] == frozenset()  # the office reports: no school


def test_the_editor_sets_the_flag_on_save_and_rederives_it_when_the_text_changes(
        roadmap_a, coordinator_a):
    measure = measure_create(roadmap=roadmap_a, acting_user=coordinator_a, text="Совещание",
                             deadline_text="Март 2026", responsible_text="Управление образования")
    assert not measure.addresses_flagged_schools
    measure = measure_update(measure=measure, expected_version=measure.version,
                             acting_user=coordinator_a, text="Совещание",
                             deadline_text="Март 2026",
                             responsible_text="Управление образования, руководители ОО")
    measure.refresh_from_db()
    assert measure.addresses_flagged_schools
    measure = measure_update(measure=measure, expected_version=measure.version,
                             acting_user=coordinator_a, text="Совещание", deadline_text="Март 2026",
                             responsible_text="Управление образования")
    measure.refresh_from_db()
    assert not measure.addresses_flagged_schools


def test_created_with_a_group_it_is_flagged_and_a_copy_keeps_it(roadmap_a, coordinator_a):
    measure_create(roadmap=roadmap_a, acting_user=coordinator_a, text="Анализ",
                   responsible_text="ШНОР и ШНСУ")
    assert text_addresses_school_group("МКУ ЦИМО\nРуководители ОО")
    copy = roadmap_copy_forward(source=roadmap_a, acting_user=coordinator_a)
    assert Measure.objects.get(roadmap=copy).addresses_flagged_schools


def test_the_roadmap_row_says_all_flagged_schools(client_for, coordinator_a, roadmap_a):
    measure_create(roadmap=roadmap_a, acting_user=coordinator_a, text="Анализ",
                   responsible_text="Руководители ШНОР")
    page = client_for(coordinator_a).get(f"/{roadmap_a.district.slug}/roadmaps/{roadmap_a.pk}/")
    assert "все ШНОР/ШНСУ" in page.content.decode()


def test_the_import_preview_shows_the_group_as_all_flagged_schools(client_for, coordinator_a,
                                                                   district_a):
    from core.reading.readers import read_document
    from roadmaps.selectors.imports import build_preview
    from tests.support.seeds import seed_file

    path = seed_file("001")
    preview = build_preview(read_document(path.name, path.read_bytes()), district_a)
    by_number = {m.parsed.number: m for m in preview.measures}
    by_number.update({m.parsed.number: m for s in preview.sections for m in s.measures})
    assert by_number["8"].groups == ["руководители ОО"] and by_number["8"].unmatched == []
    assert by_number["1"].groups == []
    with open(path, "rb") as fh:
        page = client_for(coordinator_a).post(f"/{district_a.slug}/imports/roadmap/",
                                              {"file": fh}, follow=True)
    assert "все ШНОР/ШНСУ" in page.content.decode()
