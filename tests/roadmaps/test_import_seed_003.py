"""Seed 003: Мокшанский район, 2023 — extracted from PDF: a header over two rows, titles cut
across cells (letters repeated at the cuts), Roman risk sub-sections, cells written one
printed line per row, a number repeated on an empty row."""
from datetime import date

from tests.support.seeds import measure, measures, parsed

SEED = "003"


def test_the_title_joins_the_heading_with_its_lowercase_continuation():
    assert parsed(SEED).title == (
        "ДОРОЖНАЯ КАРТА по оказанию методической помощи общеобразовательным организациям "
        "Мокшанского района Пензенской области по направлению «Система работы со школами, "
        "функционирующими в неблагоприятных социальных условиях»"
    )


def test_without_a_year_in_the_title_the_period_is_the_year_of_the_deadlines():
    # Every deadline is in 2023 and the order is dated 13.02.2023: the calendar year 2023.
    roadmap = parsed(SEED)
    assert roadmap.period == (date(2023, 1, 1), date(2023, 12, 31))
    assert "Период не указан в заголовке: принят 2023 год — по годам в сроках мероприятий." in (
        roadmap.warnings
    )


def test_the_header_split_over_two_rows_is_merged_and_mapped():
    roadmap = parsed(SEED)
    assert roadmap.headers == [
        "№ п/п",
        "Мероприятия, меры, управленческие решения",
        "Срок исполнения (месяц, год)",
        "Индикативные показатели 00.2",
        "Исполнители (ответственные)",
    ]
    assert roadmap.mapping == {
        "number": 0, "text": 1, "deadline": 2, "responsible": 4, "result": 3, "output_form": None,
    }
    assert roadmap.mapping_certain is True


def test_sections_titles_cut_across_cells_are_glued_back():
    roadmap = parsed(SEED)
    assert [(s.number, s.title) for s in roadmap.sections] == [
        ("1", "Организационное сопровождение"),
        ("2", "Организация работы со школами, функционирующими в зоне риска снижения "
              "образовательных результатов"),
        ("3", "Профилактика учебной неуспешности в ОО муниципалитета"),
        ("4", "Информационное сопровождение"),
    ]


def test_roman_risk_sub_sections_nest_inside_section_two():
    two = parsed(SEED).sections[1]
    assert two.measures == []
    assert [(s.number, s.title) for s in two.sections] == [
        ("I", "Мероприятия, направленные на снижение риска понижения образовательных "
              "результатов, связанного с низким уровнем материально – технического оснащения школ"),
        ("III", "Мероприятия, направленные на сниж социально-экономическим долеи семеи с низким"),
    ]
    assert [m.number for m in two.sections[0].measures] == ["2.1", "2.2", "2.3", "2.4", "2.5"]
    assert [m.number for m in two.sections[1].measures] == ["2.6", "2.7", "2.8", "2.9"]


def test_all_thirty_seven_measures_in_order_and_nothing_unplaced():
    roadmap = parsed(SEED)
    expected = (
        [f"1.{n}" for n in range(1, 16)] + [f"2.{n}" for n in range(1, 10)]
        + [f"3.{n}" for n in range(1, 11)] + ["4.1", "4.2", "4.3"]
    )
    assert [m.number for m in measures(roadmap)] == expected
    assert roadmap.measures == []
    assert roadmap.unplaced == []
    assert roadmap.warnings == [
        "Таблица 7, строка 8: заголовок «IV Информационное сопровождение» стоит перед "
        "мероприятиями 4.1 … и принят за раздел 4.",
        "Таблица 4, строка 5: строка «2.4» содержит только номер и пропущена "
        "(этот номер есть и у другой строки).",
        "Период не указан в заголовке: принят 2023 год — по годам в сроках мероприятий.",
    ]


def test_the_repeated_number_is_kept_and_flagged():
    roadmap = parsed(SEED)
    twenty_four = measure(roadmap, "2.4")
    assert twenty_four.flags == ["номер повторяется"]
    assert twenty_four.text.startswith("Организация профориентационной работы в щколах: - просмотр")
    assert twenty_four.deadline_text == "В течение года ежемесячно"
    assert twenty_four.result == "Отчеты до 20 числа каждого месяца"
    assert twenty_four.responsible == ["Администрация школ", "муниципальный координатор"]


