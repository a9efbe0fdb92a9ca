"""A small roadmap of district A to edit: two sections, three measures, a school and a body."""
from datetime import date

import pytest

from roadmaps import editing, editing_sections
from roadmaps.models import Roadmap
from roadmaps.services import roadmap_create


@pytest.fixture
def roadmap(district_a, coordinator_a) -> Roadmap:
    return roadmap_create(district=district_a, title="Дорожная карта на 2026 год",
                          period_start=date(2026, 1, 1), period_end=date(2026, 12, 31),
                          acting_user=coordinator_a)


@pytest.fixture
def section_one(roadmap, coordinator_a):
    return editing_sections.section_insert(roadmap=roadmap, title="Организационные мероприятия",
                                           acting_user=coordinator_a)


@pytest.fixture
def section_two(roadmap, coordinator_a, section_one):
    return editing_sections.section_insert(roadmap=roadmap, title="Методическое сопровождение",
                                           acting_user=coordinator_a)


@pytest.fixture
def measures(roadmap, coordinator_a, section_one, section_two, school_a, body_a):
    """1.1 and 1.2 in the first section, 2.1 in the second."""
    add = editing.measure_insert
    return [
        add(roadmap=roadmap, acting_user=coordinator_a, section=section_one,
            text="Утверждение состава рабочей группы", deadline_text="До 10.02.2026",
            responsible_text="Управление образования"),
        add(roadmap=roadmap, acting_user=coordinator_a, section=section_one,
            text="Разработка школьных программ", deadline_text="Март-апрель 2026",
            responsible_text="МКОУ Кармаклинская СОШ", responsible=[school_a]),
        add(roadmap=roadmap, acting_user=coordinator_a, section=section_two,
            text="Консультации педагогов", deadline_text="ежеквартально",
            responsible_text="ТОИПКРО", responsible=[body_a], result="Не реже раза в квартал"),
    ]


def numbers(roadmap) -> list[tuple[str, str]]:
    """(section number, measure number) in print order."""
    from roadmaps.selectors import roadmap_table

    out = []
    for block in roadmap_table(roadmap):
        for m in block.measures:
            out.append((block.section.number if block.section else "", m.number))
    return out
