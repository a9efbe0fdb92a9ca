"""The deadline parser: every line of the contract (deadlines.tsv), then the wider forms.

Pure Python: no database, no Django settings.
"""

import ast
import csv
import sys
from datetime import date
from pathlib import Path

import pytest

from roadmaps import deadlines
from roadmaps.deadlines import KIND_LABELS, KINDS, ParsedDeadline, parse_deadline

CONTRACT = Path(__file__).resolve().parents[1] / "data" / "deadlines.tsv"

SCHOOL_YEAR = (date(2020, 9, 1), date(2021, 5, 31))
YEAR_2024 = (date(2024, 1, 1), date(2024, 12, 31))
YEARS_2020_2021 = (date(2020, 1, 1), date(2021, 12, 31))


def _contract_rows() -> list[dict[str, str]]:
    with CONTRACT.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


CONTRACT_ROWS = _contract_rows()


def parse(text: str, period: tuple[date, date] = YEAR_2024) -> ParsedDeadline:
    return parse_deadline(text, *period)


def d(iso: str) -> date:
    return date.fromisoformat(iso)


def days(*isos: str) -> tuple[date, ...]:
    return tuple(d(iso) for iso in isos)


# --------------------------------------------------------------------------- the contract

def test_contract_is_read_whole():
    assert len(CONTRACT_ROWS) >= 70
    assert any(row["text"] == "" for row in CONTRACT_ROWS)


@pytest.mark.parametrize("row", CONTRACT_ROWS, ids=[row["text"] or "(empty)" for row in CONTRACT_ROWS])
def test_contract_line(row):
    parsed = parse_deadline(row["text"], d(row["period_start"]), d(row["period_end"]))

    assert parsed.kind == row["kind"]
    assert parsed.starts_on == (d(row["start"]) if row["start"] else None)
    assert parsed.due_dates == days(*row["due"].split())
    assert parsed.needs_review is (row["needs_review"] == "yes")


# --------------------------------------------------------------------------- the API

def test_kind_labels_cover_every_kind():
    assert tuple(KIND_LABELS) == KINDS
    assert KIND_LABELS["by_date"] == "срок «до»"
    assert KIND_LABELS["unparsed"] == "не распознан"


def test_result_is_frozen():
    with pytest.raises(AttributeError):
        parse("Апрель 2024").kind = "month"  # type: ignore[misc]


def test_module_imports_only_the_standard_library():
    tree = ast.parse(Path(deadlines.__file__).read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}


# --------------------------------------------------------------------------- spans

def test_span_across_years_ends_on_last_day_of_second_month():
    parsed = parse("Сентябрь 2020 – апрель 2021", YEARS_2020_2021)
    assert parsed == ParsedDeadline("span", d("2020-09-01"), days("2021-04-30"), False)


def test_span_with_one_year_written_crosses_the_new_year():
    parsed = parse("декабрь-январь 2021", YEARS_2020_2021)
    assert parsed == ParsedDeadline("span", d("2020-12-01"), days("2021-01-31"), False)


def test_span_of_days_in_one_month():
    assert parse("7-11.12.2020", YEARS_2020_2021) == ParsedDeadline(
        "span", d("2020-12-07"), days("2020-12-11"), False)
    assert parse("7 – 11 декабря 2020", YEARS_2020_2021) == ParsedDeadline(
        "span", d("2020-12-07"), days("2020-12-11"), False)


def test_span_from_to_in_words():
    assert parse("с сентября по декабрь 2024") == ParsedDeadline(
        "span", d("2024-09-01"), days("2024-12-31"), False)


@pytest.mark.parametrize("dash", ["-", "–", "—", "‒", "−", " - ", " – ", "\u00a0–\u00a0", " —"])
def test_every_dash_makes_a_span(dash):
    assert parse(f"Май{dash}июнь 2024") == ParsedDeadline(
        "span", d("2024-05-01"), days("2024-06-30"), False)


def test_years_written_as_a_range_are_the_whole_period():
    assert parse("2020-2021 гг.", YEARS_2020_2021) == ParsedDeadline(
        "whole_period", d("2020-01-01"), days("2021-12-31"), False)


# --------------------------------------------------------------------------- days and months

@pytest.mark.parametrize("text", ["25.01.2024 г.", "25.01.2024г.", "25.01.2024", "25.01.24",
                                  "25 января 2024 года", "25\u00a0января\u00a02024"])
def test_one_day_in_any_spelling(text):
    assert parse(text) == ParsedDeadline("date", None, days("2024-01-25"), False)


@pytest.mark.parametrize("text", ["Апрель 2024", "апрель 2024;", "АПРЕЛЬ 2024 г.", "Апрель 2024 гг.",
                                  "в апреле 2024 года", "апреля 2024", "в апреле", "апр. 2024"])
def test_a_month_in_any_case_and_spelling(text):
    assert parse(text) == ParsedDeadline("month", d("2024-04-01"), days("2024-04-30"), False)


