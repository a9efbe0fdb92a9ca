"""Who sees what of the roadmaps app, registered with `core.access`.

- coordinator, head, regional member: every roadmap of their districts;
- curator: the district's municipal roadmaps and the roadmaps of the schools they follow;
- director: their school's roadmaps and the municipal roadmaps of its district (read only);
- orders are the district office's papers: not for directors of its schools;
- the audit trail: whole for a district's office, and for the others the records of the
  roadmaps they may see.
"""
from __future__ import annotations

from django.db.models import Q

from core.access import Action, Grants, grants_for, register
from core.models import AuditRecord

from .models import (
    Comment,
    DueDate,
    Measure,
    MeasureResponsible,
    Order,
    Roadmap,
    Section,
    Submission,
    Transition,
)

# a school programme's content is edited only in these statuses (services/workflow.py)
PROGRAMME_EDITABLE = frozenset({Roadmap.Status.DRAFT, Roadmap.Status.RETURNED})


def roadmap_filter(g: Grants) -> Q:
    municipal_readers = g.full_districts | g.curator_districts | g.director_districts
    return (
        Q(district_id__in=g.full_districts)
        | Q(school__isnull=True, district_id__in=municipal_readers)
        | Q(school_id__in=g.followed_schools | g.directed_schools)
    )


def visible_roadmaps(g: Grants):
    return Roadmap.objects.filter(roadmap_filter(g)).values("id")


def via_roadmap(g: Grants, path: str = "roadmap") -> Q:
    return Q(district_id__in=g.district_ids) & Q(**{f"{path}__in": visible_roadmaps(g)})


def roadmap_act(g: Grants, action: str, roadmap: Roadmap) -> bool:
    """A municipal roadmap is edited by its coordinator; a school's also by its director,
    and only while it is a draft or returned (services/workflow.py: under review, agreed or
    approved its content is locked; «Внести изменения» reopens an approved one)."""
    if action == Action.VIEW:
        return True
    if action == Action.EDIT and roadmap.school_id is not None:
        return roadmap.status in PROGRAMME_EDITABLE and (
            roadmap.district_id in g.coordinator_districts
            or roadmap.school_id in g.directed_schools)
    return roadmap.district_id in g.coordinator_districts


def act_as_on_roadmap(g: Grants, action: str, obj) -> bool:
    """Sections and measures: whoever may act on their roadmap."""
    return action == Action.VIEW or roadmap_act(g, action, obj.roadmap)


def order_readers(g: Grants) -> frozenset[int]:
    return g.full_districts | g.curator_districts


def can_view_orders(user, district_id: int) -> bool:
    g = grants_for(user)
    return g.superuser or district_id in order_readers(g)


register(Roadmap, see=roadmap_filter, act=roadmap_act,
         related=("district__region", "school", "approved_by"))
register(Section, see=via_roadmap, act=act_as_on_roadmap, related=("roadmap", "district"))
register(Measure, see=via_roadmap, act=act_as_on_roadmap,
         related=("roadmap", "district", "section"))
register(DueDate, see=lambda g: via_roadmap(g, "measure__roadmap"))
register(MeasureResponsible, see=lambda g: via_roadmap(g, "measure__roadmap"))
register(Order, see=lambda g: Q(district_id__in=order_readers(g)), related=("district", "roadmap"))
register(AuditRecord, see=lambda g: Q(district_id__in=g.full_districts) | (
    Q(district_id__in=g.district_ids) & Q(roadmap_id_ref__in=visible_roadmaps(g))))
# a school programme's cycle: whoever sees the programme sees its steps and comments
register(Submission, see=via_roadmap, related=("roadmap", "district"))
register(Transition, see=via_roadmap, related=("roadmap", "actor"))
register(Comment, see=via_roadmap, related=("roadmap", "measure", "author"))
