"""The heuristics one by one, on small made-up tables."""
from datetime import date

import pytest

from core.reading.readers import read_document, read_text
from roadmaps.importers.columns import header_field
from roadmaps.importers.joining import join_cut, join_pieces, join_rows, word_counts
from roadmaps.importers.table import (
    infer_period,
    iter_measures,
    parse_roadmap,
    read_abbreviations,
    split_responsible,
)
from tests.support.office_files import to_docx

HEADER = "№\tМероприятия\tСроки\tОтветственные\n"


def roadmap(body: str, header: str = HEADER, **kwargs):
    return parse_roadmap(read_text(header + body), **kwargs)


# --- joining ----------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b", "joined"), [
    ("Организационное сопрово", "ождение", "Организационное сопровождение"),
    ("со школами, ф", "ункционирующими в зоне", "со школами, функционирующими в зоне"),
    ("в зоне", "е риска", "в зоне риска"),
    ("снижения образователь", "ьных результатов", "снижения образовательных результатов"),
    ("направленные на снижени", "е риска", "направленные на снижение риска"),
    ("результатов, связан", "ного с низким", "результатов, связанного с низким"),
    ("мате", "ериально – технического", "материально – технического"),
    ("направленные на сниж", "социально-экономическим", "направленные на сниж социально-экономическим"),
    ("Информационное", "Сопровождение", "Информационное Сопровождение"),
    ("фун-", "кционирования", "функционирования"),
])
def test_pieces_cut_by_pdf_extraction_are_glued(a, b, joined):
    assert join_cut(a, b) == joined


def test_pieces_with_an_empty_cell_between_them_get_a_space():
    assert join_pieces(["", "на сниж", "социально-экономическим", "", "долеи семеи"]) == (
        "на сниж социально-экономическим долеи семеи"
    )
    assert join_pieces(["Раздел 1.", "Раздел 1.", "Организационные меры"]) == "Раздел 1. Организационные меры"


def test_words_the_document_uses_elsewhere_are_not_glued():
    vocabulary = word_counts(["работы со школами", "план работы со школами"])
    assert join_cut("Организация работы", "со школами", vocabulary) == "Организация работы со школами"
    assert join_cut("Организация раб", "оты", vocabulary) == "Организация работы"
    assert join_cut("Организация работы", "со школами") == "Организация работысо школами"


def test_rows_are_joined_with_a_space_and_hyphenation_is_undone():
    assert join_rows("проверка фун-", "кционирования школ") == "проверка функционирования школ"
    assert join_rows("работы со школами,", "имеющими риски") == "работы со школами, имеющими риски"
    assert join_rows("План -", "график") == "План - график"
    assert join_rows("муниципал", "ьных школ") == "муниципальных школ"
    assert join_rows("функцио", "нирования") == "функцио нирования"
    assert join_rows("", "текст") == "текст"


# --- headers ----------------------------------------------------------------------------

@pytest.mark.parametrize(("header", "field"), [
    ("№", "number"), ("№ п/п", "number"), ("№п/п", "number"),
    ("Мероприятия", "text"), ("Наименование мероприятия", "text"),
    ("Мероприятия, меры, управленческие решения", "text"),
    ("Мероприятия по повышению эффективности", "text"),
    ("Сроки", "deadline"), ("Срок реализации", "deadline"),
    ("Срок исполнения (месяц, год)", "deadline"), ("Сроки выполнения", "deadline"),
    ("Ответственные", "responsible"), ("Ответственные исполнители", "responsible"),
    ("Исполнители (ответственные)", "responsible"),
    ("Результаты исполнения", "result"), ("Результатыисполнения", "result"),
    ("Индикативные показатели", "result"), ("Ожидаемый результат", "result"),
    ("Форма", "output_form"), ("Форма представления результата", "output_form"),
    ("Примечание", None),
])
def test_header_wordings(header, field):
    assert header_field(header) == field


