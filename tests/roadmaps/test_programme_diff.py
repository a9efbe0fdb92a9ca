"""What changed between two submissions: a pure function over frozen content."""
import ast
from pathlib import Path

from roadmaps import programme_diff as module
from roadmaps.programme_diff import FieldChange, programme_diff


def content(sections=(), measures=()):
    return {"sections": list(sections), "measures": list(measures)}


def section(id, title, number=""):
    return {"id": id, "number": number or str(id), "title": title, "depth": 0, "risk_factor": ""}


def measure(id, section_id=None, number="1", text="Мероприятие", **fields):
    return {"id": id, "section_id": section_id, "number": number, "text": text,
            "deadline_text": fields.get("deadline_text", "Май 2026"),
            "responsible_text": fields.get("responsible_text", "Директор"),
            "result": fields.get("result", ""), "output_form": fields.get("output_form", ""),
            "indicator_name": fields.get("indicator_name", ""), "indicator_unit": "",
            "indicator_base": fields.get("indicator_base", ""),
            "indicator_target": fields.get("indicator_target", "")}


def test_the_same_content_has_no_changes():
    c = content([section(1, "Мотивация")], [measure(10, 1)])
    diff = programme_diff(c, c)
    assert diff.is_empty and diff.count == 0


def test_the_first_submission_adds_everything():
    diff = programme_diff(None, content([section(1, "Мотивация")], [measure(10, 1)]))
    assert [s["id"] for s in diff.sections_added] == [1]
    assert [m["id"] for m in diff.measures_added] == [10]


def test_added_removed_and_changed_measures_field_by_field():
    old = content([section(1, "Мотивация")], [
        measure(10, 1, "1.1", "Диагностика", deadline_text="Сентябрь 2026"),
        measure(11, 1, "1.2", "Лишнее"),
    ])
    new = content([section(1, "Мотивация")], [
        measure(10, 1, "1.1", "Диагностика мотивации", deadline_text="Октябрь 2026",
                indicator_target="20"),
        measure(12, 1, "1.2", "Новое"),
    ])
    diff = programme_diff(old, new)
    assert [m["text"] for m in diff.measures_added] == ["Новое"]
    assert [m["text"] for m in diff.measures_removed] == ["Лишнее"]
    (changed,) = diff.measures_changed
    assert changed.changes == (
        FieldChange("Мероприятие", "Диагностика", "Диагностика мотивации"),
        FieldChange("Срок", "Сентябрь 2026", "Октябрь 2026"),
        FieldChange("Целевое значение", "", "20"),
    )


def test_sections_added_removed_and_renamed():
    old = content([section(1, "Мотивация"), section(2, "Родители")])
    new = content([section(1, "Учебная мотивация"), section(3, "Кадры", number="2")])
    diff = programme_diff(old, new)
    assert [s["title"] for s in diff.sections_added] == ["Кадры"]
    assert [s["title"] for s in diff.sections_removed] == ["Родители"]
    (renamed,) = diff.sections_renamed
    assert (renamed.old_title, renamed.section["title"]) == ("Мотивация", "Учебная мотивация")


def test_a_measure_moved_to_another_section_shows_the_section_change():
    old = content([section(1, "Мотивация"), section(2, "Родители")], [measure(10, 1, "1.1")])
    new = content([section(1, "Мотивация"), section(2, "Родители")], [measure(10, 2, "1.1")])
    (changed,) = programme_diff(old, new).measures_changed
    assert changed.changes == (FieldChange("Раздел", "1 Мотивация", "2 Родители"),)


def test_a_measure_only_renumbered_is_listed_apart():
    old = content([section(1, "Мотивация")], [measure(10, 1, "1.1"), measure(11, 1, "1.2")])
    new = content([section(1, "Мотивация")], [measure(12, 1, "1.1", "Первое"),
                                             measure(10, 1, "1.2"), measure(11, 1, "1.3")])
    diff = programme_diff(old, new)
    assert not diff.measures_changed
    assert [(m.measure["id"], m.changes[0].old, m.changes[0].new)
            for m in diff.measures_renumbered] == [(10, "1.1", "1.2"), (11, "1.2", "1.3")]


def test_the_module_imports_no_django():
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert "django" not in imported and imported <= {"__future__", "dataclasses"}
