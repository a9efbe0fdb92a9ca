"""Word's automatic list numbers, recomputed so that a «№» column numbered by Word reads.

An approximation of Word's rules that covers the tables people write: counters are kept
per abstract list (numbering instances that share one continue each other, as in Word),
a ``startOverride`` restarts the list the first time its instance is used, a deeper level
restarts when a shallower one advances, and ``lvlText`` (``%1.%2.``) is filled with each
level's format (decimal, Roman, Latin or Russian letters). Bullets become «-». Numbering
that comes from a paragraph style, not from the paragraph itself, is not computed.
"""
from __future__ import annotations

from docx.oxml.ns import qn

from core.roman import roman

_RUSSIAN_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"


class _Level:
    def __init__(self, start: int = 1, fmt: str = "decimal", text: str = "") -> None:
        self.start = start
        self.fmt = fmt
        self.text = text


class Numbering:
    """Computes the label of each numbered paragraph, in document order."""

    def __init__(self, root) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._instances: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._used: set[str] = set()
        if root is not None:
            self._load(root)

    def _load(self, root) -> None:
        for abstract in root.findall(qn("w:abstractNum")):
            levels: dict[int, _Level] = {}
            for level in abstract.findall(qn("w:lvl")):
                ilvl = _int(level.get(qn("w:ilvl")), 0)
                levels[ilvl] = _Level(
                    start=_int(_val(level, "w:start"), 1),
                    fmt=_val(level, "w:numFmt") or "decimal",
                    text=_val(level, "w:lvlText") or "",
                )
            self._abstract[abstract.get(qn("w:abstractNumId"))] = levels
        for instance in root.findall(qn("w:num")):
            overrides: dict[int, int] = {}
            for override in instance.findall(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start is not None:
                    overrides[_int(override.get(qn("w:ilvl")), 0)] = _int(start, 1)
            self._instances[instance.get(qn("w:numId"))] = (
                _val(instance, "w:abstractNumId") or "",
                overrides,
            )

    def label(self, paragraph) -> str:
        """The label Word would show in front of this paragraph, or ``""``."""
        num_pr = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is None:
            return ""
        num_id = _val(num_pr, "w:numId")
        ilvl = _int(_val(num_pr, "w:ilvl"), 0)
        if not num_id or num_id == "0" or num_id not in self._instances:
            return ""
        abstract_id, overrides = self._instances[num_id]
        levels = self._abstract.get(abstract_id, {})
        level = levels.get(ilvl, _Level())
        if level.fmt == "bullet":
            return "-"
        if level.fmt == "none":
            return ""
        counters = self._advance(abstract_id, num_id, overrides, levels, ilvl)
        return self._render(level.text or f"%{ilvl + 1}.", levels, counters)

    def _advance(self, abstract_id: str, num_id: str, overrides: dict[int, int],
                 levels: dict[int, _Level], ilvl: int) -> list[int | None]:
        counters = self._counters.setdefault(abstract_id, [None] * 9)
        if num_id not in self._used:
            self._used.add(num_id)
            for level_index, start in overrides.items():
                if 0 <= level_index < 9:
                    counters[level_index] = start - 1
        ilvl = min(max(ilvl, 0), 8)
        current = counters[ilvl]
        start = levels.get(ilvl, _Level()).start
        counters[ilvl] = start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        for shallower in range(ilvl):
            if counters[shallower] is None:
                counters[shallower] = levels.get(shallower, _Level()).start
        return counters

    @staticmethod
    def _render(template: str, levels: dict[int, _Level], counters: list[int | None]) -> str:
        text = template
        for index in range(9, 0, -1):
            marker = f"%{index}"
            if marker in text:
                value = counters[index - 1] or levels.get(index - 1, _Level()).start
                fmt = levels.get(index - 1, _Level()).fmt
                text = text.replace(marker, format_number(value, fmt))
        return text.strip()


def format_number(value: int, fmt: str) -> str:
    """A counter in one of Word's number formats (unknown formats fall back to decimal)."""
    if fmt in ("upperRoman", "lowerRoman"):
        numeral = roman(value) if value > 0 else str(value)
        return numeral if fmt == "upperRoman" else numeral.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = _letters(value, "abcdefghijklmnopqrstuvwxyz")
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("russianLower", "russianUpper"):
        letter = _letters(value, _RUSSIAN_LETTERS)
        return letter.upper() if fmt == "russianUpper" else letter
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _letters(value: int, alphabet: str) -> str:
    if value <= 0:
        return str(value)
    size = len(alphabet)
    repeat, index = divmod(value - 1, size)
    return alphabet[index] * (repeat + 1)


def _val(element, tag: str) -> str | None:
    child = element.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
