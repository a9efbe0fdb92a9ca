"""The comment block of a school programme's page (`{% programme_comments %}` in
templates/roadmaps/programme_comments.html) and the measure rows' comment button with
its open count (`comment_button`, used by roadmap_rows.py), so the shared page view and
the row renderer need no comment code of their own."""
from __future__ import annotations

from html import escape

from django import template
from django.urls import reverse

from ..forms.comments import CommentForm
from ..selectors.comments import comment_block, open_comment_counts_by_measure

register = template.Library()


@register.inclusion_tag("roadmaps/comment_block.html", takes_context=True)
def programme_comments(context):
    roadmap = context["roadmap"]
    return {"district": roadmap.district, "roadmap": roadmap, "request": context.get("request"),
            "block": comment_block(context["request"].user, roadmap), "form": CommentForm()}


def row_comments(context) -> tuple[str, dict[int, int]] | None:
    """(the measures' comment address prefix, open counts by measure) for the rows of a
    school programme's table; None for a municipal roadmap. One query per page: the counts
    are kept on the roadmap object the page renders."""
    roadmap = context.get("roadmap")
    if roadmap is None or not getattr(roadmap, "school_id", None):
        return None
    cached = getattr(roadmap, "_row_comments", None)
    if cached is None:
        prefix = reverse("programme_comments", args=[roadmap.district.slug, roadmap.pk])
        cached = (escape(prefix + "measures/"), open_comment_counts_by_measure(roadmap))
        roadmap._row_comments = cached
    return cached


def comment_button(measure, comments: tuple[str, dict[int, int]] | None) -> str:
    """The row's «comments» button (under the number) with its open count."""
    if comments is None:
        return ""
    prefix, counts = comments
    pk = str(measure.pk)
    n = counts.get(measure.pk, 0)
    label = f"Комментарии к мероприятию {escape(measure.number)}"  # the count is beside it
    return (f'<div><button type="button" class="comment-link" hx-get="{prefix}{pk}/" '
            f'hx-target="closest tr" hx-swap="afterend" data-comments-for="{pk}" '
            f'title="{label}" aria-label="{label}"><span class="comment-count" id="mcc-{pk}">'
            f'{n or ""}</span></button></div>')
