"""Russian personal names as an order writes them: «О.Ю. Бурлуцкая» under the signature,
«Губину С.А.» after «Назначить …».

Pure functions over the three name parts. The accusative covers the common surname
endings (-ов/-ев/-ин, -ский/-цкий/-ой/-ый, -ова/-ина/-ая, consonants, -а/-я, the
indeclinable -о/-их/-ых …); when the gender or the ending leaves the form in doubt the
functions return None and the caller words the sentence so the nominative stands.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

NBSP = "\u00a0"
FEMALE, MALE = "f", "m"

_VOWELS = set("аеёиоуыэюя")
# First names ending in -а/-я that are male, and female ones whose ending does not tell.
_MALE_FIRST_A = {"никита", "илья", "кузьма", "фома", "лука", "савва", "данила", "гаврила",
                 "фока", "иона", "михайла", "ерёма", "добрыня", "мина", "никола"}
_FEMALE_FIRST_SOFT = {"любовь", "нинель", "адель", "ассоль", "эсфирь", "рахиль", "юдифь",
                      "руфь", "айгуль", "гузель", "гюзель", "асель", "жизель", "нелли"}
_INITIAL = re.compile(r"^[A-ZА-ЯЁ]\.$")


@dataclass(frozen=True)
class FullName:
    last: str
    first: str = ""
    middle: str = ""

    @property
    def initials(self) -> str:
        """«С.А.»: the initials written together, as ГОСТ Р 7.0.97 shows them."""
        return "".join(f"{part.strip()[0].upper()}." for part in (self.first, self.middle)
                       if part.strip())


def parse_name(text: str) -> FullName | None:
    """«Губина С. А.», «С.А. Губина», «Губина Светлана Александровна» → the parts.

    Initials stay initials (first/middle hold «С.», «А.»). None when no surname is seen.
    """
    tokens = [t for t in re.split(r"[\s\u00a0]+|(?<=\.)(?=[A-ZА-ЯЁ])", text.strip()) if t]
    if not tokens:
        return None
    words = [t for t in tokens if not _INITIAL.match(t)]
    initials = [t for t in tokens if _INITIAL.match(t)]
    if len(words) == 1:
        first, middle = (initials + ["", ""])[:2]
        return FullName(last=words[0], first=first, middle=middle)
    if len(words) == 3 and not initials:
        return FullName(last=words[0], first=words[1], middle=words[2])
    if len(words) == 2 and not initials:
        return FullName(last=words[0], first=words[1])
    return None


def signature_name(name: FullName) -> str:
    """«О.Ю. Бурлуцкая»: initials, then the surname (the signature's «расшифровка»)."""
    last = name.last.strip()
    if not last:
        return ""
    return f"{name.initials} {last}".strip()


def gender(name: FullName) -> str | None:
    """From the patronymic, else the first name, else the surname's ending; None if unsure."""
    middle = name.middle.strip().lower()
    if len(middle) > 2:
        if middle.endswith(("вна", "чна", "шна", "кызы", "гызы")):
            return FEMALE
        if middle.endswith(("вич", "ич", "оглы", "улы", "уулу")):
            return MALE
    first = name.first.strip().lower()
    if len(first) > 2:
        if first in _MALE_FIRST_A:
            return MALE
        if first in _FEMALE_FIRST_SOFT:
            return FEMALE
        if first.endswith(("а", "я")):
            return FEMALE
        if first[-1] not in _VOWELS:  # a consonant, -й, -ь
            return MALE
    last = name.last.strip().lower()
    if last.endswith(("ова", "ева", "ёва", "ина", "ына", "ская", "цкая", "ая", "яя")):
        return FEMALE
    if last.endswith(("ов", "ев", "ёв", "ин", "ын", "ский", "цкий", "ой", "ый", "ий")):
        return MALE
    return None


def _keep_case(source: str, replaced: str) -> str:
    return replaced.upper() if source.isupper() and len(source) > 1 else replaced


def _surname_part_accusative(word: str, sex: str | None) -> str | None:
    low = word.lower()
    if len(low) < 2 or not low.isalpha():
        return None
    if low.endswith(("о", "е", "э", "и", "у", "ю", "ы", "их", "ых")):
        return word  # Карпенко, Дюбуа-like, Черных: the same in every case
    if low[-1] == "а":
        if low[-2] in _VOWELS:
            return word  # Гарсиа
        return word[:-1] + _keep_case(word, "у")  # Губина → Губину, Сковорода → Сковороду
    if low[-1] == "я":
        if low.endswith("ая"):
            return word[:-2] + _keep_case(word, "ую")  # Бурлуцкая → Бурлуцкую
        if low.endswith("яя"):
            return word[:-2] + _keep_case(word, "юю")
        if low[-2] in _VOWELS and low[-2] != "и":
            return word
        return word[:-1] + _keep_case(word, "ю")  # Зозуля → Зозулю, Берия → Берию
    if sex == FEMALE:
        return word  # Штерцер, Шевчук, Гоголь: a woman's such surname does not change
    if sex is None:
        return None  # Шевчук: «Шевчука» or «Шевчук» — the gender decides
    if low.endswith("ий") and len(low) > 3 and low[-3] in "гкх":
        return word[:-2] + _keep_case(word, "ого")  # Бурлуцкий → Бурлуцкого, Горький → Горького
    if low.endswith("ий") and len(low) > 4:
        return word[:-2] + _keep_case(word, "его")  # Синий → Синего
    if low.endswith(("ый", "ой")) and len(low) > 4:
        return word[:-2] + _keep_case(word, "ого")  # Белый → Белого, Толстой → Толстого
    if low[-1] in "йь":
        return word[:-1] + _keep_case(word, "я")  # Гайдай → Гайдая, Коваль → Коваля, Цой → Цоя
    return word + _keep_case(word, "а")  # Аксёнов → Аксёнова, Штерцер → Штерцера


def surname_accusative(last: str, sex: str | None) -> str | None:
    """The surname in the accusative («кого?»); compound surnames decline part by part."""
    parts = last.strip().split("-")
    out = [_surname_part_accusative(p, sex) for p in parts]
    if not parts or any(p is None for p in out):
        return None
    return "-".join(out)


def accusative_with_initials(name: FullName) -> str | None:
    """«Губину С.А.» — the surname declined, the initials joined to it by a no-break space."""
    last = surname_accusative(name.last, gender(name))
    if last is None:
        return None
    return f"{last}{NBSP}{name.initials}" if name.initials else last
