"""Read the free-text deadline of a measure («Сроки») into structured dates.

A pure function of standard Python (no Django): ``parse_deadline(text, period_start,
period_end)``.  Its contract is ``../shared/design/deadlines.tsv``; the kinds and their due
dates are described in ``architecture.md`` («Deadlines»).

Normalisation: lower case, «ё» → «е», every dash (‐ ‑ ‒ – — ― −) → «-», non-breaking and
other special spaces → a space, a line break → «;».

Grammar.  The text is read left to right as a sequence of *clauses*; between clauses we skip
spaces, punctuation (, ; . : ( ) / « » " - ) and the connectors «и», «а», «а также»,
«также», «далее», «затем».  At each position the longest clause that matches wins::

    POINT    = dd.mm.yyyy | dd.mm.yy                        (a day; «г.», «г», «года» may follow)
             | d MONTH [yyyy]                               («01 декабря 2020»)
             | MONTH [yyyy]                                 (any case: «май», «мая», «маю», «мае»)
             | ORDINAL четверть | ORDINAL полугодие         (a school term: «4 четверти»)
             | yyyy                                         (a year)
    single   = [до | к | не позднее | в | в течение | на] POINT
    end-of   = [до | к | не позднее] [в] конце|конец (POINT | года | учебного года)
    span     = [в | в течение] POINT - POINT | [в период] с POINT по POINT
    days     = d[.mm] - POINT                               («7-11.12.2020», «7-11 декабря 2020»)
    months   = MONTH, MONTH и MONTH yyyy                    (one year for the list)
    recurring: ежемесячно, ежеквартально, ежечетвертно, ежеполугодно, ежегодно (обновление),
               еженедельно, ежедневно, «[не реже] [одного] [раза] в месяц / два месяца /
               квартал / четверть / полугодие / год / неделю», «каждый месяц», «в конце
               четверти», «по итогам четверти», «по итогам полугодия», «по четвертям»
    whole period: постоянно, в постоянном режиме, весь период, в течение [учебного] года
    on request: по запросу, по заявкам, по мере необходимости, при необходимости
    by schedule: по [отдельному] графику / плану / плану-графику / расписанию, согласно
               графику …, в соответствии с планом …, в установленные сроки
    after event: после …, по итогам …, по результатам …, по окончании …, по завершении …

Meaning of a POINT: a bare or «в» point is a ``date``, a ``month``, a ``span`` (a school
term) or ``whole_period`` (a year).  «до»/«к» a day is that day, «до»/«к» a month, term or
year is the day before it starts («до мая 2021» → 30.04.2021, «до четвертой четверти» →
31.03); «не позднее» a month is its last day.  A point without a year is the first such
day or month on or after the period start.  In a span a missing year is taken from the
other end («май-июнь 2020», «декабрь-январь 2021» → 01.12.2020-31.01.2021).

School quarters end on 31.10, 31.12, 31.03 and 31.05 (they start 01.09, 01.11, 01.01,
01.04), half-years on 31.12 and 31.05.  «ежеквартально» is calendar quarters (31.03, 30.06,
30.09, 31.12).  «в два месяца» counts two months from the start of its range (a 2024 period
gives 29.02, 30.04, …, 31.12).  «ежегодно» is 31.12 of every year in range; right after a
dated clause («май – август 2020, далее – ежегодное обновление») it repeats that clause's
last day in every later year.  A recurrence only yields occurrences inside the period (or
inside «в течение 2024 года» beside it, which then only bounds it).  «еженедельно» and
«ежедневно» are ``recurring`` without due dates and with ``needs_review``: fifty due dates a
year are no milestones, and a person decides how to track them.

After on_request / by_schedule / after_event the following free words name the schedule or
event («по плану Управления образования»); after a dated clause a description of the
deliverable starting with a verbal noun is accepted («До 10 февраля составление
плана-графика»).  Any other word not understood sets ``needs_review`` (the dates that were
understood are still returned).  Nothing understood at all → ``unparsed``.  Also marked for
review: a date that does not exist («31.02.2024», read as no date at all), a span that ends
before it starts, a year outside the period («в течение 2026 года» in 2024), a recurrence
with no occurrence in the period, «после 15 мая» (``after_event``: a start, not a due day).

Several clauses: only days and months (``date``, ``by_date``, ``month``) → ``dates``;
otherwise ``mixed`` with the union of the due dates and the earliest start written.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

KINDS = ("date", "by_date", "month", "span", "dates", "recurring", "whole_period",
         "on_request", "by_schedule", "after_event", "mixed", "none", "unparsed")

KIND_LABELS: dict[str, str] = {
    "date": "дата",
    "by_date": "срок «до»",
    "month": "месяц",
    "span": "период",
    "dates": "несколько дат",
    "recurring": "регулярно",
    "whole_period": "весь период",
    "on_request": "по запросу",
    "by_schedule": "по графику",
    "after_event": "после события",
    "mixed": "смешанный",
    "none": "не указан",
    "unparsed": "не распознан",
}


@dataclass(frozen=True)
class ParsedDeadline:
    kind: str                      # one of KINDS
    starts_on: date | None         # the `start` column of the tsv
    due_dates: tuple[date, ...]    # sorted ascending, unique
    needs_review: bool


# --------------------------------------------------------------------------- calendar

SCHOOL_TERMS: dict[tuple[str, int], tuple[tuple[int, int], tuple[int, int]]] = {
    ("quarter", 1): ((9, 1), (10, 31)),
    ("quarter", 2): ((11, 1), (12, 31)),
    ("quarter", 3): ((1, 1), (3, 31)),
    ("quarter", 4): ((4, 1), (5, 31)),
    ("half", 1): ((9, 1), (12, 31)),
    ("half", 2): ((1, 1), (5, 31)),
}

# Months whose last day is an occurrence, per frequency («two_months» is counted instead).
FREQUENCY_MONTHS: dict[str, tuple[int, ...]] = {
    "month": tuple(range(1, 13)),
    "quarter": (3, 6, 9, 12),
    "school_quarter": (3, 5, 10, 12),
    "half_year": (5, 12),
    "year": (12,),
}
UNTRACKED_FREQUENCIES = ("week", "day")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_ends(lo: date, hi: date) -> list[date]:
    """The last day of every month whose last day lies in [lo, hi]."""
    ends, year, month = [], lo.year, lo.month
    while (year, month) <= (hi.year, hi.month):
        end = _month_end(year, month)
        if lo <= end <= hi:
            ends.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ends


def _anniversary(year: int, day: date) -> date:
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


# --------------------------------------------------------------------------- vocabulary

_MONTH_STEMS = (("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("ма", 5), ("июн", 6),
                ("июл", 7), ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11),
                ("декабр", 12))
_MONTH = (r"(?:январ(?:ь|я|ю|е|ем)|феврал(?:ь|я|ю|е|ем)|март(?:а|у|е|ом)?|апрел(?:ь|я|ю|е|ем)"
          r"|ма(?:й|я|ю|е|ем)|июн(?:ь|я|ю|е|ем)|июл(?:ь|я|ю|е|ем)|август(?:а|у|е|ом)?"
          r"|сентябр(?:ь|я|ю|е|ем)|октябр(?:ь|я|ю|е|ем)|ноябр(?:ь|я|ю|е|ем)|декабр(?:ь|я|ю|е|ем)"
          r"|(?:янв|февр?|апр|авг|сент?|окт|нояб?|дек)\.)(?![а-я])")
_ABBREVIATIONS = {"янв": 1, "фев": 2, "февр": 2, "апр": 4, "авг": 8, "сен": 9, "сент": 9,
                  "окт": 10, "ноя": 11, "нояб": 11, "дек": 12}
_YEAR = r"(?:19|20)\d{2}"
_YEAR_MARK = r"(?:\s*(?:г\.?\s*г\.?|гг\.?|г\.?|года|году|год)(?![а-я]))?"
_ORDINAL = (r"(?:перв[а-я]*|втор[а-я]*|трет[а-я]*|четверт[а-я]*"
            r"|[1-4](?:-?(?:я|й|ая|ой|ей|ого|го|е))?(?![а-я0-9])|iv|i{1,3})")
_ORDINAL_VALUES = (("перв", 1), ("втор", 2), ("трет", 3), ("четверт", 4), ("iv", 4),
                   ("iii", 3), ("ii", 2), ("i", 1))
_END = r"(?![а-я0-9])"


def _month_number(word: str) -> int:
    word = word.rstrip(".")
    if word in _ABBREVIATIONS:
        return _ABBREVIATIONS[word]
    return next(number for stem, number in _MONTH_STEMS if word.startswith(stem))


def _ordinal_number(word: str) -> int:
    if word[0].isdigit():
        return int(word[0])
    return next(number for stem, number in _ORDINAL_VALUES if word.startswith(stem))


def _point_re(p: str) -> str:
    """A POINT (see the module docstring) with group names prefixed by ``p``."""
    return (rf"(?:(?P<{p}nd>\d{{1,2}})\.(?P<{p}nm>\d{{1,2}})\.(?P<{p}ny>\d{{4}}|\d{{2}})(?!\d)"
            rf"|(?P<{p}d>\d{{1,2}})\s+(?P<{p}dm>{_MONTH})(?:\s+(?P<{p}dy>{_YEAR}))?"
            rf"|(?P<{p}m>{_MONTH})(?:\s+(?P<{p}my>{_YEAR}))?"
            rf"|(?P<{p}ord>{_ORDINAL})\s+(?:учебн[а-я]*\s+)?(?P<{p}term>четверт[а-я]*|полугоди[а-я]*)"
            rf"|(?P<{p}y>{_YEAR}))" + _YEAR_MARK)


# --------------------------------------------------------------------------- points

@dataclass(frozen=True)
class _Point:
    """A point in time as written: a year may be missing until it is resolved."""

    unit: str                    # "day", "month", "term" or "year"
    day: int | None = None
    month: int | None = None
    year: int | None = None
    term: tuple[str, int] | None = None

    def key(self) -> tuple[int, int]:
        return (self.month or 1, self.day or 1)


def _point(m: re.Match[str], p: str) -> _Point:
    g = m.group
    if g(p + "nd"):
        year = int(g(p + "ny"))
        return _Point("day", int(g(p + "nd")), int(g(p + "nm")), year + 2000 if year < 100 else year)
    if g(p + "d"):
        year = g(p + "dy")
        return _Point("day", int(g(p + "d")), _month_number(g(p + "dm")), int(year) if year else None)
    if g(p + "m"):
        year = g(p + "my")
        return _Point("month", None, _month_number(g(p + "m")), int(year) if year else None)
    if g(p + "ord"):
        unit = "quarter" if g(p + "term").startswith("четверт") else "half"
        number = _ordinal_number(g(p + "ord"))
        if (unit, number) not in SCHOOL_TERMS:
            raise ValueError(f"no {unit} {number}")
        return _Point("term", term=(unit, number))
    return _Point("year", year=int(g(p + "y")))


def _bounds(point: _Point, year: int) -> tuple[date, date]:
    """First and last day of a point placed in ``year``."""
    if point.unit == "day":
        day = date(year, point.month, point.day)
        return day, day
    if point.unit == "month":
        return date(year, point.month, 1), _month_end(year, point.month)
    if point.unit == "term":
        (m1, d1), (m2, d2) = SCHOOL_TERMS[point.term]
        return date(year, m1, d1), date(year, m2, d2)
    return date(year, 1, 1), date(year, 12, 31)


def _resolve(point: _Point, period_start: date) -> tuple[date, date]:
    """Bounds of a point; without a year, the first one on or after the period start."""
    if point.year is not None:
        return _bounds(point, point.year)
    if point.unit == "month":
        year = period_start.year + (point.month < period_start.month)
        return _bounds(point, year)
    first, last = _bounds(point, period_start.year)
    if last < period_start:
        return _bounds(point, period_start.year + 1)
    return first, last


def _span_bounds(a: _Point, b: _Point, period_start: date) -> tuple[date, date]:
    """Bounds of «a - b», a year written on one end applying to the other."""
    if a.year is None and b.year is not None:
        a = replace(a, year=b.year if a.key() <= b.key() else b.year - 1)
    elif a.year is None:
        a = replace(a, year=_resolve(a, period_start)[0].year)
    if b.year is None:
        b = replace(b, year=a.year if b.key() >= a.key() else a.year + 1)
    return _bounds(a, a.year)[0], _bounds(b, b.year)[1]


# --------------------------------------------------------------------------- clauses

ABSORB_NOTHING, ABSORB_DESCRIPTION, ABSORB_ANY = 0, 1, 2


@dataclass(frozen=True)
class _Clause:
    kind: str
    start: date | None = None
    dues: tuple[date, ...] = ()
    frequency: str | None = None
    window: tuple[date, date] | None = None
    review: bool = False
    absorbs: int = ABSORB_DESCRIPTION


@dataclass(frozen=True)
class _Period:
    start: date
    end: date

    def clip(self, lo: date, hi: date) -> tuple[date, date] | None:
        lo, hi = max(lo, self.start), min(hi, self.end)
        return (lo, hi) if lo <= hi else None


Handler = Callable[[re.Match[str], _Period], "_Clause | None"]

_BEFORE_START = ("до", "к", "ко", "в срок до", "срок до")
_NOT_LATER = ("не позднее", "не позже")


def _prep(m: re.Match[str], name: str = "prep") -> str:
    return " ".join((m.group(name) or "").split())


def _window_clause(lo: date, hi: date, period: _Period) -> _Clause:
    clipped = period.clip(lo, hi)
    lo, hi = clipped or (lo, hi)
    return _Clause("whole_period", lo, (hi,), window=(lo, hi), review=clipped is None)


def _interval_clause(first: date, last: date, unit: str, period: _Period) -> _Clause:
    """A point or span read as written: a day, a month, a span or a whole year."""
    if unit == "year":
        return _window_clause(first, last, period)
    if first == last:
        return _Clause("date", dues=(first,))
    if unit == "month":
        return _Clause("month", first, (last,))
    return _Clause("span", first, (last,), review=last < first)


def _single(m: re.Match[str], period: _Period) -> _Clause:
    point = _point(m, "a")
    first, last = _resolve(point, period.start)
    prep = _prep(m)
    if prep in _BEFORE_START:
        due = first if point.unit == "day" else first - timedelta(days=1)
        return _Clause("by_date", dues=(due,))
    if prep in _NOT_LATER:
        return _Clause("by_date", dues=(last,))
    return _interval_clause(first, last, point.unit, period)


def _end_of(m: re.Match[str], period: _Period) -> _Clause:
    if m.group("a"):
        last = _resolve(_point(m, "a"), period.start)[1]
    elif m.group("school"):
        last = _resolve(_Point("term", term=("half", 2)), period.start)[1]
    else:
        last = _resolve(_Point("month", month=12), period.start)[1]
    return _Clause("by_date" if m.group("prep") else "date", dues=(last,))


def _span(m: re.Match[str], period: _Period) -> _Clause | None:
    a, b = _point(m, "a"), _point(m, "b")
    if a.unit == b.unit == "year":
        return _window_clause(date(a.year, 1, 1), date(b.year, 12, 31), period)
    if a.unit not in ("day", "month") or b.unit not in ("day", "month"):
        return None
    first, last = _span_bounds(a, b, period.start)
    return _interval_clause(first, last, "span", period)


def _day_span(m: re.Match[str], period: _Period) -> _Clause | None:
    end = _point(m, "b")
    if end.unit != "day":
        return None
    last = _resolve(end, period.start)[1]
    month = int(m.group("m0")) if m.group("m0") else last.month
    first = date(last.year, month, int(m.group("d0")))
    return _Clause("span", first, (last,), review=last <= first)


def _month_list(m: re.Match[str], period: _Period) -> _Clause:
    months = [_month_number(w.group(0)) for w in re.finditer(_MONTH, m.group(0))]
    year = int(re.search(_YEAR, m.group(0)).group(0))
    dues = []
    for month in reversed(months):
        if dues and month > dues[-1].month:
            year -= 1
        dues.append(_month_end(year, month))
    return _Clause("dates", dues=tuple(sorted(dues)))


def _recurring(frequency: str) -> Handler:
    return lambda m, period: _Clause("recurring", frequency=frequency)


def _whole_period(m: re.Match[str], period: _Period) -> _Clause:
    return _Clause("whole_period", period.start, (period.end,), window=(period.start, period.end))


def _undated(kind: str) -> Handler:
    return lambda m, period: _Clause(kind, absorbs=ABSORB_ANY)


def _after_point(m: re.Match[str], period: _Period) -> _Clause:
    """«после 15 мая»: work starts after a day, no day is due; a person decides."""
    return _Clause("after_event", review=True, absorbs=ABSORB_ANY)


_TIMES = (r"(?:(?:не\s+(?:реже|менее)\s+)?(?:(?:одного|одной|один|одну|1)\s+)?(?:раза?\s+)?)"
          r"(?:в|за)\s+(?:кажд[а-я]+\s+)?")
_EACH = r"кажд[а-я]+\s+"
_AFTER_TERM = r"(?:(?:по\s+(?:итогам|окончании|завершении))|(?:в\s+)?конц[еау])\s+(?:кажд[а-я]+\s+)?"
_RECURRENCES = {
    "month": rf"ежемесячн[а-я]*|{_TIMES}месяц|{_EACH}месяц",
    "two_months": rf"{_TIMES}(?:два|2)\s+месяца",
    "quarter": rf"ежеквартальн[а-я]*|поквартальн[а-я]*|{_TIMES}квартал|{_EACH}квартал",
    "school_quarter": (rf"ежечетвертн[а-я]*|почетвертн[а-я]*|по\s+четвертям"
                       rf"|{_TIMES}(?:учебную\s+)?четверть|{_EACH}(?:учебную\s+)?четверть"
                       rf"|{_AFTER_TERM}(?:учебной\s+)?четверти"),
    "half_year": (rf"ежеполугодн[а-я]*|по\s+полугодиям|{_TIMES}(?:полугодие|полгода)"
                  rf"|{_EACH}полугодие|{_AFTER_TERM}полугодия"),
    "year": (rf"ежегодн[а-я]*(?:\s+(?:обновлени|актуализаци|корректировк|пересмотр)[а-я]*)?"
             rf"|{_TIMES}год|{_EACH}год"),
    "week": rf"еженедельн[а-я]*|{_TIMES}неделю|{_EACH}неделю",
    "day": rf"ежедневн[а-я]*|{_EACH}день",
}

_PREP = (r"(?:(?P<prep>до|ко?|не\s+позднее|не\s+позже|в\s+срок\s+до|срок\s+до"
         r"|в\s+течение|на\s+протяжении|во?|на)\s+)?")
_RULES: list[tuple[str, Handler]] = [
    (_PREP + f"(?P<a>{_point_re('a')})", _single),
    (r"(?:(?P<prep>до|к|не\s+позднее|не\s+позже)\s+)?(?:в\s+)?(?:конц[еау]|конец)\s+"
     rf"(?:(?P<a>{_point_re('a')})|(?P<school>учебного\s+)?года)", _end_of),
    (r"(?:(?:в\s+течение|в|во|на\s+протяжении)\s+)?"
     rf"(?:{_point_re('a')}\s*-\s*{_point_re('b')})", _span),
    (rf"(?:в\s+)?(?:период\s+)?с\s+{_point_re('a')}\s+(?:по|до)\s+{_point_re('b')}", _span),
    (rf"(?:с\s+)?(?P<d0>\d{{1,2}})(?:\.(?P<m0>\d{{1,2}}))?\s*(?:-|по)\s*{_point_re('b')}", _day_span),
    (rf"(?:в\s+)?{_MONTH}(?:\s*(?:,|и)\s*{_MONTH})+\s+{_YEAR}{_YEAR_MARK}", _month_list),
    *((pattern, _recurring(frequency)) for frequency, pattern in _RECURRENCES.items()),
    (r"постоянно|в\s+постоянном\s+режиме|на\s+постоянной\s+основе|круглогодично"
     r"|(?:в\s+течение|на\s+протяжении)\s+всего\s+периода|весь\s+период"
     r"|(?:в|на)\s+(?:течение|протяжении)\s+(?:всего\s+)?"
     r"(?:(?:учебного|календарного|отчетного|текущего)\s+)?года", _whole_period),
    (r"по\s+(?:мере\s+)?(?:запрос|заявк|необходимост|потребност|обращени|требовани)[а-я]*"
     r"|(?:при|в\s+случае)\s+необходимости", _undated("on_request")),
    (r"(?:по|согласно|в\s+соответствии\s+со?)\s+(?:[а-я]+(?:ому|ему|ым|им|ой|ей)\s+){0,2}"
     r"(?:план[а-я]*\s*-\s*график[а-я]*|график[а-я]*|план[а-я]*|расписани[а-я]*"
     r"|календар[а-я]*|циклограмм[а-я]*|срок(?:ам|ами)?)"
     r"|в\s+(?:установленные\s+)?сроки", _undated("by_schedule")),
    (r"после|по\s+(?:итогам|результатам|окончании|завершении|факту)|с\s+момента"
     r"|по\s+мере\s+(?:проведения|поступления)"
     r"|в\s+течение\s+(?:\d+\s+)?(?:(?:рабоч|календарн)[а-я]*\s+)?(?:дн|недел|месяц)[а-я]*"
     r"\s+(?:после|с\s+момента|со\s+дня)", _undated("after_event")),
    (rf"после\s+{_point_re('a')}", _after_point),
]
_COMPILED = [(re.compile(f"(?:{pattern}){_END}"), handler) for pattern, handler in _RULES]
_MONTH_LIST_RULE = next(i for i, (_, handler) in enumerate(_RULES) if handler is _month_list)
# The months of a list, whatever follows them: where a list without a year ends.
_MONTH_CHAIN = re.compile(rf"(?:в\s+)?{_MONTH}(?:\s*(?:,|и)\s*{_MONTH})*")

_GAP = re.compile(r"(?:[\s,;.:!?()\[\]«»\"'“”„*/\\-]|(?:а\s+также|также|далее|затем|и|а)(?![а-я0-9]))*")
_HARD_SEPARATOR = re.compile(r"[,;.!?()/\[\]]")
_WORD = re.compile(r"[а-яa-z0-9]+|\S")
_DESCRIPTION_WORD = re.compile(r"[а-я]+(?:ние|ния|нию|тие|тия|ция|ции)|(?:подготов|разработ|"
                               r"корректиров|провер|сдач|представлени)[а-я]*")


def _normalise(text: str) -> str:
    text = text.lower().replace("ё", "е")
    text = re.sub(r"[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]", "-", text)
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    text = re.sub(r"[\r\n]+", ";", text)
    return re.sub(r"\s+", " ", text).strip()  # \s covers the non-breaking spaces


class _Scan:
    """What one scan has learnt: a month list without a year (its rule reads to the end of
    the list before failing) fails from every month inside it too, so the rule is not
    tried again before ``month_list_fails_until``. Without this, a cell of 60,000 months
    costs 60,000 reads of the rest of the list: quadratic."""

    def __init__(self) -> None:
        self.month_list_fails_until = -1


def _match_clause(text: str, pos: int, period: _Period,
                  scan: _Scan) -> tuple[_Clause | None, int] | None:
    """The longest clause starting at ``pos`` (ties go to the earlier rule).

    ``(None, end)`` means the text up to ``end`` has the shape of a date that does not
    exist (31.02.2024): it is neither read as a date nor split into smaller clauses.
    """
    candidates = []
    for index, (regex, handler) in enumerate(_COMPILED):
        if index == _MONTH_LIST_RULE:
            if pos < scan.month_list_fails_until:
                continue
            m = regex.match(text, pos)
            if not m:
                chain = _MONTH_CHAIN.match(text, pos)
                if chain:
                    scan.month_list_fails_until = chain.end()
        else:
            m = regex.match(text, pos)
        if m:
            candidates.append((-m.end(), index, m, handler))
    for _, _, m, handler in sorted(candidates, key=lambda c: c[:2]):
        try:
            clause = handler(m, period)
        except ValueError:
            return None, m.end()
        if clause is not None:
            return clause, m.end()
    return None


def _scan(text: str, period: _Period) -> tuple[list[_Clause], list[str]]:
    """Split normalised text into clauses, and the words that no clause explains."""
    clauses: list[_Clause] = []
    unknown: list[str] = []
    pos, absorbs = 0, ABSORB_NOTHING
    scan = _Scan()
    while True:
        gap = _GAP.match(text, pos)
        if _HARD_SEPARATOR.search(gap.group(0)):
            absorbs = ABSORB_NOTHING
        pos = gap.end()
        if pos >= len(text):
            return clauses, unknown
        found = _match_clause(text, pos, period, scan)
        if found:
            clause, end = found
            if clause is None:
                unknown.append(text[pos:end])
            else:
                clauses.append(clause)
                absorbs = clause.absorbs
            pos = end
            continue
        word = _WORD.match(text, pos).group(0)
        if absorbs == ABSORB_DESCRIPTION and _DESCRIPTION_WORD.fullmatch(word):
            absorbs = ABSORB_ANY
        if absorbs != ABSORB_ANY:
            unknown.append(word)
        pos += len(word)


# --------------------------------------------------------------------------- combining

def _occurrences(frequency: str, lo: date, hi: date, anchor: date | None) -> tuple[date, ...]:
    if frequency in UNTRACKED_FREQUENCIES:
        return ()
    if frequency == "year" and anchor is not None:
        days = (_anniversary(year, anchor) for year in range(anchor.year + 1, hi.year + 1))
        return tuple(d for d in days if lo <= d <= hi)
    ends = _month_ends(lo, hi)
    if frequency == "two_months":
        return tuple(ends[1::2])  # ends[0] is the end of the range's first month
    return tuple(d for d in ends if d.month in FREQUENCY_MONTHS[frequency])


def _expand_recurrences(clauses: list[_Clause], period: _Period) -> list[_Clause]:
    """Bound recurrences by a «в течение …» beside them, then compute their occurrences."""
    windows = [c.window for c in clauses if c.kind == "whole_period"]
    if any(c.kind == "recurring" for c in clauses) and windows:
        clauses = [c for c in clauses if c.kind != "whole_period"]
    lo, hi = period.start, period.end
    for window_lo, window_hi in windows:
        lo, hi = max(lo, window_lo), min(hi, window_hi)
    expanded, previous = [], None
    for clause in clauses:
        if clause.kind == "recurring":
            anchor = previous.dues[-1] if previous and previous.dues and previous.kind in (
                "date", "by_date", "month", "span", "dates") else None
            dues = _occurrences(clause.frequency, lo, hi, anchor) if lo <= hi else ()
            clause = replace(clause, dues=dues, review=clause.review or not dues)
        expanded.append(clause)
        previous = clause
    return expanded


def _combine(clauses: list[_Clause]) -> tuple[str, date | None, tuple[date, ...]]:
    unique = list(dict.fromkeys(clauses))
    dues = tuple(sorted({d for c in unique for d in c.dues}))
    if len(unique) == 1:
        return unique[0].kind, unique[0].start, dues
    if all(c.kind in ("date", "by_date", "month", "dates") for c in unique):
        return "dates", None, dues
    starts = [c.start for c in unique if c.start is not None]
    return "mixed", min(starts, default=None), dues


def parse_deadline(text: str, period_start: date, period_end: date) -> ParsedDeadline:
    """Read a deadline as written in a roadmap (see the module docstring for the grammar)."""
    normalised = _normalise(text or "")
    if not normalised.strip(" -.,;:"):
        return ParsedDeadline("none", None, (), True)
    period = _Period(period_start, period_end)
    clauses, unknown = _scan(normalised, period)
    if not clauses:
        return ParsedDeadline("unparsed", None, (), True)
    clauses = _expand_recurrences(clauses, period)
    kind, start, dues = _combine(clauses)
    review = bool(unknown) or any(c.review for c in clauses)
    return ParsedDeadline(kind, start, dues, review)
