"""Roadmap views, one module per area: pages (reading), editing, imports, orders."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.gzip import gzip_page

from schools import access
from schools.models import Organization
from schools.selectors import district_roadmaps

from .. import selectors, selectors_history
from ..models import Roadmap
from .table import table_links


def import_url(district) -> str:
    return reverse("roadmap_import", args=[district.slug])


@gzip_page  # 300 measures are ~0.5 MB of HTML; a district link is slow
@login_required
def roadmap_detail(request, district_slug: str, pk: int):
    roadmap = access.get_roadmap_for_user(request.user, pk, district__slug=district_slug)
    filters = selectors.parse_filters(request.GET, roadmap)
    blocks = selectors.roadmap_table(roadmap, filters, for_page=True)
    organizations = selectors.district_responsibles(roadmap)
    shown = sum(len(b.measures) for b in blocks)
    return render(request, "roadmaps/roadmap_detail.html", {
        "district": roadmap.district,
        "roadmap": roadmap,
        "blocks": blocks,
        "filters": filters,
        "shown": shown,
        "bodies": [o for o in organizations if o.kind != Organization.Kind.SCHOOL],
        "schools": [o for o in organizations if o.kind == Organization.Kind.SCHOOL],
        "can_edit": access.can(request.user, access.Action.EDIT, roadmap),
        "can_view_orders": access.can_view_orders(request.user, roadmap.district_id),
        "links": table_links(roadmap),
    })


@login_required
def roadmap_list(request, district_slug: str):
    district = access.get_district_for_user(request.user, district_slug)
    roadmaps = list(district_roadmaps(district, request.user))
    groups = [
        ("Черновики и на рассмотрении", [r for r in roadmaps if r.school_id is None and r.status
                                         not in (Roadmap.Status.APPROVED, Roadmap.Status.ARCHIVED)]),
        ("Утверждённые приказом", [r for r in roadmaps if r.school_id is None
                                   and r.status == Roadmap.Status.APPROVED]),
        ("В архиве", [r for r in roadmaps if r.school_id is None
                      and r.status == Roadmap.Status.ARCHIVED]),
        ("Дорожные карты школ", [r for r in roadmaps if r.school_id is not None]),
    ]
    can_edit = access.can(request.user, access.Action.EDIT, district)
    return render(request, "roadmaps/roadmap_list.html", {
        "district": district, "groups": groups, "can_edit": can_edit,
        "import_url": import_url(district) if can_edit else None,
    })


@login_required
def roadmap_history(request, district_slug: str, pk: int):
    roadmap = access.get_roadmap_for_user(request.user, pk, district__slug=district_slug)
    records = selectors_history.roadmap_history(
        roadmap, with_orders=access.can_view_orders(request.user, roadmap.district_id))
    return render(request, "roadmaps/roadmap_history.html", {
        "district": roadmap.district, "roadmap": roadmap,
        "records": selectors_history.describe_records(records, roadmap),
        "can_edit": access.can(request.user, access.Action.EDIT, roadmap),
    })


@login_required
def measure_history(request, district_slug: str, pk: int):
    measure = access.get_measure_for_user(request.user, pk, district__slug=district_slug)
    roadmap = measure.roadmap
    records = selectors_history.measure_history(measure)
    return render(request, "roadmaps/measure_history.html", {
        "district": roadmap.district, "roadmap": roadmap, "measure": measure,
        "records": selectors_history.describe_records(records, roadmap),
        "can_edit": access.can(request.user, access.Action.EDIT, roadmap),
    })