def test_page_break_continuations_join_their_measure():
    roadmap = parsed(SEED)
    one_two = measure(roadmap, "1.2")
    assert one_two.text.endswith(
        "по направлению «Система работы со школами с низкими результатами обучения и/или "
        "школами, функционирующими в неблагоприятных социальных условиях, организованным "
        "Министерством образования Пензенской области и ГАОУ ДПО ИРР ПО"
    )
    assert one_two.deadline_text == "25.01.2023 г."
    assert one_two.flags == ["строка продолжена со следующей страницы"]
    assert measure(roadmap, "1.8").text == (
        "Методическая помощь школам по разработке концептуальных документов по устранению "
        "выявленных рисков в школах (антирисковых программ, индивидуальных образовательных "
        "маршрутов для слабоуспевающих и неуспевающих обучающихся)"
    )
    assert measure(roadmap, "1.8").result == "По запросу"
    three_five = measure(roadmap, "3.5")
    assert three_five.deadline_text == "Март 2023 г. Май 2023 г."
    assert three_five.text.endswith(
        "на базе МБОУ СОШ №1 р.п. Мокшан со школами Мокшанского района. Организация и "
        "проведение занятий: - «Знакомство с Центром образования «Точка роста», - «Школа спасателей»"
    )
    assert three_five.responsible == ["Руководители центров «Точка роста»"]


def test_cells_written_one_printed_line_per_row_are_joined():
    roadmap = parsed(SEED)
    four_one = measure(roadmap, "4.1")
    assert four_one.text == (
        "Ведение на сайте Управления образованием раздела, посвященного организации в "
        "муниципалитете работы со школами, имеющими риски снижения образовательных результатов"
    )
    assert four_one.result == "Создан раздел на сайте, систематически вносятся обновления"
    assert four_one.flags == [
        "строка продолжена со следующей страницы", "текст собран из нескольких строк таблицы",
    ]
    assert four_one.source == "таблица 7, строка 9; таблица 8, строки 1–2"
    four_two = measure(roadmap, "4.2")
    assert four_two.text == (
        "Размещение на страничках в соц.сетях Управления образованием всей необходимой "
        "информации по направлению работы со школами, функционирующими в неблагоприятных "
        "социальных условиях"
    )
    assert four_two.result == "Методические материалы, нормативные документы, новостная лента"
    assert four_two.responsible == ["Муниципальный координатор"]
    four_three = measure(roadmap, "4.3")
    assert four_three.deadline_text == ""
    assert four_three.text.endswith("вопросы повышения качества образования")
    assert four_three.responsible == ["Муниципальный координатор"]
    assert measure(roadmap, "3.6").deadline_text == "Март 2023 г. Май 2023 г. Май 2023 г."


def test_a_line_shifted_into_the_next_measure_is_moved_back():
    roadmap = parsed(SEED)
    assert measure(roadmap, "3.2").text == (
        "Организация и проведение заседаний районных методических объединений учителей — "
        "предметников по вопросам профилактики учебной неуспешности и повышения качества образования"
    )
    assert measure(roadmap, "3.3").text.startswith("Организация и проведение районных обучающих семинаров")
    assert measure(roadmap, "3.2").flags == ["конец текста перенесён из следующей строки таблицы"]
    assert measure(roadmap, "3.3").flags == ["начало текста перенесено в предыдущее мероприятие"]


def test_deadlines_results_and_bodies_of_a_few_rows():
    roadmap = parsed(SEED)
    assert measure(roadmap, "2.3").deadline_text == (
        "Информация представлена в пунктах 3.5 и 3.6 веодоление риска недостаточной "
        "обеспеченности педагогическими кадрами"
    )
    assert measure(roadmap, "3.1").deadline_text == (
        "В соответствии с планом. До 10 февраля составление плана - графика"
    )
    assert measure(roadmap, "3.3").deadline_text == "Февраль 2023 г. Май 2023 г. Октябрь 2023 г."
    assert measure(roadmap, "1.7").responsible == [
        "Управление образованием администрации Мокшанского района", "муниципальный координатор",
    ]
    assert measure(roadmap, "2.1").responsible == ["Администрация МБОУ СОШ им. М.Н. Загоскина с. Рамзай"]
    assert measure(roadmap, "2.2").responsible == ["Администрация НШ – ДС с. Широкоис", "Управление образованием"]
    assert measure(roadmap, "3.2").responsible == ["Руководители РМО", "Муниципальный координатор"]
    assert measure(roadmap, "1.15").result == (
        "Протокол заседания муниципальной рабочей группы, аналитический отчет"
    )
    assert measure(roadmap, "2.5").result == "справка"
