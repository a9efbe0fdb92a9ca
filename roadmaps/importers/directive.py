"""The regional directive an order cites in its preamble.

«В соответствии с распоряжением Департамента общего образования Томской области от
13.04.2020 № 293 «Об организации работы …»» → kind «распоряжение», issuer «Департамента
общего образования Томской области» (as written), date, number and the title, whose own
quotes may nest («Об утверждении Плана мероприятий («дорожная карта») …»).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_KINDS = {
    "распоряжением": "распоряжение",
    "приказом": "приказ",
    "постановлением": "постановление",
    "письмом": "письмо",
    "решением": "решение",
}
_HEAD = re.compile(
    r"в\s+соответствии\s+с\s+(?P<kind>" + "|".join(_KINDS) + r")\s+(?P<issuer>.+?)\s+"
    r"от\s+(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})\s*(?:г\.?|года)?\s*"
    r"№\s*(?P<number>[\w/.\-]+)\s*",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class DirectiveRef:
    kind: str
    issuer: str
    issued_on: date | None
    number: str
    title: str


def _quoted(text: str, start: int) -> str:
    """The text inside the «…» that opens at `start`, nested quotes included."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "«":
            depth += 1
        elif text[i] == "»":
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
    return ""


def find_directive(paragraphs: list[str]) -> DirectiveRef | None:
    for paragraph in paragraphs:
        text = " ".join(paragraph.split())
        match = _HEAD.search(text)
        if not match:
            continue
        try:
            issued_on = date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            issued_on = None
        rest = match.end()
        title = _quoted(text, rest) if rest < len(text) and text[rest] == "«" else ""
        return DirectiveRef(kind=_KINDS[match["kind"].lower()], issuer=match["issuer"].strip(),
                            issued_on=issued_on, number=match["number"].rstrip("."), title=title)
    return None
