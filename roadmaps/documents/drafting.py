"""The default wording of an order: title, preamble and points, drafted from the roadmap.

Pure functions over a few plain values; every word stays editable by the coordinator.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import names

# The leading words of roadmap titles, in the cases the order needs.
_GENITIVE = {
    "дорожная": "дорожной", "карта": "карты", "муниципальная": "муниципальной",
    "муниципальный": "муниципального", "муниципальной": "муниципальной",
    "план": "плана", "программа": "программы", "комплекс": "комплекса",
    "перечень": "перечня", "комплексный": "комплексного",
}
_ACCUSATIVE = {
    "дорожная": "дорожную", "карта": "карту", "муниципальная": "муниципальную",
    "муниципальный": "муниципальный", "план": "план", "программа": "программу",
    "комплекс": "комплекс", "перечень": "перечень", "комплексный": "комплексный",
}
_INSTRUMENTAL = {
    "распоряжение": "распоряжением", "приказ": "приказом", "постановление": "постановлением",
    "письмо": "письмом", "решение": "решением", "указ": "указом",
}
_DISTRICT_WORDS = {"район": "района", "округ": "округа", "городской": "городского",
                   "муниципальный": "муниципального"}

CONTROL_POINT = "Контроль за исполнением настоящего приказа оставляю за собой."


@dataclass(frozen=True)
class Person:
    """A person of the district office: `name` as shown («Губина С. А.»), the parts if known."""

    name: str
    position: str = ""
    last_name: str = ""
    first_name: str = ""
    middle_name: str = ""

    @property
    def full_name(self) -> names.FullName | None:
        if self.last_name.strip():
            return names.FullName(last=self.last_name.strip(), first=self.first_name.strip(),
                                  middle=self.middle_name.strip())
        return names.parse_name(self.name)


def signatory_name(head: Person | None) -> str:
    """The head's «И.О. Фамилия» under the signature; empty when nobody holds the role."""
    full = head.full_name if head is not None else None
    return names.signature_name(full) if full is not None else ""


@dataclass(frozen=True)
class FlaggedSchool:
    name: str
    director: str = ""


@dataclass(frozen=True)
class AppendixPlan:
    roadmap: int | None
    schools: int | None
    interviews: int | None


def plan_appendices(*, roadmap: bool, schools: bool, interviews: bool) -> AppendixPlan:
    """Appendices are numbered in print order, skipping those left out."""
    numbers, n = [], 0
    for present in (roadmap, schools, interviews):
        if present:
            n += 1
            numbers.append(n)
        else:
            numbers.append(None)
    return AppendixPlan(*numbers)


def _inflect_lead(title: str, table: dict[str, str]) -> str | None:
    words = title.strip().split(" ")
    out, changed = [], 0
    for i, word in enumerate(words):
        key = word.lower()
        if key in table and i == changed:
            out.append(table[key])
            changed += 1
        else:
            out.append(word)
    return " ".join(out) if changed else None


def title_genitive(title: str) -> str:
    """«Дорожная карта комплекса …» → «дорожной карты комплекса …»."""
    return _inflect_lead(title, _GENITIVE) or f"дорожной карты «{title.strip()}»"


def title_accusative(title: str) -> str:
    return _inflect_lead(title, _ACCUSATIVE) or f"дорожную карту «{title.strip()}»"


def district_genitive(name: str) -> str:
    """«Молчановский район» → «Молчановского района»; other names stay in quotes."""
    words = name.strip().split()
    if not words or words[-1].lower() not in ("район", "округ"):
        return f"муниципального образования «{name.strip()}»"
    out = []
    for word in words:
        low = word.lower()
        if low in _DISTRICT_WORDS:
            out.append(_DISTRICT_WORDS[low])
        elif low.endswith(("ый", "ий", "ой")):
            out.append(word[:-2] + "ого")
        else:
            out.append(word)
    return " ".join(out)


def draft_title(roadmap_title: str) -> str:
    return f"Об утверждении {title_genitive(roadmap_title)}"


def directive_instrumental(*, kind: str, issuer: str, number: str, issued_on, title: str) -> str:
    """«распоряжением Департамента … от 13.04.2020 № 293 «Об …»»."""
    word = _INSTRUMENTAL.get(kind.strip().lower(), kind.strip())
    parts = [word, issuer.strip()]
    if issued_on:
        parts.append(f"от {issued_on:%d.%m.%Y}")
    if number:
        parts.append(f"№ {number}")
    text = " ".join(p for p in parts if p)
    return f"{text} «{title.strip()}»" if title.strip() else text


def draft_preamble(*, district_name: str, directive_citation: str = "") -> str:
    aim = ("в целях обеспечения повышения качества общего образования в общеобразовательных "
           f"организациях {district_genitive(district_name)}")
    if directive_citation:
        return f"В соответствии с {directive_citation} и {aim}"
    return aim[0].upper() + aim[1:]


BLANK_NAME = "____________________"


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " и " + items[-1]


def coordinator_point(coordinators: list[Person]) -> str:
    """«Назначить муниципальным координатором реализации дорожной карты Губину С.А.
    (главный специалист Управления образования).»

    The names stand in the accusative. Should one of them not decline with certainty, the
    point names them after a dash, where the nominative is right.
    """
    if not coordinators:
        return f"Назначить муниципальным координатором реализации дорожной карты {BLANK_NAME}."
    many = len(coordinators) > 1
    declined = []
    for person in coordinators:
        full = person.full_name
        declined.append(names.accusative_with_initials(full) if full is not None else None)

    def with_position(name: str, person: Person) -> str:
        position = person.position.strip().rstrip(".")
        return f"{name} ({position})" if position else name

    if all(declined):
        listed = _joined([with_position(n, p) for n, p in zip(declined, coordinators,
                                                             strict=True)])
        role = "муниципальными координаторами" if many else "муниципальным координатором"
        return _sentence(f"Назначить {role} реализации дорожной карты {listed}")
    listed = ", ".join(with_position(p.name, p) for p in coordinators)
    role = "Муниципальные координаторы" if many else "Муниципальный координатор"
    return _sentence(f"{role} реализации дорожной карты — {listed}")


def _sentence(text: str) -> str:
    """A full stop, unless the text already ends with one (a name's initial: «М.»)."""
    return text if text.endswith(".") else text + "."


def draft_points(*, roadmap_title: str, coordinators: list[Person],
                 schools: list[FlaggedSchool], plan: AppendixPlan,
                 has_interviews: bool = False) -> list[dict]:
    def ref(number: int | None) -> str:
        return f" (приложение №\u00a0{number})" if number else ""

    points = [f"Утвердить {title_accusative(roadmap_title)}{ref(plan.roadmap)}."]
    points.append(coordinator_point(coordinators))
    if schools:
        named = ", ".join(f"{s.name} ({s.director})" if s.director else s.name for s in schools)
        points.append(f"Руководителям {named}{ref(plan.schools)} обеспечить своевременную "
                      "реализацию мероприятий дорожной карты.")
    else:
        points.append("Руководителям общеобразовательных организаций обеспечить своевременную "
                      "реализацию мероприятий дорожной карты.")
    if has_interviews and plan.interviews:
        points.append("Провести собеседования с руководителями общеобразовательных организаций "
                      "по проектам школьных дорожных карт в соответствии с графиком"
                      f"{ref(plan.interviews)}.")
    points.append(CONTROL_POINT)
    return [{"text": text, "subpoints": []} for text in points]
