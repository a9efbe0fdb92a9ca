"""The summary report as PDF: our template laid out by WeasyPrint with the order's fetcher
(only our own static files) and the order's fonts (Times New Roman / Liberation Serif)."""
from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from roadmaps.documents.pdf import html_to_pdf

from .data import SummaryDocument

TEMPLATE = "monitoring/documents/summary.html"


def summary_html(doc: SummaryDocument) -> str:
    # the chart is core.charts' SVG: every text in it is escaped there
    return render_to_string(TEMPLATE, {"doc": doc, "chart": mark_safe(doc.chart_svg)})


def render_summary_pdf(doc: SummaryDocument) -> bytes:
    return html_to_pdf(summary_html(doc))
