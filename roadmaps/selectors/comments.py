"""Reads of the comments on school programmes: the threads of a programme page and the
open-comment counts that the programme and the reviewers' queues show.

A comment is counted as open while its thread is open: the root of a thread (a comment
without a parent) that has not been resolved. Replies are part of their thread and are
not counted on their own. Callers pass roadmaps already fetched or scoped through
`core.access` (the ids come from a scoped queryset, never from the request).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch

from core.access import grants_for
from schools.access import district_role
from schools.models import Role

from ..models import Comment, Measure, Roadmap
from ..numbering import number_key


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


def programme_threads(roadmap: Roadmap, *, measure: Measure | None = None) -> list[Comment]:
    """Every root comment of a programme (or of one of its measures) with its replies
    (oldest first), authors and measures selected: two queries whatever their number."""
    replies = Prefetch(
        "replies",
        queryset=Comment.objects.filter(district_id=roadmap.district_id, roadmap_id=roadmap.pk)
        .select_related("author").order_by("created_at", "id"),
    )
    roots = Comment.objects.filter(district_id=roadmap.district_id, roadmap_id=roadmap.pk,
                                   parent__isnull=True)
    if measure is not None:
        roots = roots.filter(measure_id=measure.pk)
    return list(
        roots
        .select_related("author", "resolved_by", "measure", "measure__section")
        .prefetch_related(replies)
        .order_by("created_at", "id")
    )


# --- who is who on a programme -----------------------------------------------------------------

ROLE_LABELS = {
    Role.REGIONAL: "член РРГ",
    Role.COORDINATOR: "муниципальный координатор",
    Role.HEAD: "руководитель управления образования",
    Role.CURATOR: "куратор",
    Role.DIRECTOR: "директор школы",
}


def role_for_programme(user, roadmap: Roadmap) -> str | None:
    """The role the user holds for this programme: director of its school, or their role
    in its district (coordinator, head, curator), or member of its region's working group."""
    g = grants_for(user)
    if roadmap.school_id in g.directed_schools:
        return Role.DIRECTOR
    return district_role(user, roadmap.district_id)


def may_resolve(user, roadmap: Roadmap, root: Comment) -> bool:
    """The author of the thread's first comment, the district's coordinator and the region's
    working group may resolve a thread («Снять замечание»)."""
    g = grants_for(user)
    return (g.superuser or (root.author_id is not None and root.author_id == user.pk)
            or roadmap.district_id in g.coordinator_districts
            or roadmap.district_id in g.regional_districts)


# --- the programme's comment block ---------------------------------------------------------------

@dataclass
class Group:
    """The threads of the programme as a whole (measure None) or of one measure."""
    measure: Measure | None
    threads: list[Comment]


@dataclass
class CommentBlock:
    roadmap: Roadmap
    groups: list[Group]
    open_count: int
    role: str | None
    role_label: str
    is_director: bool


def comment_block(user, roadmap: Roadmap, *, measure: Measure | None = None) -> CommentBlock:
    """What the programme's comment block shows to this user: the threads grouped (the
    programme's first, then each measure's in the order of their numbers), each root
    marked `can_resolve`, the open count. With `measure`: that measure's threads only.
    A fixed number of queries (three) whatever the number of comments."""
    threads = programme_threads(roadmap, measure=measure)
    role = role_for_programme(user, roadmap)
    groups: dict[int | None, Group] = {}
    for t in threads:
        t.can_resolve = t.is_open and may_resolve(user, roadmap, t)
        t.role_label = ROLE_LABELS.get(t.author_role, t.get_author_role_display())
        for r in t.replies.all():
            r.role_label = ROLE_LABELS.get(r.author_role, r.get_author_role_display())
        groups.setdefault(t.measure_id, Group(t.measure, [])).threads.append(t)
    ordered = sorted(groups.values(), key=lambda g: (g.measure is not None,
                                                     number_key(g.measure.number) if g.measure else (),
                                                     g.measure.pk if g.measure else 0))
    return CommentBlock(
        roadmap=roadmap, groups=ordered, open_count=sum(t.is_open for t in threads),
        role=role, role_label=ROLE_LABELS.get(role, ""), is_director=role == Role.DIRECTOR,
    )
