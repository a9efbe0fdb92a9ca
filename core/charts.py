"""Server-side SVG charts, inlined in pages and printed the same (Chromium and WeasyPrint).

Pure code: no Django. The chart is drawn from plain data, every text is escaped, sizes
are px and the fonts are the ones both renderers have on our machines (PT Sans, then
Liberation Sans, then DejaVu Sans — the same stack as the pages).

    stacked_bar_svg(
        [("Молчановский район", [3, 1, 0]), ("Томский район", [0, 2, 5])],
        [("Черновик", "#9aa5b1"), ("На рассмотрении", "#e0a800"), ("Утверждена", "#2e7d32")],
        title="Программы по статусам",
    )

Rows are (label, values per series); series are (label, colour). Bars are horizontal
and share one scale (the largest row total fills the plot); a segment carries its value
where the number fits inside it, and every row ends with its total. Zero rows give a
calm «Нет данных».
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

FONT_FAMILY = "'PT Sans', 'Liberation Sans', 'DejaVu Sans', sans-serif"
TEXT_COLOUR = "#1f2933"
MUTED_COLOUR = "#616e7c"
EMPTY_TEXT = "Нет данных"

# Average advance of a character, in em, for the fonts above: digits are about 0.55 em in
# PT Sans and 0.64 em in DejaVu Sans; Cyrillic letters about the same on average. We size
# by the wider one so that a label never spills out of the place reserved for it.
_CHAR_EM = 0.62
_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{3,20})$")


@dataclass(frozen=True)
class Series:
    label: str
    colour: str


@dataclass(frozen=True)
class Segment:
    """One drawn rectangle (exposed for tests and for callers that want the geometry)."""

    row: int
    series: int
    x: float
    width: float
    value: float


def text_width(text: str, font_size: float) -> float:
    """A conservative estimate of how wide `text` prints, in px."""
    return len(text) * font_size * _CHAR_EM


def _fmt(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")


def _px(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _colour(colour: str) -> str:
    if not _COLOUR.match(colour or ""):
        raise ValueError(f"not a colour: {colour!r}")
    return colour


def _ink_on(colour: str) -> str:
    """White or dark text, whichever reads better on `colour` (named colours: dark)."""
    if not colour.startswith("#"):
        return TEXT_COLOUR
    hexes = colour[1:]
    if len(hexes) == 3:
        hexes = "".join(c * 2 for c in hexes)
    r, g, b = (int(hexes[i:i + 2], 16) / 255 for i in (0, 2, 4))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#ffffff" if luminance < 0.55 else TEXT_COLOUR


def _clip(text: str, max_px: float, font_size: float) -> str:
    if text_width(text, font_size) <= max_px:
        return text
    keep = max(1, int(max_px / (font_size * _CHAR_EM)) - 1)
    return text[:keep].rstrip() + "…"


def _normalise(rows, series):
    series = [s if isinstance(s, Series) else Series(*s) for s in series]
    if not series:
        raise ValueError("a chart needs at least one series")
    for s in series:
        _colour(s.colour)
    out = []
    for label, values in rows:
        values = [0 if v is None else v for v in values]
        if len(values) != len(series):
            raise ValueError(f"row {label!r} has {len(values)} values for {len(series)} series")
        if any(v < 0 for v in values):
            raise ValueError(f"row {label!r} has a negative value")
        out.append((str(label), values))
    return out, series


def layout(rows: Iterable[tuple[str, Sequence[float]]], series, *, plot_width: float) -> list[Segment]:
    """The rectangles of the bars, on one scale: the largest row total is `plot_width`."""
    rows, _series = _normalise(rows, series)
    return _segments(rows, plot_width)


def _segments(rows: list[tuple[str, list[float]]], plot_width: float) -> list[Segment]:
    top = max((sum(values) for _, values in rows), default=0)
    segments = []
    for r, (_, values) in enumerate(rows):
        x = 0.0
        for s, value in enumerate(values):
            width = plot_width * value / top if top else 0.0
            if value:
                segments.append(Segment(row=r, series=s, x=x, width=width, value=value))
            x += width
    return segments


def stacked_bar_svg(
    rows: Iterable[tuple[str, Sequence[float]]],
    series: Iterable[tuple[str, str] | Series],
    *,
    title: str = "",
    width: int = 720,
    bar_height: int = 22,
    font_size: int = 12,
    label_width: int | None = None,
    empty_text: str = EMPTY_TEXT,
    show_totals: bool = True,
) -> str:
    """A stacked horizontal bar chart as an SVG string, safe to inline in HTML."""
    rows, series = _normalise(list(rows), list(series))
    pad = 8
    gap = max(6, bar_height // 3)
    line = round(font_size * 1.45)
    title_h = round(font_size * 1.35 * 1.4) if title else 0
    parts: list[str] = []

    # The legend flows left to right and wraps at the chart's width.
    swatch = font_size
    legend_items, lx, ly = [], pad, pad + title_h
    for s in series:
        item_w = swatch + 6 + text_width(s.label, font_size) + 16
        if lx + item_w > width - pad and lx > pad:
            lx, ly = pad, ly + line
        legend_items.append((lx, ly, s))
        lx += item_w
    legend_h = (ly - (pad + title_h)) + line if series else 0
    plot_top = pad + title_h + legend_h + gap

    if not rows:
        height = plot_top + bar_height * 2 + pad
    else:
        height = plot_top + len(rows) * (bar_height + gap) - gap + pad

    title_id = ""
    if title:
        title_id = f"chart-{zlib.crc32(repr((title, rows)).encode()):08x}"
    parts.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-stacked-bar" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img"'
        + (f' aria-labelledby="{title_id}"' if title_id else f' aria-label="{escape(empty_text)}"' if not rows else "")
        + f' font-family="{escape(FONT_FAMILY)}" font-size="{font_size}">'
    )
    if title:
        parts.append(f'<title id="{title_id}">{escape(title)}</title>')
        parts.append(
            f'<text class="chart-title" x="{pad}" y="{pad + round(font_size * 1.35)}" '
            f'font-size="{round(font_size * 1.35)}" font-weight="bold" fill="{TEXT_COLOUR}">'
            f"{escape(title)}</text>"
        )
    for x, y, s in legend_items:
        parts.append(
            f'<g class="chart-legend-item"><rect x="{_px(x)}" y="{_px(y + (line - swatch) / 2)}" '
            f'width="{swatch}" height="{swatch}" rx="2" fill="{s.colour}"/>'
            f'<text x="{_px(x + swatch + 6)}" y="{_px(y + line / 2 + font_size * 0.35)}" '
            f'fill="{TEXT_COLOUR}">{escape(s.label)}</text></g>'
        )

    if not rows:
        parts.append(
            f'<text class="chart-empty" x="{width / 2:.0f}" y="{_px(plot_top + bar_height + font_size * 0.35)}" '
            f'text-anchor="middle" fill="{MUTED_COLOUR}">'
            f"{escape(empty_text)}</text>"
        )
        parts.append("</svg>")
        return "".join(parts)

    if label_width is None:
        longest = max(text_width(label, font_size) for label, _ in rows)
        label_width = int(min(longest + 12, width * 0.38))
    totals = [sum(values) for _, values in rows]
    total_w = text_width(_fmt(max(totals)), font_size) + 10 if show_totals else 0
    plot_x = pad + label_width
    plot_width = max(10.0, width - plot_x - pad - total_w)
    segments = _segments(rows, plot_width)  # rows and series are checked already

    for r, (label, _values) in enumerate(rows):
        y = plot_top + r * (bar_height + gap)
        mid = y + bar_height / 2
        parts.append('<g class="chart-row">')
        parts.append(f"<title>{escape(label)}: {escape(_fmt(totals[r]))}</title>")
        parts.append(
            f'<text class="chart-row-label" x="{_px(plot_x - 8)}" y="{_px(mid + font_size * 0.35)}" text-anchor="end" '
            f'fill="{TEXT_COLOUR}">'
            f"{escape(_clip(label, label_width - 8, font_size))}</text>"
        )
        # A thin baseline so that a row of zeros still reads as a row.
        parts.append(
            f'<rect class="chart-track" x="{_px(plot_x)}" y="{_px(y)}" width="{_px(plot_width)}" '
            f'height="{bar_height}" fill="#f1f3f5"/>'
        )
        for seg in (s for s in segments if s.row == r):
            colour = series[seg.series].colour
            parts.append(
                f'<rect class="chart-segment" x="{_px(plot_x + seg.x)}" y="{_px(y)}" '
                f'width="{_px(seg.width)}" height="{bar_height}" fill="{colour}">'
                f"<title>{escape(label)} — {escape(series[seg.series].label)}: "
                f"{escape(_fmt(seg.value))}</title></rect>"
            )
            text = _fmt(seg.value)
            if text_width(text, font_size) + 6 <= seg.width and font_size + 2 <= bar_height:
                parts.append(
                    f'<text class="chart-value" x="{_px(plot_x + seg.x + seg.width / 2)}" y="{_px(mid + font_size * 0.35)}" '
                    f'text-anchor="middle" fill="{_ink_on(colour)}">'
                    f"{escape(text)}</text>"
                )
        if show_totals:
            end = plot_x + sum(s.width for s in segments if s.row == r)
            parts.append(
                f'<text class="chart-total" x="{_px(end + 5)}" y="{_px(mid + font_size * 0.35)}" '
                f'font-weight="bold" fill="{TEXT_COLOUR}">'
                f"{escape(_fmt(totals[r]))}</text>"
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
