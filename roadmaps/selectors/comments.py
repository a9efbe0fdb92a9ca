"""Reads of the comments on school programmes: the threads of a programme page and the
open-comment counts that the programme and the reviewers' queues show.

A comment is counted as open while its thread is open: the root of a thread (a comment
without a parent) that has not been resolved. Replies are part of their thread and are
not counted on their own. Callers pass roadmaps already fetched or scoped through
`core.access` (the ids come from a scoped queryset, never from the request).
"""
from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Prefetch

from ..models import Comment, Roadmap


def open_comments():
    """The open threads: roots not resolved."""
    return Comment.objects.filter(parent__isnull=True, resolved_at__isnull=True)


def open_comment_counts(roadmap_ids: Iterable[int]) -> dict[int, int]:
    """Open threads per roadmap, in one query for any number of roadmaps; a roadmap
    without open comments is absent (read with `.get(id, 0)`)."""
    ids = list(roadmap_ids)
    if not ids:
        return {}
    rows = (open_comments().filter(roadmap_id__in=ids).order_by()
            .values_list("roadmap_id").annotate(n=Count("id")))
    return dict(rows)


def open_comment_counts_by_measure(roadmap: Roadmap) -> dict[int, int]:
    """Open threads per measure of one programme (programme-level threads are left out)."""
    rows = (open_comments().filter(district_id=roadmap.district_id, roadmap_id=roadmap.pk,
                                   measure__isnull=False).order_by()
            .values_list("measure_id").annotate(n=Count("id")))
    return dict(rows)


def programme_threads(roadmap: Roadmap) -> list[Comment]:
    """Every root comment of a programme with its replies (oldest first), authors and
    measures selected: three queries whatever the number of comments."""
    replies = Prefetch(
        "replies",
        queryset=Comment.objects.filter(district_id=roadmap.district_id, roadmap_id=roadmap.pk)
        .select_related("author").order_by("created_at", "id"),
    )
    return list(
        Comment.objects.filter(district_id=roadmap.district_id, roadmap_id=roadmap.pk,
                               parent__isnull=True)
        .select_related("author", "resolved_by", "measure", "measure__section")
        .prefetch_related(replies)
        .order_by("created_at", "id")
    )
