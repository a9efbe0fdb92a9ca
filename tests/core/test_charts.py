"""The server-side stacked bar chart: geometry from values, escaped text, a calm empty state."""

import re
import xml.etree.ElementTree as ET

import pytest

from core.charts import layout, stacked_bar_svg

SVG = "{http://www.w3.org/2000/svg}"
SERIES = [("Черновик", "#9aa5b1"), ("На рассмотрении", "#e0a800"), ("Утверждена", "#2e7d32")]


def _segments(svg):
    root = ET.fromstring(svg)
    return [r for r in root.iter(f"{SVG}rect") if r.get("class") == "chart-segment"]


def _texts(svg, cls):
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("class") == cls]


def test_segment_widths_are_proportional_to_values_on_one_scale():
    svg = stacked_bar_svg([("А", [2, 0, 6]), ("Б", [4, 0, 0])], SERIES, width=600)
    rects = _segments(svg)
    widths = [float(r.get("width")) for r in rects]
    assert len(rects) == 3  # a zero value draws nothing
    a_draft, a_done, b_draft = widths
    # The largest total (8) fills the plot; 2 and 6 of it, and 4 of it for the other row.
    assert a_done == pytest.approx(3 * a_draft, rel=1e-3)
    assert b_draft == pytest.approx(2 * a_draft, rel=1e-3)
    # Segments of a row are stacked: the second starts where the first ends.
    x0, x1 = float(rects[0].get("x")), float(rects[1].get("x"))
    assert x1 == pytest.approx(x0 + a_draft, abs=0.02)
    # Each segment says what it is, for a tooltip and a screen reader.
    assert "А — Утверждена: 6" in "".join(rects[1].itertext())


def test_layout_fills_the_plot_with_the_largest_total():
    segments = layout([("А", [1, 1, 2]), ("Б", [0, 1, 0])], SERIES, plot_width=400)
    a = [s for s in segments if s.row == 0]
    assert sum(s.width for s in a) == pytest.approx(400)
    assert [s.width for s in a] == pytest.approx([100, 100, 200])
    (b,) = [s for s in segments if s.row == 1]
    assert (b.series, b.x, b.width) == (1, 0.0, 100.0)


def test_value_labels_only_where_they_fit_and_every_row_has_its_total():
    svg = stacked_bar_svg([("А", [1, 200, 0])], SERIES, width=500)
    assert _texts(svg, "chart-value") == ["200"]  # 1 of 201 is too narrow for its number
    assert _texts(svg, "chart-total") == ["201"]


def test_text_is_escaped_and_the_svg_stays_well_formed():
    evil = '<script>alert("x")</script> & Ко'
    svg = stacked_bar_svg([(evil, [1, 2, 3])], [(evil, "#123456"), ("Б", "red"), ("В", "#fff")],
                          title=evil)
    assert "<script>" not in svg
    root = ET.fromstring(svg)  # raises if anything broke the markup
    assert evil in "".join(root.itertext())


def test_a_colour_that_is_not_a_colour_is_refused():
    with pytest.raises(ValueError):
        stacked_bar_svg([("А", [1])], [("x", 'red" onload="alert(1)')])


def test_values_must_match_the_series():
    with pytest.raises(ValueError):
        stacked_bar_svg([("А", [1, 2])], SERIES)
    with pytest.raises(ValueError):
        stacked_bar_svg([("А", [1, -2, 0])], SERIES)


def test_no_rows_is_a_calm_no_data():
    svg = stacked_bar_svg([], SERIES, title="Программы по районам")
    assert _texts(svg, "chart-empty") == ["Нет данных"]
    assert _segments(svg) == []
    assert "Программы по районам" in svg
    ET.fromstring(svg)


def test_rows_of_zeros_draw_no_bars_but_keep_their_labels():
    svg = stacked_bar_svg([("А", [0, 0, 0]), ("Б", [0, 0, 0])], SERIES)
    assert _segments(svg) == []
    assert _texts(svg, "chart-row-label") == ["А", "Б"]
    assert _texts(svg, "chart-total") == ["0", "0"]


def test_sizes_are_px_and_height_grows_with_rows():
    one = stacked_bar_svg([("А", [1, 0, 0])], SERIES, width=640, bar_height=20)
    three = stacked_bar_svg([("А", [1, 0, 0])] * 3, SERIES, width=640, bar_height=20)
    h1 = int(re.search(r'height="(\d+)"', one).group(1))
    h3 = int(re.search(r'height="(\d+)"', three).group(1))
    assert 'width="640"' in one and 'viewBox="0 0 640 ' in one
    assert h3 - h1 == 2 * (20 + 6)


def test_long_labels_are_clipped_with_the_full_text_in_the_title():
    label = "Муниципальное казённое учреждение управление образования очень длинного района"
    svg = stacked_bar_svg([(label, [1, 0, 0])], SERIES, width=500)
    (shown,) = _texts(svg, "chart-row-label")
    assert shown.endswith("…") and len(shown) < len(label)
    assert label in svg

