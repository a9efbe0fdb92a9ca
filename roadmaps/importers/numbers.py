"""Measure and section numbers as they are written in the «№» column or in a title row."""
from __future__ import annotations

import re

_MEASURE = re.compile(r"^\s*(\d{1,3}(?:\s*\.\s*\d{1,3})*)\s*[.)]?\s*$")
_NUMBERED_TITLE = re.compile(
    r"^\s*(?:раздел\s+)?(\d{1,2})\s*[.)]?\s*([A-Za-zА-Яа-яЁё«\"].*)$", re.IGNORECASE | re.DOTALL
)
_ROMAN_TITLE = re.compile(r"^\s*(?:раздел\s+)?([IVXХІ]{1,5})\s*[.)]?\s+(\S.*)$", re.DOTALL)
_ROMAN_ONLY = re.compile(r"^\s*(?:раздел\s+)?([IVXХІ]{1,5})\s*[.)]?\s*$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def measure_number(cell: str) -> str | None:
    """«1», «1.1.», «2.10», «3)» → "1", "1.1", "2.10", "3"; anything else → ``None``."""
    match = _MEASURE.match(cell or "")
    if not match:
        return None
    return re.sub(r"\s+", "", match.group(1))


def numbered_title(cell: str) -> tuple[str, str] | None:
    """«1.Организационно-управленческие меры» → ("1", "Организационно-управленческие меры")."""
    match = _NUMBERED_TITLE.match(cell or "")
    if not match or match.group(2)[:1].islower():
        return None
    return match.group(1), match.group(2).strip()


def roman_title(cell: str) -> tuple[str, str] | None:
    """«I Мероприятия, направленные на …» → ("I", "Мероприятия, направленные на …").

    Cyrillic look-alikes (Х, І) that PDF extraction produces are read as Latin.
    The title must start with a capital letter or a quote.
    """
    match = _ROMAN_TITLE.match(cell or "")
    if not match:
        return None
    title = match.group(2).strip()
    if not (title[:1].isupper() or title[:1] in "«\""):
        return None
    return _latin(match.group(1)), title


def roman_only(cell: str) -> str | None:
    match = _ROMAN_ONLY.match(cell or "")
    return _latin(match.group(1)) if match else None


def roman_value(numeral: str) -> int:
    total, previous = 0, 0
    for char in reversed(_latin(numeral)):
        value = _ROMAN_VALUES.get(char, 0)
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total


def _latin(numeral: str) -> str:
    return numeral.replace("Х", "X").replace("І", "I")


def is_child(number: str | None, parent: str) -> bool:
    """``number`` is inside section ``parent`` («2.1» in «2»)."""
    return bool(number) and bool(parent) and number.startswith(parent + ".")
