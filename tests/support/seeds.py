"""The three real orders (copies in tests/data/seeds), read once per test session."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from core.reading.readers import RawDocument, read_document
from roadmaps.importers.table import ParsedMeasure, ParsedRoadmap, iter_measures, parse_roadmap

DATA = Path(__file__).resolve().parents[1] / "data"
SEEDS = DATA / "seeds"


def seed_text(prefix: str) -> str:
    return seed_file(prefix).read_text(encoding="utf-8")


def seed_file(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


@lru_cache
def raw(prefix: str) -> RawDocument:
    path = seed_file(prefix)
    return read_document(path.name, path.read_bytes())


@lru_cache
def parsed(prefix: str) -> ParsedRoadmap:
    return parse_roadmap(raw(prefix))


def measures(roadmap: ParsedRoadmap) -> list[ParsedMeasure]:
    return [measure for _, measure in iter_measures(roadmap)]


def measure(roadmap: ParsedRoadmap, number: str) -> ParsedMeasure:
    (found,) = [m for m in measures(roadmap) if m.number == number]
    return found


def shape(roadmap: ParsedRoadmap) -> tuple[list, list]:
    """Sections (number, title, children, measure numbers) and every measure's content."""

    def section(s):
        return (s.number, s.title, [section(c) for c in s.sections], [m.number for m in s.measures])

    content = [
        (m.number, m.text, m.deadline_text, m.responsible, m.result, m.output_form)
        for m in measures(roadmap)
    ]
    return [section(s) for s in roadmap.sections], content
