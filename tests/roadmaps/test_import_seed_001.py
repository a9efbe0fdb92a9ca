"""Seed 001: Барабинский район, 2024 — tab-separated, sections as full-width rows, cells
continued after page breaks."""
from datetime import date

from tests.support.seeds import measure, measures, parsed

SEED = "001"


def test_it_reads_the_title_above_the_caption_and_the_year():
    roadmap = parsed(SEED)
    assert roadmap.title == (
        "муниципальный план мероприятий («дорожная карта») по сопровождению школ, имеющих "
        "низкие образовательные результаты и/или функционирующих в неблагоприятных социальных "
        "условиях, расположенных на территории Барабинского района Новосибирской области в 2024 год"
    )
    assert roadmap.period == (date(2024, 1, 1), date(2024, 12, 31))


def test_it_maps_glued_header_words():
    roadmap = parsed(SEED)
    assert roadmap.headers == ["№п/п", "Мероприятия", "Сроки", "Ответственные", "Результатыисполнения"]
    assert roadmap.mapping == {
        "number": 0, "text": 1, "deadline": 2, "responsible": 3, "result": 4, "output_form": None,
    }
    assert roadmap.mapping_certain is True


def test_it_finds_four_sections_with_titles_as_written():
    roadmap = parsed(SEED)
    assert [(s.number, s.title) for s in roadmap.sections] == [
        ("1", "Организационно-управленческиемеasures, направленные на реализацию Дорожной карты"),
        ("2", "Информационное, аналитическое обеспечение реализации Дорожной карты"),
        ("3", "Развитие кадрового потенциала в общеобразовательных организациях"),
        ("4", "Мониторинговые исследования качества общего образования, ведомственный контроль"),
    ]
    assert all(s.sections == [] for s in roadmap.sections)
    assert [[m.number for m in s.measures] for s in roadmap.sections] == [
        ["1", "2", "3", "4", "5"],
        ["6", "7", "8", "9", "10", "11", "12"],
        [str(n) for n in range(13, 45)],
        ["45", "46", "47"],
    ]


def test_it_finds_all_forty_seven_measures_and_loses_nothing():
    roadmap = parsed(SEED)
    assert roadmap.measures == []
    assert [m.number for m in measures(roadmap)] == [str(n) for n in range(1, 48)]
    assert roadmap.unplaced == []
    assert roadmap.warnings == []
    assert roadmap.abbreviations == {}


def test_cells_continued_after_a_page_break_are_joined_to_their_measure():
    roadmap = parsed(SEED)
    three = measure(roadmap, "3")
    assert three.result == (
        "Утверждение во всех ШНОР и ШНСУ школьных «дорожных карт» по повышению качества "
        "образования и эффективности деятельности общеобразовательных организаций"
    )
    assert three.flags == ["строка продолжена со следующей страницы"]
    assert three.source == "таблица 1, строка 5; таблица 2, строка 1"
    twenty_six = measure(roadmap, "26")
    assert twenty_six.responsible_text == (
        "Управление образования, ресурсная организация инклюзивного образования на базе МБОУ СОШ № 92"
    )
    assert twenty_six.responsible == [
        "Управление образования",
        "ресурсная организация инклюзивного образования на базе МБОУ СОШ № 92",
    ]
    assert measure(roadmap, "33").result.endswith(
        "подачи заявки на вакансии по запросу о вакансиях учителей по программе «Земский учитель»"
    )
    flagged = [m.number for m in measures(roadmap) if m.flags]
    assert flagged == ["3", "26", "33"]


def test_deadlines_results_and_bodies_of_a_few_rows():
    roadmap = parsed(SEED)
    one = measure(roadmap, "1")
    assert (one.text, one.deadline_text, one.responsible, one.result) == (
        "Назначение муниципальных координаторов по сопровождению ШНОР",
        "Март 2024",
        ["Управление образования"],
        "Назначен муниципальный координатор",
    )
    assert measure(roadmap, "12").deadline_text == "к сентябрю 2024 года"
    assert measure(roadmap, "15").deadline_text == "Апрель 2024, Октябрь 2024"
    assert measure(roadmap, "36").deadline_text == "Апрель 2024;"
    assert measure(roadmap, "37").deadline_text == "март"
    assert measure(roadmap, "46").deadline_text == "По плану Управления образования в течение 2024"
    assert measure(roadmap, "16").responsible == ["МКУ ЦИМО", "Руководители ОО"]
    assert measure(roadmap, "36").responsible == [
        "Управление образования", "Руководители ОО", "Руководители ММО",
    ]
    assert measure(roadmap, "17").responsible == [
        "Управление образования", "МКУ ЦИМО", "руководители ОО", "руководители ММО",
    ]
    assert measure(roadmap, "45").responsible == ["Управление образования"]
    assert measure(roadmap, "44").result == "Организовано участие"
    assert all(m.output_form == "" for m in measures(roadmap))
