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


# Schools named as a group («Руководители ОО», «Администрация школ», «ШНОР и ШНСУ»,
# «Образовательные организации с низкими результатами» …): such a measure concerns every
# flagged school of the roadmap's lists (domain.md, «Measures addressed to schools as a
# group»). Plural only: «Администрация школы» or «Образовательная организация» is one
# school; «Руководители ММО/РМО», «центров „Точка роста“» are not schools.
_FLAGGED = r"(?:шнор|шнсу|шссу)"
_FLAGGED_GROUP = rf"{_FLAGGED}(?:\s*(?:и|,|/)\s*{_FLAGGED})*"
_ORGANIZATIONS = r"(?:обще)?образовательн(?:ые|ых)\s+(?:организаци(?:и|й)|учреждени(?:я|й))"
# after «руководители», «администрация» …: a genitive plural
_HEADS = (r"(?:руководител(?:и|ей)|директор(?:а|ов)|администраци(?:я|и)"
          r"|заместител(?:и|ей)\s+(?:руководител(?:ей|я)|директор(?:ов|а))(?:\s+\S+){0,4}?)")
_HEADED = rf"{_HEADS}\s+(?:оо|оу|школ|{_ORGANIZATIONS}|{_FLAGGED_GROUP})"
_BARE = rf"(?:оо|оу|школы|{_ORGANIZATIONS}|{_FLAGGED_GROUP})"
# what may follow the group's name without making it something else
_TAIL = (rf"(?:$|\s*[,(]|\s+[–—-]\s|\s+(?:с\s|района|округа|муниципалитета|города|а\s+также|и\s|в\s"
         rf"|{_FLAGGED}|функционир|находящ|имеющ|показавш|входящ))")
_GROUP = re.compile(rf"^(?:{_HEADED}|{_BARE}){_TAIL}")


def names_school_group(name: str) -> bool:
    """Is this one responsible body the schools as a group?"""
    return bool(_GROUP.match(_norm(name)))


def addresses_school_group(bodies: list[str]) -> bool:
    """Does a measure whose responsible bodies are these address schools as a group?"""
    return any(names_school_group(body) for body in bodies)


def text_addresses_school_group(responsible_text: str) -> bool:
    """The same for an «Ответственные» cell as written (split as the importer splits it)."""
    from .responsible import split_responsible

    return addresses_school_group(split_responsible(responsible_text))