def test_a_result_and_a_form_column_are_read():
    parsed = roadmap(
        "1\tСовещание\tМарт 2024\tУправление образования\tПроведено\tПротокол\n",
        header="№ п/п\tНаименование мероприятия\tСрок реализации\tОтветственные исполнители"
               "\tОжидаемый результат\tФорма представления результата\n",
    )
    (measure,) = parsed.measures
    assert (measure.result, measure.output_form) == ("Проведено", "Протокол")
    assert parsed.mapping == {
        "number": 0, "text": 1, "deadline": 2, "responsible": 3, "result": 4, "output_form": 5,
    }


def test_a_missing_deadline_header_is_found_by_content_and_marked_uncertain():
    parsed = roadmap(
        "1\tСовещание\tМарт 2024\tУправление образования\n"
        "2\tСеминар\tПо запросу\tМКУ ЦИМО\n",
        header="№\tМероприятия\tКогда-нибудь?\tОтветственные\n".replace("Когда-нибудь?", "Этап"),
    )
    assert parsed.mapping["deadline"] == 2
    assert parsed.mapping_certain is False
    assert parsed.measures[1].deadline_text == "По запросу"
    assert "выбран по содержанию" in parsed.warnings[0]


def test_a_table_without_header_is_mapped_by_content():
    parsed = parse_roadmap(read_text(
        "1\tНазначение координатора по сопровождению школ\tМарт 2024\tУправление образования\n"
        "2\tРазработка дорожной карты муниципалитета\tАпрель 2024\tМКУ ЦИМО, руководители ОО\n"
    ))
    assert parsed.mapping["number"] == 0
    assert parsed.mapping["text"] == 1
    assert parsed.mapping["deadline"] == 2
    assert parsed.mapping["responsible"] == 3
    assert parsed.mapping_certain is False
    assert parsed.measures[1].responsible == ["МКУ ЦИМО", "руководители ОО"]


def test_the_callers_mapping_wins():
    parsed = roadmap(
        "1\tСовещание\tМарт 2024\tУправление образования\n",
        mapping={"number": 0, "text": 3, "deadline": 2, "responsible": 1},
    )
    (measure,) = parsed.measures
    assert (measure.text, measure.responsible) == ("Управление образования", ["Совещание"])
    assert parsed.mapping_certain is True


# --- rows -------------------------------------------------------------------------------

def test_an_unnumbered_row_with_its_own_deadline_is_a_measure_without_number():
    parsed = roadmap(
        "1\tСовещание\tМарт 2024\tУправление образования\n"
        "\tСеминар для директоров\tАпрель 2024\tМКУ ЦИМО\n"
        "2\tКонсультации\tПо запросу\tМКУ ЦИМО\n"
    )
    assert [(m.number, m.text, m.flags) for m in parsed.measures] == [
        ("1", "Совещание", []),
        ("", "Семинар для директоров", ["без номера"]),
        ("2", "Консультации", []),
    ]


def test_an_unnumbered_row_continues_a_measure_even_across_a_page_break():
    parsed = roadmap(
        "1\tПроверка фун-\tМарт 2024\tУправление образования,\n"
        "\n"
        "\tкционирования школ\t\tМКУ ЦИМО\n"
    )
    (measure,) = parsed.measures
    assert measure.text == "Проверка функционирования школ"
    assert measure.responsible == ["Управление образования", "МКУ ЦИМО"]
    assert measure.flags == ["строка продолжена со следующей страницы"]
    assert measure.source == "таблица 1, строка 2; таблица 2, строка 1"


def test_a_row_numbering_the_columns_and_a_repeated_header_are_skipped_with_warnings():
    parsed = roadmap(
        "1\t2\t3\t4\n"
        "1\tСовещание\tМарт 2024\tУправление образования\n"
        "\n" + HEADER + "2\tСеминар\tАпрель 2024\tМКУ ЦИМО\n"
    )
    assert [m.number for m in parsed.measures] == ["1", "2"]
    assert "Таблица 1, строка 2: строка с номерами столбцов пропущена." in parsed.warnings
    assert parsed.unplaced == []


