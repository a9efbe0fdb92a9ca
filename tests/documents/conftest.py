"""Fixtures for document tests: the seed roadmaps with their orders."""
import subprocess
from pathlib import Path

import pytest

from roadmaps.documents.build import draft_order

from .seed_roadmaps import SEEDS, build_roadmap


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


def pdf_text(data: bytes, tmp_path: Path) -> str:
    """The text in drawing order (`-raw`): a table cell's lines stay together."""
    path = tmp_path / "order.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def pdf_fonts(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                          text=True).stdout


def squash(text: str) -> str:
    """Text without any whitespace: table cells wrap anywhere, the words stay in order."""
    return "".join(text.split())
