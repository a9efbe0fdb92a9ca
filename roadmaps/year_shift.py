"""Moving a roadmap a year forward: dates and years inside free text. Pure: no Django."""
from __future__ import annotations

import re
from datetime import date

_DATE_OR_YEAR = re.compile(
    r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?!\d)"
    r"|(?<!\d)(?P<alone>(?:19|20)\d\d)(?!\d)"
)


def shift_date_years(value: date, years: int = 1) -> date:
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February into a common year
        return value.replace(year=value.year + years, day=28)


def shift_years_in_text(text: str, years: int = 1) -> str:
    """«Май 2025» → «Май 2026», «до 10.06.2025» → «до 10.06.2026», «29.02.2024» → «28.02.2025»."""

    def shift(m: re.Match) -> str:
        if m.group("alone"):
            return str(int(m.group("alone")) + years)
        day, month, year = m.group("day"), m.group("month"), m.group("year")
        try:
            shifted = shift_date_years(date(int(year), int(month), int(day)), years)
        except ValueError:  # not a date after all: leave it as written
            return m.group(0)
        return f"{shifted.day:0{len(day)}d}.{month}.{shifted.year}"

    return _DATE_OR_YEAR.sub(shift, text)
