"""How wide text prints in Times New Roman (and Liberation Serif, metric-compatible with it),
and where a word too long for its table column may be hyphenated.

Used to size table columns for their content in both renderers and, in the PDF only, to
give a word that cannot fit its column soft hyphens: no other word is ever hyphenated, and
never an abbreviation (ТОИПКРО, НИПКиПРО), so the order reads as typed.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pyphen

SOFT_HYPHEN = "\u00ad"
PT_PER_MM = 72 / 25.4

# Advance widths in thousandths of an em (Times New Roman regular, as Liberation Serif has
# them); bold runs are about 8 % wider. Unknown characters count as a wide 0.72 em.
_WIDTHS = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
    "abcdefghijklmnopqrstuvwxyz"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "0123456789.,:;-–—«»()/№ \u00a0",
    (444, 509, 472, 410, 509, 444, 444, 691, 395, 535, 535, 486, 499, 633, 535, 500, 535, 500,
     444, 437, 500, 648, 500, 535, 503, 770, 770, 517, 672, 456, 429, 747, 460,
     722, 574, 667, 578, 682, 611, 611, 896, 501, 722, 722, 667, 678, 889, 722, 722, 722, 556,
     667, 611, 708, 790, 722, 722, 650, 1009, 1009, 706, 872, 574, 660, 1028, 667,
     444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333,
     389, 278, 500, 500, 722, 500, 500, 444,
     722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667,
     556, 611, 722, 722, 944, 722, 722, 611,
     500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 250, 250, 278, 278, 333, 500, 1000, 500,
     500, 333, 333, 278, 954, 250, 250),
    strict=True,
))
_UNKNOWN = 720
_BOLD = 1.08

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# «2023 г.», «2020-2021 гг.», «№ 92»: a line never breaks inside them
_UNBREAKABLE = re.compile(r"(?<=\d) (?=гг?\.)|(?<=№) (?=\d)")


def text_width_pt(text: str, size_pt: float, *, bold: bool = False) -> float:
    """The printed width of one line of `text` at `size_pt` (no kerning: a slight excess)."""
    em = sum(_WIDTHS.get(ch, _UNKNOWN) for ch in text) / 1000
    return em * size_pt * (_BOLD if bold else 1.0)


def text_width_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    return text_width_pt(text, size_pt, bold=bold) / PT_PER_MM


def line_count(text: str, width_pt: float, size_pt: float) -> int:
    """About how many lines `text` takes in a column `width_pt` wide (greedy wrapping)."""
    space = text_width_pt(" ", size_pt)
    lines = 0
    for paragraph in (text or "").split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split():
            width = text_width_pt(word, size_pt)
            if used and used + space + width > width_pt:
                lines += 1
                used = 0.0
            while width > width_pt:  # a word wider than the column takes lines of its own
                lines += 1
                width -= width_pt
            used += (space if used else 0.0) + width
    return lines


def is_abbreviation(word: str) -> bool:
    """ТОИПКРО, МКОУ, НИПКиПРО, ЦНППМ: two capitals or more mark an abbreviation."""
    return sum(1 for ch in word if ch.isupper()) >= 2


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    # at least two letters stay on a line and three go over: «обще-образовательных»
    return pyphen.Pyphen(lang="ru_RU", left=2, right=3)


def fit_words(text: str, width_pt: float, size_pt: float) -> str:
    """`text` with soft hyphens in the words wider than `width_pt`, abbreviations excepted,
    and no-break spaces in «2023 г.» and «№ 92».

    A word that fits its column is left alone, so it never breaks; one that does not would
    otherwise be cut anywhere without a hyphen.
    """
    if not text or width_pt <= 0:
        return text
    text = _UNBREAKABLE.sub("\u00a0", text)

    def soften(match: re.Match) -> str:
        word = match.group(0)
        # half an em of slack for the punctuation next to a word and for rounding
        if len(word) < 6 or is_abbreviation(word) \
                or text_width_pt(word, size_pt) <= width_pt - size_pt / 2:
            return word
        return _dictionary().inserted(word, hyphen=SOFT_HYPHEN)

    return _WORD.sub(soften, text)
