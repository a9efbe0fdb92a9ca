"""Fixtures of the roadmaps tests: the seed orders as text, a small roadmap of district A
to edit, orders of districts A and B, and the seed roadmaps with their drafted orders."""
from datetime import date

import pytest

from roadmaps.documents.build import draft_order
from roadmaps.models import Roadmap
from roadmaps.services.measures import measure_create
from roadmaps.services.orders import order_create_draft
from roadmaps.services.roadmaps import roadmap_create
from roadmaps.services.sections import section_create
from tests.factories import MeasureFactory, SectionFactory
from tests.support.seed_roadmaps import SEEDS, build_roadmap
from tests.support.seeds import seed_text


@pytest.fixture
def seed_molchanovo():
    """Seed 000: Молчановский район, order 143/1 of 22.06.2020, markdown tables."""
    return seed_text("000")


@pytest.fixture
def seed_barabinsk():
    """Seed 001: Барабинский район, order 145 of 03.04.2024, tab-separated."""
    return seed_text("001")


@pytest.fixture
def seed_mokshan():
    """Seed 003: Мокшанский район, «УТВЕРЖДАЮ» form, order 49 of 13.02.2023."""
    return seed_text("003")


# --- a small roadmap to edit: two sections, three measures, a school and a body ----------

@pytest.fixture
def roadmap(district_a, coordinator_a) -> Roadmap:
    return roadmap_create(district=district_a, title="Дорожная карта на 2026 год",
                          period_start=date(2026, 1, 1), period_end=date(2026, 12, 31),
                          acting_user=coordinator_a)


@pytest.fixture
def section_one(roadmap, coordinator_a):
    return section_create(roadmap=roadmap, title="Организационные мероприятия",
                                           acting_user=coordinator_a)


@pytest.fixture
def section_two(roadmap, coordinator_a, section_one):
    return section_create(roadmap=roadmap, title="Методическое сопровождение",
                                           acting_user=coordinator_a)


@pytest.fixture
def measures(roadmap, coordinator_a, section_one, section_two, school_a, body_a):
    """1.1 and 1.2 in the first section, 2.1 in the second."""
    add = measure_create
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


# --- orders of district A and B, drafted through the service -----------------------------

@pytest.fixture
def filled_roadmap_a(roadmap_a):
    section = SectionFactory(roadmap=roadmap_a, number="1.", title="Организационные меры")
    for n in range(1, 4):
        MeasureFactory(roadmap=roadmap_a, section=section, number=str(n),
                       text=f"Мероприятие {n}", deadline_text="Март 2026")
    return roadmap_a


@pytest.fixture
def order_a(filled_roadmap_a, coordinator_a):
    return order_create_draft(roadmap=filled_roadmap_a, acting_user=coordinator_a,
                              number="143/1", issued_on=filled_roadmap_a.period_start)


@pytest.fixture
def order_b(roadmap_b, coordinator_b):
    return order_create_draft(roadmap=roadmap_b, acting_user=coordinator_b, number="7")


@pytest.fixture
def eager(settings):
    """Celery jobs run in process (browser and view tests); the broker round trip has its own test."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    return settings


# --- the seed roadmaps with their orders -------------------------------------------------

def seed_order(key: str, user=None):
    """The seed's roadmap and an order drafted from the template with the seed's number/date."""
    seed = SEEDS[key]
    roadmap = build_roadmap(seed, user=user)
    order = draft_order(roadmap, acting_user=user)
    for name, value in seed.order.items():
        setattr(order, name, value)
    order.full_clean()
    order.save()
    return seed, roadmap, order


@pytest.fixture
def seed_orders(db):
    return seed_order