def test_month_without_year_is_the_first_on_or_after_period_start():
    assert parse("сентябрь", SCHOOL_YEAR).due_dates == days("2020-09-30")
    assert parse("май", SCHOOL_YEAR).due_dates == days("2021-05-31")


def test_dates_outside_the_period_are_kept_as_written():
    assert parse("Июнь 2030") == ParsedDeadline("month", d("2030-06-01"), days("2030-06-30"), False)


def test_impossible_date_is_not_read():
    assert parse("31.02.2024") == ParsedDeadline("unparsed", None, (), True)


# --------------------------------------------------------------------------- «до», «к»

def test_until_a_day_is_that_day():
    assert parse("до 01 декабря 2020", YEARS_2020_2021) == ParsedDeadline(
        "by_date", None, days("2020-12-01"), False)
    assert parse("До 10.06.2020 г.", YEARS_2020_2021).due_dates == days("2020-06-10")


def test_until_a_month_is_the_day_before_it():
    assert parse("к сентябрю 2024 года") == ParsedDeadline("by_date", None, days("2024-08-31"), False)
    assert parse("к сентябрю").due_dates == days("2024-08-31")
    assert parse("До мая 2021", YEARS_2020_2021).due_dates == days("2021-04-30")


def test_not_later_than_a_month_is_its_last_day():
    assert parse("не позднее мая 2024") == ParsedDeadline("by_date", None, days("2024-05-31"), False)


def test_until_fourth_quarter_is_end_of_third_quarter():
    assert parse("до четвертой четверти", SCHOOL_YEAR) == ParsedDeadline(
        "by_date", None, days("2021-03-31"), False)
    assert parse("до 4 четверти").due_dates == days("2024-03-31")


def test_end_of_a_month_or_a_year():
    assert parse("в конце мая") == ParsedDeadline("date", None, days("2024-05-31"), False)
    assert parse("до конца 2024 года") == ParsedDeadline("by_date", None, days("2024-12-31"), False)


def test_a_school_quarter_is_a_span():
    assert parse("в 3 четверти", SCHOOL_YEAR) == ParsedDeadline(
        "span", d("2021-01-01"), days("2021-03-31"), False)


# --------------------------------------------------------------------------- several dates

@pytest.mark.parametrize("text", ["Апрель 2023 г. Октябрь 2023 г.", "Апрель 2023, Октябрь 2023",
                                  "Апрель 2023; Октябрь 2023", "апрель 2023\nоктябрь 2023",
                                  "апрель и октябрь 2023", "апрель, октябрь 2023 г."])
def test_several_months_with_any_separator(text):
    assert parse(text, (date(2023, 1, 1), date(2023, 12, 31))) == ParsedDeadline(
        "dates", None, days("2023-04-30", "2023-10-31"), False)


def test_three_months_separated_by_spaces():
    parsed = parse("Февраль 2023 г. Май 2023 г. Октябрь 2023 г.", (date(2023, 1, 1), date(2023, 12, 31)))
    assert parsed == ParsedDeadline("dates", None, days("2023-02-28", "2023-05-31", "2023-10-31"), False)


def test_several_full_dates():
    parsed = parse("15.04.2021 15.07.2021 15.10.2021", YEARS_2020_2021)
    assert parsed == ParsedDeadline("dates", None, days("2021-04-15", "2021-07-15", "2021-10-15"), False)


def test_the_same_month_written_twice_is_one_month():
    assert parse("Май 2023 г. Май 2023 г.", (date(2023, 1, 1), date(2023, 12, 31))) == ParsedDeadline(
        "month", d("2023-05-01"), days("2023-05-31"), False)


# --------------------------------------------------------------------------- recurrences

SCHOOL_QUARTER_ENDS = days("2020-10-31", "2020-12-31", "2021-03-31", "2021-05-31")


@pytest.mark.parametrize("text", ["не реже одного в четверть", "в конце четверти", "по итогам четверти",
                                  "ежечетвертно", "1 раз в четверть", "по окончании каждой четверти"])
def test_school_quarters(text):
    assert parse(text, SCHOOL_YEAR) == ParsedDeadline("recurring", None, SCHOOL_QUARTER_ENDS, False)


@pytest.mark.parametrize("text", ["не реже одного в полугодие", "не реже одной в полугодие",
                                  "1 раз в полугодие", "по итогам полугодия"])
def test_half_years(text):
    assert parse(text, SCHOOL_YEAR) == ParsedDeadline(
        "recurring", None, days("2020-12-31", "2021-05-31"), False)


@pytest.mark.parametrize("text", ["ежеквартально", "1 раз в квартал", "не реже 1 раза в квартал"])
def test_calendar_quarters(text):
    assert parse(text) == ParsedDeadline(
        "recurring", None, days("2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"), False)


def test_every_two_months_counts_from_the_period_start():
    assert parse("не реже одного в два месяца", SCHOOL_YEAR).due_dates == days(
        "2020-10-31", "2020-12-31", "2021-02-28", "2021-04-30")


