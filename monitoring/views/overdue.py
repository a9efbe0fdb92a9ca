"""Overdue lists: the district's (its office and curators) and a school's (also its
director), with filters, keyset pages («Дальше →») and the filtered list as XLSX."""
from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from core.access import get_for_user
from schools import access
from schools.models import Organization

from ..documents.overdue_xlsx import render_overdue_xlsx
from ..selectors import overdue as selectors
from .progress import report_url


def _filters(request, school: Organization | None) -> selectors.OverdueFilters:
    """The filters of the address; a school's list is always that school's."""
    filters = selectors.parse_filters(request.GET)
    return filters if school is None else replace(filters, school=school.pk)


def _page(request, district, *, school=None, export_url: str, base_url: str):
    filters = _filters(request, school)
    after = selectors.parse_key(request.GET.get("after"))
    page = selectors.overdue_page(district=district, user=request.user, filters=filters,
                                  after=after)
    for item in page.items:
        item.url = report_url(district.slug, item.due_id, item.school_id)
    query = filters.query()
    if school is not None:
        query.pop("school", None)
    schools = selectors.visible_schools(request.user, district)
    return render(request, "monitoring/overdue.html", {
        "district": district,
        "school": school,
        "page": page,
        "filters": filters,
        "lateness": [(k, v[0]) for k, v in selectors.LATENESS.items()],
        "choices": selectors.filter_choices(district=district, user=request.user,
                                            schools=schools if school is None
                                            else frozenset({school.pk})),
        "next_url": (f"{base_url}?{urlencode({**query, 'after': page.next_key})}"
                     if page.next_key else None),
        "first_url": f"{base_url}?{urlencode(query)}" if after else None,
        "export_url": f"{export_url}?{urlencode(query)}",
    })


@login_required
def overdue_list(request, district_slug: str):
    district = access.get_district_for_user(request.user, district_slug)
    return _page(request, district,
                 export_url=reverse("overdue_export", args=[district.slug]),
                 base_url=reverse("overdue_list", args=[district.slug]))


def _school(request, district_slug: str, pk: int) -> Organization:
    return get_for_user(Organization, request.user, pk, district__slug=district_slug,
                        kind=Organization.Kind.SCHOOL)


@login_required
def school_overdue(request, district_slug: str, pk: int):
    school = _school(request, district_slug, pk)
    return _page(request, school.district, school=school,
                 export_url=reverse("school_overdue_export", args=[district_slug, school.pk]),
                 base_url=reverse("school_overdue", args=[district_slug, school.pk]))


def _xlsx(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument"
                                                  ".spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _export(request, district, *, school=None) -> HttpResponse:
    filters = _filters(request, school)
    today = selectors.local_today(district)
    items = selectors.overdue_all(district=district, user=request.user, filters=filters,
                                  today=today)
    title = f"Просроченные сроки мероприятий: {school.short_name if school else district.name}"
    subtitle = f"На {today:%d.%m.%Y}{' (с отбором)' if filters.is_set else ''}"
    content = render_overdue_xlsx(items, title=title, subtitle=subtitle)
    name = f"overdue-{district.slug}{f'-{school.pk}' if school else ''}-{today:%Y-%m-%d}.xlsx"
    return _xlsx(name, content)


@login_required
def overdue_export(request, district_slug: str):
    district = access.get_district_for_user(request.user, district_slug)
    return _export(request, district)


@login_required
def school_overdue_export(request, district_slug: str, pk: int):
    school = _school(request, district_slug, pk)
    return _export(request, school.district, school=school)
