"""Automatic numbering of a roadmap as it prints: 1, 1.1, 1.2 …; risk sub-sections I, II …

Pure: takes plain items, returns the numbers; no Django. The rules, as in real orders:

- measures outside any section are numbered 1, 2, 3 …;
- top-level sections are numbered 1, 2, 3 … and their measures «N.1», «N.2» …;
- a sub-section (a risk direction inside a section) is numbered I, II, III …, and its
  measures continue the counter of the top-level section («2.4» in I, «2.5» in II …);
- a number fixed by hand (`locked`) is kept; when it reads as a number of the same shape
  («5», «2.10»), the counting goes on from it, so the next items follow it (6, 2.11).

A roadmap chooses its scheme: `HIERARCHICAL` (above: «2.1», «2.2» inside section 2) or
`CONTINUOUS` (measures 1, 2, 3 … straight through the sections, as seed 001 prints them;
sections keep 1., 2. and I, II). `detect_scheme` tells which one a set of numbers follows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.roman import roman


@dataclass(frozen=True)
class Item:
    id: int
    parent_id: int | None  # the section a measure belongs to, or a section's parent
    position: int
    number: str = ""
    locked: bool = False


_PART = re.compile(r"(\d+)|(\D+)")


def number_key(number: str) -> tuple:
    """A measure number as people read it: «1.9» before «1.10», «2» before «10»."""
    key = []
    for digits, other in _PART.findall(number or ""):
        key.append((0, int(digits), "") if digits else (1, 0, other.strip(". ")))
    return tuple(key)


def _from_roman(text: str) -> int | None:
    text = text.strip().upper().rstrip(".")
    if not text or not re.fullmatch(r"[IVXLCDM]+", text):
        return None
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total


def section_base(number: str) -> str:
    """The prefix a section gives its measures: «2.» and «2» both give «2»."""
    return number.strip().rstrip(".").strip()


def _last_int(number: str, prefix: str) -> int | None:
    """«2.10» under prefix «2» → 10; «7» without a prefix → 7; anything else → None."""
    text = number.strip().rstrip(".")
    if prefix:
        if not text.startswith(prefix + "."):
            return None
        text = text[len(prefix) + 1:]
    return int(text) if text.isdigit() else None


HIERARCHICAL = "hierarchical"
CONTINUOUS = "continuous"


@dataclass
class Numbers:
    sections: dict[int, str]
    measures: dict[int, str]


def _ordered(items: list[Item]) -> list[Item]:
    return sorted(items, key=lambda i: (i.position, i.id))


def number_roadmap(sections: list[Item], measures: list[Item],
                   scheme: str = HIERARCHICAL) -> Numbers:
    """Every section's and measure's number, keeping the numbers fixed by hand."""
    continuous = scheme == CONTINUOUS
    children: dict[int | None, list[Item]] = {}
    known = {s.id for s in sections}
    for s in sections:
        parent = s.parent_id if s.parent_id in known else None
        children.setdefault(parent, []).append(s)
    by_section: dict[int | None, list[Item]] = {}
    for m in measures:
        key = m.parent_id if m.parent_id in known else None
        by_section.setdefault(key, []).append(m)

    out = Numbers(sections={}, measures={})

    def number_measures(items: list[Item], prefix: str, counter: int) -> int:
        for m in _ordered(items):
            if m.locked:
                out.measures[m.id] = m.number
                fixed = _last_int(m.number, prefix)
                counter = fixed if fixed is not None else counter + 1
            else:
                counter += 1
                out.measures[m.id] = f"{prefix}.{counter}" if prefix else str(counter)
        return counter

    def number_subsections(parent_id: int, prefix: str, counter: int) -> int:
        sub = 0
        for s in _ordered(children.get(parent_id, [])):
            if s.locked:
                out.sections[s.id] = s.number
                fixed = _from_roman(s.number)
                sub = fixed if fixed is not None else sub + 1
            else:
                sub += 1
                out.sections[s.id] = roman(sub)
            counter = number_measures(by_section.get(s.id, []), prefix, counter)
            counter = number_subsections(s.id, prefix, counter)
        return counter

    running = number_measures(by_section.get(None, []), "", 0)
    top = 0
    for s in _ordered(children.get(None, [])):
        if s.locked:
            out.sections[s.id] = s.number
            fixed = _last_int(s.number, "")
            top = fixed if fixed is not None else top + 1
            prefix = section_base(s.number) or str(top)
        else:
            top += 1
            # keep the style the order was written in: «1.» stays with its dot
            out.sections[s.id] = f"{top}." if s.number.strip().endswith(".") else str(top)
            prefix = str(top)
        if continuous:  # one counter through the whole roadmap, no section prefix
            running = number_measures(by_section.get(s.id, []), "", running)
            running = number_subsections(s.id, "", running)
        else:
            counter = number_measures(by_section.get(s.id, []), prefix, 0)
            number_subsections(s.id, prefix, counter)
    return out


def detect_scheme(sections: list[Item], measures: list[Item]) -> str:
    """The scheme the numbers as written follow best (hierarchical when it is a tie)."""
    def matches(scheme: str) -> int:
        auto = number_roadmap(sections, measures, scheme)
        return sum(1 for m in measures if m.number and auto.measures[m.id] == m.number)

    return CONTINUOUS if matches(CONTINUOUS) > matches(HIERARCHICAL) else HIERARCHICAL
