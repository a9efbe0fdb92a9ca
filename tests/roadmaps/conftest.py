from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


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
