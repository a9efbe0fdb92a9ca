"""The target-indicator line under a measure of a submitted programme's PDF."""
import pytest

from roadmaps.documents.programme import indicator_line

NAME = {"indicator_name": "доля обучающихся с рисками", "indicator_unit": "%"}


@pytest.mark.parametrize(("measure", "line"), [
    ({**NAME, "indicator_base": "31", "indicator_target": "15"},
     "Целевой показатель: доля обучающихся с рисками (%): 31 → 15"),
    ({**NAME, "indicator_base": "31"}, "Целевой показатель: доля обучающихся с рисками (%): базовое 31"),
    ({**NAME, "indicator_target": "15"},
     "Целевой показатель: доля обучающихся с рисками (%): целевое 15"),
    (NAME, "Целевой показатель: доля обучающихся с рисками (%)"),
    ({"indicator_base": " 3 ", "indicator_target": "5"}, "Целевой показатель: 3 → 5"),
    ({"indicator_unit": "%"}, ""),
    ({}, ""),
])
def test_it_reads_the_indicator_as_far_as_it_is_filled_in(measure, line):
    assert indicator_line(measure) == line
