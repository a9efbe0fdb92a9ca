"""Responsible bodies: splitting the «Ответственные» cell, reading footnote abbreviations."""
from __future__ import annotations

import re

from .joining import norm_line

_OPENING = {"«": "»", "(": ")", "„": "“", "“": "”", "[": "]"}
_CLOSING = {closing: opening for opening, closing in _OPENING.items()}
# A comma followed by one of these does not start a new body.
_NO_SPLIT_AFTER_COMMA = re.compile(
    r"^(?:а\s|а$|и\s|или\s|в\s+том\s+числе|в\s+т\.\s?ч\.|включая|кроме|котор|где\s"
    r"|[а-яё]+(?:ющ|ущ|ащ|ящ|вш)(?:ий|ая|ое|ие|их|им|ими|его|ей|ую|ее|ем)\b)",
    re.IGNORECASE,
)
_LINKS = {
    "и", "в", "во", "с", "со", "на", "по", "для", "при", "из", "от", "к", "ко", "о", "об",
    "до", "за", "под", "над", "или", "а", "без", "у",
}
# A capitalised word in an oblique case continues a name («… администрации Мокшанского
# района»), it does not start a new body.
_OBLIQUE_ENDINGS = ("ии", "ого", "его", "ому", "ему", "ых", "ских", "ской", "цкой")


def split_responsible(text: str) -> list[str]:
    """Split an «Ответственные» cell into bodies.

    Separators: line breaks, semicolons and commas — never inside «…», "…" or (…), and
    not before a comma that goes on with «а также», «в том числе», «включая» or an active
    participle («организации, функционирующие в …»). Bodies written one after another
    with nothing but a space between them («Муниципальные органы управления образованием
    Образовательные организации … ТОИПКРО») are split before a capitalised word that
    follows a lowercase word, a closing bracket or an abbreviation, when the parts on
    both sides have at least two words or are an abbreviation, and before an
    abbreviation that ends the cell after a lowercase word of a two-word-or-longer part.
    Bullets are stripped, duplicates dropped, the order kept.
    """
    bodies: list[str] = []
    seen: set[str] = set()
    for part in _split_outside_brackets(text or ""):
        for body in _split_by_capitals(part):
            body = re.sub(r"^[-–—•*·]\s*", "", body).strip(" \t.,;:")
            key = body.casefold()
            if body and key not in seen:
                seen.add(key)
                bodies.append(body)
    return bodies


def _split_outside_brackets(text: str) -> list[str]:
    parts: list[str] = []
    stack: list[str] = []
    current: list[str] = []
    for index, char in enumerate(text):
        if char in _OPENING and not (char == "“" and stack and stack[-1] == "„"):
            stack.append(char)
        elif char in _CLOSING and stack and stack[-1] == _CLOSING[char]:
            stack.pop()
        elif not stack and (char in "\n;" or (char == "," and _comma_splits(text, index))):
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [norm_line(part) for part in parts if norm_line(part)]


def _comma_splits(text: str, index: int) -> bool:
    following = text[index + 1:].lstrip()
    return not _NO_SPLIT_AFTER_COMMA.match(following)


def _is_abbreviation(token: str) -> bool:
    """ТОИПКРО, МКУ, «ЦИМО»; not initials (М.Н.)."""
    letters = [char for char in token if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters) and "." not in token


def _is_capitalised(token: str) -> bool:
    letters = [char for char in token if char.isalpha()]
    return (
        bool(letters) and token[0].isupper() and any(char.islower() for char in letters)
        and not token.casefold().endswith(_OBLIQUE_ENDINGS)
    )


def _ends_a_phrase(token: str) -> bool:
    if token.casefold() in _LINKS:
        return False
    return bool(re.search(r"[а-яёa-z][»\")]?$|\)$", token)) or _is_abbreviation(token)


def _split_by_capitals(part: str) -> list[str]:
    tokens = part.split()
    if len(tokens) < 3:
        return [part] if part else []
    depth = 0
    boundaries: list[int] = []
    start = 0
    for index, token in enumerate(tokens):
        if index > start and depth == 0 and _boundary(tokens, start, index):
            boundaries.append(index)
            start = index
        depth += sum(token.count(c) for c in "«(") - sum(token.count(c) for c in "»)")
        depth = max(depth, 0)
    pieces, previous = [], 0
    for boundary in boundaries + [len(tokens)]:
        pieces.append(" ".join(tokens[previous:boundary]))
        previous = boundary
    return pieces


def _boundary(tokens: list[str], start: int, index: int) -> bool:
    token, before = tokens[index], tokens[index - 1]
    left = tokens[start:index]
    right = tokens[index:]
    left_ok = len(left) >= 2 or _is_abbreviation(left[0])
    if _is_capitalised(token) and not _is_abbreviation(token):
        right_ok = len(right) >= 2 or _is_abbreviation(right[0])
        return left_ok and right_ok and _ends_a_phrase(before)
    if _is_abbreviation(token) and index == len(tokens) - 1:
        lower_before = bool(re.search(r"[а-яё]$", before)) and before.casefold() not in _LINKS
        return len(left) >= 2 and lower_before
    return False


_NOTE = re.compile(r"\*?\s*Примечани[еяй]\w*\s*[:.\-–—]?\s*", re.IGNORECASE)
_DASH = re.compile(r"\s*[–—]\s*|\s+-\s+")


def read_abbreviations(text: str) -> dict[str, str]:
    """Read «*Примечание» footnotes: «Full name – SHORT; …» (either order) → {short: full}.

    Items are separated by semicolons, line breaks, or a full stop after an
    abbreviation; the name and its abbreviation by a dash of any kind. The side that
    looks like an abbreviation (at most three words, mostly capitals) is the short one.
    """
    note = _NOTE.search(text or "")
    body = text[note.end():] if note else (text or "")
    result: dict[str, str] = {}
    for item in _footnote_items(body):
        pair = _abbreviation_pair(item)
        if pair:
            short, full = pair
            result.setdefault(short, full)
    return result


def _footnote_items(body: str) -> list[str]:
    body = re.sub(r"(\b[A-ZА-ЯЁ]{2,}[»\"]?)\.\s+(?=[A-ZА-ЯЁ«])", r"\1;", body)
    return [norm_line(item) for item in re.split(r"[;\n]", body) if norm_line(item)]


def _abbreviation_pair(item: str) -> tuple[str, str] | None:
    item = item.strip(" .,*")
    dashes = list(_DASH.finditer(item))
    if not dashes:
        return None
    for dash in (dashes[-1], dashes[0]):
        left = item[:dash.start()].strip(" .,")
        right = item[dash.end():].strip(" .,")
        if not left or not right:
            continue
        if _looks_short(right) and not _looks_short(left):
            return right, left
        if _looks_short(left) and not _looks_short(right):
            return left, right
    return None


def _looks_short(text: str) -> bool:
    words = text.split()
    letters = [char for char in text if char.isalpha()]
    if not letters or len(words) > 3:
        return False
    capitals = sum(1 for char in letters if char.isupper())
    return capitals / len(letters) >= 0.5