def test_monthly_inside_the_period_only():
    assert parse("ежемесячно", SCHOOL_YEAR).due_dates == days(
        "2020-09-30", "2020-10-31", "2020-11-30", "2020-12-31", "2021-01-31",
        "2021-02-28", "2021-03-31", "2021-04-30", "2021-05-31")


def test_recurrence_bounded_by_a_year_of_the_period():
    parsed = parse("в течение 2021 года ежеквартально", YEARS_2020_2021)
    assert parsed == ParsedDeadline(
        "recurring", None, days("2021-03-31", "2021-06-30", "2021-09-30", "2021-12-31"), False)


def test_yearly_alone_is_the_31st_of_december():
    assert parse("ежегодно", YEARS_2020_2021) == ParsedDeadline(
        "recurring", None, days("2020-12-31", "2021-12-31"), False)


def test_yearly_update_after_a_span_repeats_its_last_day():
    parsed = parse("Май—август 2020; далее — ежегодное обновление", (date(2020, 1, 1), date(2022, 12, 31)))
    assert parsed == ParsedDeadline(
        "mixed", d("2020-05-01"), days("2020-08-31", "2021-08-31", "2022-08-31"), False)


@pytest.mark.parametrize("text", ["еженедельно", "1 раз в неделю", "ежедневно"])
def test_weekly_is_recurring_without_due_dates_and_marked_for_review(text):
    assert parse(text) == ParsedDeadline("recurring", None, (), True)


def test_recurrence_with_no_occurrence_in_the_period_is_marked():
    assert parse("ежегодно", (date(2024, 1, 1), date(2024, 6, 30))) == ParsedDeadline(
        "recurring", None, (), True)


# --------------------------------------------------------------------------- undated kinds

def test_whole_period_forms():
    expected = ParsedDeadline("whole_period", d("2020-09-01"), days("2021-05-31"), False)
    for text in ("Постоянно", "в течение года", "В течение учебного года", "весь период"):
        assert parse(text, SCHOOL_YEAR) == expected, text


def test_year_of_a_longer_period_is_clipped_to_that_year():
    assert parse("В течение 2021 года", YEARS_2020_2021) == ParsedDeadline(
        "whole_period", d("2021-01-01"), days("2021-12-31"), False)


def test_year_outside_the_period_is_marked():
    assert parse("В течение 2026 года").needs_review is True


@pytest.mark.parametrize("text, kind", [
    ("по запросу школ", "on_request"),
    ("при необходимости", "on_request"),
    ("по плану-графику", "by_schedule"),
    ("согласно графику работы МНЦ", "by_schedule"),
    ("в соответствии с утвержденным планом", "by_schedule"),
    ("по итогам мониторинга", "after_event"),
    ("после проведения ВПР", "after_event"),
])
def test_undated_kinds_take_the_name_of_the_schedule_or_event(text, kind):
    assert parse(text) == ParsedDeadline(kind, None, (), False)


def test_after_a_day_has_no_due_date_and_is_marked():
    assert parse("после 15 мая") == ParsedDeadline("after_event", None, (), True)


def test_mixed_clauses_union_their_dates():
    parsed = parse("Согласно графику НИМРО, апрель 2024; ежеквартально")
    assert parsed == ParsedDeadline(
        "mixed", d("2024-04-01"), days("2024-03-31", "2024-04-30", "2024-06-30", "2024-09-30",
                                       "2024-12-31"), False)


# --------------------------------------------------------------------------- review

def test_unknown_words_are_kept_for_review():
    parsed = parse("Апрель 2024, кроме малокомплектных школ")
    assert parsed == ParsedDeadline("month", d("2024-04-01"), days("2024-04-30"), True)


def test_a_description_of_the_deliverable_is_not_a_reason_for_review():
    assert parse("до 10 февраля составление плана-графика") == ParsedDeadline(
        "by_date", None, days("2024-02-10"), False)


def test_nothing_understood_is_unparsed():
    assert parse("Информация представлена в пунктах 3.5 и 3.6") == ParsedDeadline(
        "unparsed", None, (), True)
    assert parse("последний день месяца") == ParsedDeadline("unparsed", None, (), True)


@pytest.mark.parametrize("text", ["", "   ", "\u00a0", " — ", "\n"])
def test_empty_text_is_none(text):
    assert parse(text) == ParsedDeadline("none", None, (), True)


# --------------------------------------------------------------------------- cost

@pytest.mark.parametrize("piece", ["январь, ", "май и ", "в январе, ", "май 2024, ", "с мая по ",
                                   "ежемесячно ", "01.01.2024, ", "по плану "])
def test_the_parser_is_linear_in_the_length_of_the_text(piece):
    """A complexity check, not a speed target: eight times the text must cost about eight
    times as much (a quadratic parser costs 64 times; the 60,000-month cell of a hostile
    file took minutes). The best of three runs keeps a busy machine's noise out."""
    import time

    def cost(repeats: int) -> float:
        runs = []
        for _ in range(3):
            started = time.process_time()
            parse(piece * repeats)
            runs.append(time.process_time() - started)
        return min(runs)

    small, large = cost(1_000), cost(8_000)
    assert large < 0.05 + 24 * small
