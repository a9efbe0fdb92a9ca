"""Finding a district's organisation by the name a roadmap gives it. Pure: the caller
passes the organisations (any objects with `short_name`, `full_name`, `alternative_names`)."""
from __future__ import annotations

import re

_QUOTES = re.compile(r"[«»\"“”„']")


def _norm(name: str) -> str:
    name = _QUOTES.sub("", name).replace("ё", "е").replace("Ё", "Е")
    return re.sub(r"\s+", " ", name).strip(" .,;").casefold()


class OrganizationMatcher:
    """Finds a district's organisation by short name, full name, other names or footnote
    abbreviations («*Примечание»: full name – short name)."""

    def __init__(self, organizations: list, abbreviations: dict[str, str]):
        self.by_name: dict[str, object] = {}
        for org in organizations:
            for name in (org.short_name, org.full_name, *org.alternative_names):
                self.by_name.setdefault(_norm(name), org)
        for short, full in abbreviations.items():
            org = self.by_name.get(_norm(full)) or self.by_name.get(_norm(short))
            if org:
                self.by_name.setdefault(_norm(short), org)
                self.by_name.setdefault(_norm(full), org)

    def match(self, name: str) -> object | None:
        return self.by_name.get(_norm(name))
