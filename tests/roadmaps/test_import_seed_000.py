"""Seed 000: Молчановский район, 2020–2021 — a markdown table in three pieces, HTML in cells,
the third piece with six columns instead of four."""
from datetime import date

from tests.support.seeds import measure, measures, parsed

SEED = "000"


def test_it_reads_the_title_and_the_two_year_period():
    roadmap = parsed(SEED)
    assert roadmap.title == (
        "Дорожная карта комплекса мероприятий по работе со школами с низкими "
        "образовательными результатами Молчановского района на 2020 – 2021 год"
    )
    assert roadmap.period == (date(2020, 1, 1), date(2021, 12, 31))


def test_it_maps_the_columns_by_their_headers():
    roadmap = parsed(SEED)
    assert roadmap.headers == ["№", "Мероприятия", "Сроки", "Ответственные"]
    assert roadmap.mapping == {
        "number": 0, "text": 1, "deadline": 2, "responsible": 3, "result": None, "output_form": None,
    }
    assert roadmap.mapping_certain is True


def test_it_finds_nineteen_measures_outside_any_section():
    roadmap = parsed(SEED)
    assert roadmap.sections == []
    assert [m.number for m in roadmap.measures] == [str(n) for n in range(1, 20)]
    assert len(measures(roadmap)) == 19


def test_nothing_is_lost_and_the_column_realignment_is_reported():
    roadmap = parsed(SEED)
    assert roadmap.unplaced == []
    assert roadmap.abbreviations == {}
    assert roadmap.warnings == [
        "Таблица 3, строки 1–9: 6 столбцов вместо 4 — столбцы сопоставлены по содержанию: "
        "мероприятие — столбцы 2–3, срок — столбец 4, ответственные — столбцы 5–6."
    ]


def test_deadlines_are_kept_verbatim():
    roadmap = parsed(SEED)
    assert [m.deadline_text for m in roadmap.measures] == [
        "До 10.06.2020", "Май-июнь 2020", "Июнь 2020", "Май-июнь 2020", "Май - июнь 2020",
        "До 16.06.2020", "Август 2020", "До 20 августа 2020",
        "Май – август 2020, далее – ежегодное обновление", "Июнь – декабрь 2020",
        "Июнь – август 2020", "Июнь – август 2020", "До 10 октября 2020",
        "По отдельному графику", "По отдельному графику", "По отдельному графику",
        "До мая 2021", "Сентябрь 2020 – апрель 2021", "Май-июнь 2021",
    ]


def test_bodies_written_with_only_spaces_between_them_are_split():
    roadmap = parsed(SEED)
    assert measure(roadmap, "4").responsible_text == (
        "Муниципальные органы управления образованием Образовательные организации с низкими "
        "образовательными результатами ТОИПКРО"
    )
    assert measure(roadmap, "4").responsible == [
        "Муниципальные органы управления образованием",
        "Образовательные организации с низкими образовательными результатами",
        "ТОИПКРО",
    ]
    assert measure(roadmap, "8").responsible == [
        "Муниципальные органы управления образованием (утверждение)",
        "Региональная рабочая группа (согласование)",
    ]


def test_html_paragraphs_and_lists_in_cells_become_lines():
    five = measure(parsed(SEED), "5")
    assert five.text.startswith(
        "Организация подготовительной работы в каждой школе, включающей:\n"
        "- проведение анализа внутренних и внешних причин низких результатов; - формирование"
    )
    assert five.text.endswith("в рамках осознанных реалистичных целей ближайшего развития")
    assert five.responsible_text == (
        "Образовательные организации с низкими результатами\n"
        "Муниципальные органы управления образованием"
    )
    assert five.responsible == [
        "Образовательные организации с низкими результатами",
        "Муниципальные органы управления образованием",
    ]
    assert measure(parsed(SEED), "6").text.startswith("Совбеседование с руководителями школ")


def test_the_six_column_piece_joins_the_split_text_and_takes_repeated_bodies_once():
    roadmap = parsed(SEED)
    eleven = measure(roadmap, "11")
    assert eleven.text == (
        "Разработка внутришкольных подготовок обучающихся школ Механизмов мониторинга качества"
    )
    assert eleven.deadline_text == "Июнь – август 2020"
    assert eleven.responsible == [
        "ТОИПКРО",
        "Образовательные организации с низкими образовательными результатами, а также "
        "организации, функционирующие в сложных социально-экономических условиях",
    ]
    assert measure(roadmap, "12").responsible == ["Муниципальные органы управления образованием"]
    assert measure(roadmap, "13").text == "Анализ профессиональных/предметных дефицитов учителей школ"
    assert measure(roadmap, "14").text == (
        "Посещение уроков специалистами согласованно с МОУО и ОО «Методического десанта» по графику"
    )
    assert measure(roadmap, "19").text == (
        "Формирование муниципальной комплекса мероприятий поддержки образовательных низкими "
        "образовательными результатами на 2021-2024 г.г. дорожных карт по реализации"
    )


def test_no_measure_is_flagged_and_sources_point_at_the_pieces():
    roadmap = parsed(SEED)
    assert all(m.flags == [] for m in roadmap.measures)
    assert measure(roadmap, "1").source == "таблица 1, строка 2"
    assert measure(roadmap, "5").source == "таблица 2, строка 1"
    assert measure(roadmap, "11").source == "таблица 3, строка 1"