def test_a_later_table_of_another_kind_is_unplaced_not_dropped():
    parsed = roadmap(
        "1\tСовещание\tМарт 2024\tУправление образования\n\n"
        "Приложение 2\n\n"
        "№\tШкола\tДиректор\n1\tМКОУ Кармаклинская СОШ\tЕремина Н.Н.\n"
    )
    assert [m.number for m in parsed.measures] == ["1"]
    assert parsed.unplaced == ["№ | Школа | Директор", "1 | МКОУ Кармаклинская СОШ | Еремина Н.Н."]
    assert "не похожа на продолжение плана" in parsed.warnings[0]


def test_text_before_the_first_measure_is_unplaced():
    parsed = roadmap("\tПояснение к таблице\t\t\n\tсм. приложение\t\t\n"
                     "1\tСовещание\tМарт 2024\tУправление образования\n")
    assert parsed.unplaced == ["Пояснение к таблице", "см. приложение"]
    assert [m.number for m in parsed.measures] == ["1"]


def test_numbered_and_roman_sections_and_iter_measures():
    parsed = roadmap(
        "1.\tОрганизационные меры\t\t\n"
        "1.1.\tСовещание\tМарт 2024\tУправление образования\n"
        "I Мероприятия по первому риску\t\t\t\n"
        "1.2\tСеминар\tАпрель 2024\tМКУ ЦИМО\n"
        "II. Информационное сопровождение\t\t\t\n"
        "2.1\tПубликации\tПостоянно\tМКУ ЦИМО\n"
    )
    assert [(s.number, s.title) for s in parsed.sections] == [
        ("1", "Организационные меры"), ("2", "Информационное сопровождение"),
    ]
    assert [(s.number, s.title) for s in parsed.sections[0].sections] == [
        ("I", "Мероприятия по первому риску"),
    ]
    assert [(section.number if section else None, m.number) for section, m in iter_measures(parsed)] == [
        ("1", "1.1"), ("I", "1.2"), ("2", "2.1"),
    ]


# --- bodies, footnotes, periods ----------------------------------------------------------

@pytest.mark.parametrize(("text", "bodies"), [
    ("Управление образования, МКУ ЦИМО, руководители ОО",
     ["Управление образования", "МКУ ЦИМО", "руководители ОО"]),
    ("Управление образования; МКУ «Центр информационно-методического обеспечения, анализа»",
     ["Управление образования", "МКУ «Центр информационно-методического обеспечения, анализа»"]),
    ("Администрация школ (директор, заместитель)", ["Администрация школ (директор, заместитель)"]),
    ("Руководители ШНОР и ШНСУ", ["Руководители ШНОР и ШНСУ"]),
    ("Управление образования Администрации Молчановского района",
     ["Управление образования Администрации Молчановского района"]),
    ("- Управление образования\n- МКУ ЦИМО\n- МКУ ЦИМО", ["Управление образования", "МКУ ЦИМО"]),
    ("", []),
])
def test_split_responsible(text, bodies):
    assert split_responsible(text) == bodies


def test_read_abbreviations():
    text = (
        "*Примечание: Томский областной институт повышения квалификации и переподготовки "
        "работников образования – ТОИПКРО; Муниципальные органы управления образованием — МОУО. "
        "ОО - образовательные организации"
    )
    assert read_abbreviations(text) == {
        "ТОИПКРО": "Томский областной институт повышения квалификации и переподготовки работников образования",
        "МОУО": "Муниципальные органы управления образованием",
        "ОО": "образовательные организации",
    }


def test_footnotes_under_the_table_are_read_into_abbreviations():
    parsed = roadmap(
        "1\tСовещание\tМарт 2024\tТОИПКРО\n\n"
        "*Примечание:\nТомский областной институт повышения квалификации и переподготовки "
        "работников образования – ТОИПКРО;\nМуниципальные органы управления образованием – МОУО.\n"
    )
    assert parsed.abbreviations == {
        "ТОИПКРО": "Томский областной институт повышения квалификации и переподготовки работников образования",
        "МОУО": "Муниципальные органы управления образованием",
    }


