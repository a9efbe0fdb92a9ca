"""The default wording of an order: title, preamble and points, drafted from the roadmap.

Pure functions over a few plain values; every word stays editable by the coordinator.
"""
from __future__ import annotations

from dataclasses import dataclass

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
    name: str
    position: str = ""


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


def draft_points(*, roadmap_title: str, coordinators: list[Person],
                 schools: list[FlaggedSchool], plan: AppendixPlan,
                 has_interviews: bool = False) -> list[dict]:
    def ref(number: int | None) -> str:
        return f" (приложение №\u00a0{number})" if number else ""

    points = [f"Утвердить {title_accusative(roadmap_title)}{ref(plan.roadmap)}."]
    if coordinators:
        names = ", ".join(
            f"{p.name}, {p.position}" if p.position else p.name for p in coordinators
        )
    else:
        names = "____________________"
    appoint = f"Назначить муниципальным координатором реализации дорожной карты: {names}"
    points.append(appoint if appoint.endswith(".") else appoint + ".")
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
