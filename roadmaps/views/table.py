"""Shared pieces of the roadmap editor views: the scoped fetches and the table fragments
that an edit sends back (the affected sections' <tbody> elements, swapped out of band)."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from core.access import Action, can, get_for_user

from ..models import Measure, Roadmap, Section
from ..selectors import table as selectors


def edit_roadmap(request, district_slug: str, pk: int):
    return get_for_user(Roadmap, request.user, pk, Action.EDIT,
                                       district__slug=district_slug)


def edit_measure(request, district_slug: str, pk: int):
    return get_for_user(Measure, request.user, pk, Action.EDIT,
                                       district__slug=district_slug)


def edit_section(request, district_slug: str, pk: int):
    return get_for_user(Section, request.user, pk, Action.EDIT,
                                       district__slug=district_slug)


def page_filters(request, roadmap) -> selectors.TableFilters:
    """The filters of the page the request came from (htmx sends its address)."""
    params = request.GET
    current = getattr(getattr(request, "htmx", None), "current_url", None)
    if current and request.htmx:
        params = {k: v[-1] for k, v in parse_qs(urlsplit(current).query).items()}
    return selectors.parse_filters(params, roadmap)


def table_links(roadmap) -> dict:
    """Address prefixes for the table's rows, reversed once per page instead of a few times
    per row (300 rows × 6 `{% url %}` tags were a third of the page's render time).
    Each is checked against the URLconf: `/<slug>/measures/<pk>/…`, `/<slug>/sections/<pk>/…`."""
    slug = roadmap.district.slug
    return {
        "measures": reverse("measure_row", args=[slug, 0]).removesuffix("0/"),
        "sections": reverse("section_row", args=[slug, 0]).removesuffix("0/"),
        "measure_new": reverse("measure_new", args=[slug, roadmap.pk]),
    }


def table_context(request, roadmap, filters=None) -> dict:
    filters = filters or page_filters(request, roadmap)
    return {"district": roadmap.district, "roadmap": roadmap, "filters": filters,
            "can_edit": can(request.user, Action.EDIT, roadmap),
            "links": table_links(roadmap)}


def render_fragment(request, template, ctx, status=200):
    """A fragment for htmx; the same fragment inside a page otherwise."""
    if not request.htmx:
        ctx = {**ctx, "fragment": template}
        template = "roadmaps/roadmap_detail_fragment_page.html"
    return render(request, template, ctx, status=status)


def render_blocks(request, roadmap, section_ids=None, notice: dict | None = None, *,
                  whole_table: bool = False, close_section_form: bool = False) -> HttpResponse:
    """The tbodies of the sections whose numbers may have changed, swapped out of band,
    and a notice for the bar above the table."""
    ctx = table_context(request, roadmap)
    blocks = selectors.roadmap_table(roadmap, ctx["filters"], for_page=True)
    if whole_table:
        html = render_to_string("roadmaps/roadmap_detail_table.html",
                                {**ctx, "blocks": blocks, "oob": True}, request=request)
    else:
        chosen = selectors.blocks_of_families(blocks, section_ids or [None])
        html = "".join(render_to_string("roadmaps/roadmap_detail_section.html",
                                        {**ctx, "block": b, "oob": True}, request=request)
                       for b in chosen)
    html += render_to_string("roadmaps/roadmap_detail_notice.html",
                             {**ctx, "notice": notice or {}, "oob": True}, request=request)
    if close_section_form:
        html += '<div id="section-new-slot" hx-swap-oob="true"></div>'
    response = HttpResponse(html)
    response["HX-Reswap"] = "none"  # everything above is swapped out of band
    return response  # gzipped, as every page is, by core/compression.py


def back_to_roadmap(roadmap, anchor: str = ""):
    response = redirect("roadmap_detail", roadmap.district.slug, roadmap.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response
