"""The period a roadmap covers, read from its title or text.

Decisions:

* «на 2020 – 2021 г.», «2021-2024 гг.», «на 2020-2021 год» → 1 January of the first year
  to 31 December of the last.
* «в 2024 году», «на 2024 год», «в течение 2024 года», «2024 г.» after «на»/«в» →
  that calendar year.
* «на 2020-2021 учебный год», «2020/2021 учебного года» → 1 September 2020 to 31 August
  2021: the school year as the law counts it (it starts on 1 September and its summer
  belongs to it, so a June measure about exam results stays inside the period).
* Nothing of the kind → ``None``. The structure builder then falls back to the years
  written in the deadlines, then to the year of the order's date (see ``table``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

_DASH = r"\s*[-–—/]\s*"
_YEAR = r"((?:19|20)\d{2})"
_SCHOOL_YEAR = re.compile(_YEAR + _DASH + r"((?:19|20)?\d{2})\s*(?:г\.?\s*)?учебн", re.IGNORECASE)
_SPAN = re.compile(
    _YEAR + r"\s*(?:г\.?|года?)?" + _DASH + r"((?:19|20)?\d{2})\s*(?:гг\.?|г\.\s*г\.|г\.?|год\w*)",
    re.IGNORECASE,
)
_SPAN_AFTER_PREPOSITION = re.compile(
    r"\b(?:на|в)\s+(?:период\s+)?" + _YEAR + _DASH + r"((?:19|20)?\d{2})\b", re.IGNORECASE
)
_SINGLE = re.compile(
    r"\b(?:на|в|в\s+течение)\s+" + _YEAR + r"\s*(?:год\w*|г\.?)(?!\s*[-–—/]\s*\d)", re.IGNORECASE
)
_YEAR_ANYWHERE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_ORDER_DATE = re.compile(r"(?<!\d)\d{1,2}\.\d{1,2}\.((?:19|20)\d{2})(?!\d)")


def infer_period(text: str) -> tuple[date, date] | None:
    """The period named in a title or sentence, or ``None`` (see the module docstring)."""
    text = " ".join((text or "").split())
    match = _SCHOOL_YEAR.search(text)
    if match:
        first, last = int(match.group(1)), _full_year(match.group(2), match.group(1))
        if last == first + 1:
            return date(first, 9, 1), date(last, 8, 31)
    for pattern in (_SPAN, _SPAN_AFTER_PREPOSITION):
        match = pattern.search(text)
        if match:
            first, last = int(match.group(1)), _full_year(match.group(2), match.group(1))
            if first <= last <= first + 10:
                return date(first, 1, 1), date(last, 12, 31)
    match = _SINGLE.search(text)
    if match:
        year = int(match.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    return None


def _full_year(value: str, reference: str) -> int:
    if len(value) == 2:
        return int(reference[:2] + value)
    return int(value)


def period_from_deadlines(deadlines: Iterable[str]) -> tuple[date, date] | None:
    """The calendar years the deadlines are written in (first to last), if any."""
    years = sorted(
        {int(year) for text in deadlines for year in _YEAR_ANYWHERE.findall(text or "")}
    )
    if not years or years[-1] - years[0] > 10:
        return None
    return date(years[0], 1, 1), date(years[-1], 12, 31)


def period_from_order_date(paragraphs: Iterable[str]) -> tuple[date, date] | None:
    """The calendar year of the first dd.mm.yyyy date in the text (the order's date)."""
    for text in paragraphs:
        match = _ORDER_DATE.search(text or "")
        if match:
            year = int(match.group(1))
            return date(year, 1, 1), date(year, 12, 31)
    return None