@pytest.mark.parametrize(("text", "period"), [
    ("Дорожная карта … на 2020 – 2021 г.", (date(2020, 1, 1), date(2021, 12, 31))),
    ("план мероприятий на 2021-2024 г.г.", (date(2021, 1, 1), date(2024, 12, 31))),
    ("… Новосибирской области в 2024 год", (date(2024, 1, 1), date(2024, 12, 31))),
    ("в 2024 году", (date(2024, 1, 1), date(2024, 12, 31))),
    ("на 2024 год", (date(2024, 1, 1), date(2024, 12, 31))),
    ("на 2020-2021 учебный год", (date(2020, 9, 1), date(2021, 8, 31))),
    ("ДОРОЖНАЯ КАРТА по оказанию методической помощи", None),
    ("приказ от 13.02.2023 г. № 49", None),
])
def test_infer_period(text, period):
    assert infer_period(text) == period


def test_the_callers_period_wins():
    parsed = roadmap("1\tСовещание\tМарт 2024\tУправление образования\n",
                     period=(date(2023, 9, 1), date(2024, 8, 31)))
    assert parsed.period == (date(2023, 9, 1), date(2024, 8, 31))


def test_numbering_restarting_after_a_title_row_makes_it_a_section():
    parsed = roadmap(
        "1\tОрганизационные меры\t\t\n"
        "1\tСовещание\tМарт 2024\tУправление образования\n"
        "2\tПриказ\tАпрель 2024\tУправление образования\n"
        "2\tМетодическая работа\t\t\n"
        "1\tСеминар\tМай 2024\tМКУ ЦИМО\n"
    )
    assert [(s.number, s.title, [m.number for m in s.measures]) for s in parsed.sections] == [
        ("1", "Организационные меры", ["1", "2"]),
        ("2", "Методическая работа", ["1"]),
    ]


def test_text_in_the_number_column_is_kept_as_text():
    parsed = roadmap(
        "1\tСовещание\tМарт 2024\tУправление образования\n"
        "Итого\t\t\t\n"
    )
    (measure,) = parsed.measures
    assert measure.text == "Совещание Итого"
    assert measure.flags == ["текст собран из нескольких строк таблицы"]


def test_without_a_number_column_a_number_leading_the_text_is_taken_out():
    parsed = roadmap(
        "1.1. Совещание\tМарт 2024\tУправление образования\n"
        "1.2. Семинар\tАпрель 2024\tМКУ ЦИМО\n",
        header="Мероприятия\tСроки\tОтветственные\n",
    )
    assert [(m.number, m.text) for m in parsed.measures] == [("1.1", "Совещание"), ("1.2", "Семинар")]


def test_a_number_outside_its_section_is_flagged():
    parsed = roadmap(
        "1\tОрганизационные меры\t\t\n"
        "1.1\tСовещание\tМарт 2024\tУправление образования\n"
        "2.1\tСеминар\tАпрель 2024\tМКУ ЦИМО\n"
    )
    assert [m.flags for m in parsed.sections[0].measures] == [[], ["номер не из этого раздела"]]


def test_an_unnumbered_title_row_before_the_numbering_moves_on_is_a_section():
    parsed = roadmap(
        "Организационные меры\t\t\t\n"
        "1.1\tСовещание\tМарт 2024\tУправление образования\n"
        "Методическое сопровождение\t\t\t\n"
        "2.1\tСеминар\tАпрель 2024\tМКУ ЦИМО\n"
        "\tи консультации\t\t\n"
    )
    assert [(s.number, s.title, [m.number for m in s.measures]) for s in parsed.sections] == [
        ("1", "Организационные меры", ["1.1"]),
        ("2", "Методическое сопровождение", ["2.1"]),
    ]
    assert parsed.sections[1].measures[0].text == "Семинар и консультации"
    assert parsed.unplaced == []


def test_a_title_merged_across_a_word_table_is_a_section():
    table = read_text(HEADER + "Организационные меры\t\t\t\n1\tСовещание\tМарт 2024\tУО\n"
                      "Мониторинг\t\t\t\n2\tАнализ\tМай 2024\tУО\n")
    parsed = parse_roadmap(read_document("план.docx", to_docx(table, responsible_column=3)))
    assert [(s.title, [m.number for m in s.measures]) for s in parsed.sections] == [
        ("Организационные меры", ["1"]), ("Мониторинг", ["2"]),
    ]
