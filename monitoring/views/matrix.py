"""The progress matrix: schools × sections of the municipal roadmap in force, a cell's
reports, and one school's row across sections (and its own programme's sections)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from core.access import get_for_user, grants_for
from roadmaps.models import Roadmap
from schools.models import Organization

from ..access import may_report
from ..selectors.addressees import addressed_schools
from ..selectors.matrix import (
    NO_SECTION,
    cell_counts,
    column_title,
    municipal_roadmaps,
    school_programmes,
    section_measure_ids,
)
from ..selectors.matrix import progress_matrix as build_matrix
from ..selectors.progress import due_items, group_by_roadmap, today_in_district
from .progress import _district


def _chosen(roadmaps: list[Roadmap], value) -> Roadmap | None:
    if value:
        for r in roadmaps:
            if str(r.id) == str(value):
                return r
        raise Http404("Нет такой дорожной карты")
    return roadmaps[0] if roadmaps else None


@login_required
def progress_matrix(request, district_slug: str):
    district = _district(request, district_slug)
    g = grants_for(request.user)
    if not (g.superuser or district.id in g.full_districts | g.curator_districts):
        raise PermissionDenied("Матрица исполнения — для управления образования и кураторов")
    roadmaps = municipal_roadmaps(district, request.user)
    roadmap = _chosen(roadmaps, request.GET.get("roadmap"))
    today = today_in_district(district)
    matrix = build_matrix(district=district, roadmap=roadmap, user=request.user,
                             today=today) if roadmap else None
    return render(request, "monitoring/matrix.html", {
        "district": district, "roadmaps": roadmaps, "roadmap": roadmap, "matrix": matrix,
        "today": today, "curator_only": district.id not in g.full_districts and not g.superuser,
    })



@login_required
def matrix_cell(request, district_slug: str, school_id: int, section_id: int):
    """The reports of one cell: the school's due dates of one section."""
    district = _district(request, district_slug)
    school = get_for_user(Organization, request.user, school_id, district=district,
                          kind=Organization.Kind.SCHOOL)
    roadmap_id = request.GET.get("roadmap")
    roadmaps = municipal_roadmaps(district, request.user) + school_programmes(school, request.user)
    roadmap = _chosen(roadmaps, roadmap_id)
    if roadmap is None:
        raise Http404("Нет дорожной карты")
    if roadmap.school_id not in (None, school.id):
        raise Http404("Программа другой школы")
    title = column_title(roadmap, section_id)
    if not title:
        raise Http404("Нет такого раздела")
    ids = section_measure_ids(roadmap, section_id)
    concerned = addressed_schools(ids)
    ids = [m for m in ids if school.id in concerned.get(m, ())]
    today = today_in_district(district)
    items = due_items(district=district, measure_ids=ids, school_id=school.id, today=today)
    g = grants_for(request.user)
    return render(request, "monitoring/matrix_cell.html", {
        "district": district, "school": school, "roadmap": roadmap, "section_title": title,
        "groups": group_by_roadmap(items), "counts": cell_counts(items), "today": today,
        "may_report": may_report(g, district.id, school.id),
        "office": g.superuser or district.id in g.full_districts | g.curator_districts,
    })


@login_required
def school_progress(request, district_slug: str, school_id: int):
    """One school's row across the sections of each roadmap that concerns it."""
    district = _district(request, district_slug)
    school = get_for_user(Organization, request.user, school_id, district=district,
                          kind=Organization.Kind.SCHOOL)
    today = today_in_district(district)
    matrices = []
    for roadmap in municipal_roadmaps(district, request.user)[:1] + school_programmes(
            school, request.user):
        m = build_matrix(district=district, roadmap=roadmap, user=request.user, today=today,
                            school_ids={school.id})
        matrices.append(m)
    return render(request, "monitoring/matrix_school.html", {
        "district": district, "school": school, "matrices": matrices, "today": today,
        "no_section": NO_SECTION,
    })
