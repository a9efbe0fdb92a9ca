"""Whitespace and the joining of text pieces that a page break or a PDF cut apart.

Two different joins, both deliberately simple and predictable:

``join_rows(a, b)`` — a cell continued in the next table row (a page break, or a
converter that wrote every printed line as a row). The pieces are joined with a space,
except: a word hyphenated at the end of ``a`` («фун-» + «кционирования») is joined without
the hyphen when ``b`` starts with a lowercase letter, and a ``b`` that starts with ь, ъ or
ы (no Russian word does) is glued to ``a``. A word cut without a hyphen otherwise gets a
space («функцио» + «нирования» → «функцио нирования»): predictable, and visible in the
preview. A compound broken exactly at its hyphen («естественно-» + «научной») loses the
hyphen: rare, and visible too.

``join_cut(a, b, vocabulary)`` — one title spread over neighbouring cells by PDF
extraction, cut anywhere, even inside a word («Организация работы со школами, ф» +
«ункционирующими»). Only a lowercase letter followed by a lowercase letter can be a cut
word; for those, in this order:

1. ``b`` starts with a whole hyphenated compound («сниж» + «социально-экономическим»:
   text was lost between them) → a space;
2. a piece of one letter that is not a Russian one-letter word («е риска»), or ``b``
   starting with ь, ъ or ы → glued;
3. the glued word occurs elsewhere in the document (``vocabulary``) → glued;
4. both the last word of ``a`` and the first of ``b`` occur elsewhere in the document
   («работы» + «со») → a space;
5. the glued word would be over 25 letters → a space; otherwise glued.

The extractor often repeats the letter at the cut («сопрово» + «ождение», «образователь» +
«ьных»): a repeated vowel or soft/hard sign is written once, a repeated consonant is kept
(«связан» + «ного» → «связанного»). Pieces separated by an empty cell are joined with a
space (``join_pieces``).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_LOWER = re.compile(r"[a-zа-яё]")
_WORD_AT_END = re.compile(r"([\w-]+)$")
_WORD_AT_START = re.compile(r"^([\w-]+)")
_COMPOUND = re.compile(r"^[а-яёa-z]{3,}-[а-яёa-z]{3,}", re.IGNORECASE)
_DEDUPLICATED_AT_CUT = set("аеёиоуыэюяьъ")
MAX_GLUED_WORD = 25
_ONE_LETTER_WORDS = set("вскоуаия")
_WORDS = re.compile(r"[а-яёa-z]+(?:-[а-яёa-z]+)*")


def norm_text(text: str) -> str:
    """Collapse spaces inside lines, strip lines, drop empty lines; keep line breaks."""
    lines = (_SPACES.sub(" ", line).strip() for line in (text or "").split("\n"))
    return "\n".join(line for line in lines if line)


def norm_line(text: str) -> str:
    """All whitespace, line breaks included, collapsed to single spaces."""
    return " ".join((text or "").split())


def starts_lower(text: str) -> bool:
    """The first letter-or-digit of the text is a lowercase letter."""
    for char in text.strip():
        if char.isalnum():
            return bool(_LOWER.match(char))
    return False


def starts_upper(text: str) -> bool:
    for char in text.strip():
        if char.isalnum():
            return char.isupper()
    return False


def join_rows(a: str, b: str) -> str:
    """Join a cell with its continuation from the next row (see the module docstring)."""
    a, b = a.rstrip(), b.lstrip()
    if not a:
        return b
    if not b:
        return a
    if re.search(r"[а-яёa-z]-$", a, re.IGNORECASE) and starts_lower(b) and b[0].isalpha():
        return a[:-1] + b
    if b[0] in "ьъы" and _LOWER.match(a[-1]):
        return a + b
    return f"{a} {b}"


def join_cut(a: str, b: str, vocabulary: Counter[str] | None = None) -> str:
    """Join two neighbouring pieces of one text cut apart by PDF extraction."""
    a, b = a.rstrip(), b.lstrip()
    if not a:
        return b
    if not b:
        return a
    if a.endswith("-") and len(a) > 1 and a[-2].isalpha() and b[0].isalpha() and b[0].islower():
        return a[:-1] + b
    if not (_LOWER.match(a[-1]) and _LOWER.match(b[0])):
        return f"{a} {b}"
    tail = _WORD_AT_END.search(a)
    head = _WORD_AT_START.match(b)
    tail_word = tail.group(1).lower() if tail else ""
    head_word = head.group(1).lower() if head else ""
    repeated = _repeated_at_cut(a, b)
    glued = tail_word + (head_word[1:] if repeated else head_word)
    glued_result = a + b[1:] if repeated else a + b
    if _COMPOUND.match(head_word) and head_word[0] not in "ьъы":
        return f"{a} {b}"
    if _not_a_word(tail_word) or _not_a_word(head_word) or head_word[:1] in ("ь", "ъ", "ы"):
        return glued_result
    vocabulary = vocabulary or Counter()
    if repeated and vocabulary[tail_word + head_word] and not vocabulary[glued]:
        return a + b  # the doubled letter is real: the document writes the word so
    if vocabulary[glued]:
        return glued_result
    if vocabulary[tail_word] >= 2 and vocabulary[head_word] >= 2:
        return f"{a} {b}"
    if len(glued) > MAX_GLUED_WORD:
        return f"{a} {b}"
    return glued_result


def _not_a_word(word: str) -> bool:
    return len(word) == 1 and word not in _ONE_LETTER_WORDS


def word_counts(texts: Iterable[str]) -> Counter[str]:
    """How often each lowercase word occurs: the document's own vocabulary."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_WORDS.findall((text or "").lower()))
    return counts


def _repeated_at_cut(a: str, b: str) -> bool:
    return a[-1] == b[0] and a[-1].lower() in _DEDUPLICATED_AT_CUT


def join_pieces(cells: list[str], vocabulary: Counter[str] | None = None) -> str:
    """Join the non-empty cells of a row that hold one text spread over the row.

    Neighbouring pieces are joined with ``join_cut``; pieces with an empty cell between
    them with a space. A piece equal to the previous one (a merged cell repeated by a
    converter) is taken once.
    """
    result = ""
    previous_index = -2
    previous_piece = None
    for index, cell in enumerate(cells):
        piece = norm_line(cell)
        if not piece:
            continue
        if piece == previous_piece:
            previous_index = index
            continue
        if not result:
            result = piece
        elif index == previous_index + 1:
            result = join_cut(result, piece, vocabulary)
        else:
            result = f"{result} {piece}"
        previous_index = index
        previous_piece = piece
    return result
