"""The roadmap's title: the heading above its table, else the order's «Об утверждении …».

Walking back from the table over at most ``LOOK_BACK`` paragraphs, the first paragraph
that names a plan («дорожная карта», «план мероприятий», «программа», «комплекс мер»),
does not end like a sentence (. : ;) and has at least four words is the title. A short
heading («ДОРОЖНАЯ КАРТА») takes the paragraphs after it that go on in lowercase
(«по оказанию методической помощи …»). «План мероприятий» alone, right above the table,
is a caption, not a title, and the walk goes on past it.
"""
from __future__ import annotations

import re

from .joining import norm_line, starts_lower

LOOK_BACK = 12
_PLAN_WORDS = re.compile(
    r"дорожн\w*\s+карт|план\w*\s+мероприяти|программ|комплекс\w*\s+(?:мер|мероприяти)",
    re.IGNORECASE,
)
_ORDER_SUBJECT = re.compile(r"^\s*об?\s+утверждении\b", re.IGNORECASE)


def find_title(before_table: list[str], all_paragraphs: list[str]) -> str:
    """The title from the paragraphs above the main table, else the order's subject line."""
    paragraphs = [norm_line(text) for text in before_table if norm_line(text)]
    start = max(0, len(paragraphs) - LOOK_BACK)
    for index in range(len(paragraphs) - 1, start - 1, -1):
        text = paragraphs[index]
        if not _PLAN_WORDS.search(text) or text.endswith((".", ":", ";")):
            continue
        following = _lowercase_continuation(paragraphs, index + 1)
        if len(text.split()) >= 4 or following:
            return " ".join([text, *following])
    for text in all_paragraphs:
        line = norm_line(text)
        if _ORDER_SUBJECT.match(line):
            return line
    return ""


def _lowercase_continuation(paragraphs: list[str], start: int) -> list[str]:
    following: list[str] = []
    for text in paragraphs[start:]:
        if not starts_lower(text):
            break
        following.append(text)
    return following
