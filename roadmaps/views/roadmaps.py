"""Roadmap pages: the table, the district's list, the journal and a measure's history;
creating a roadmap (from scratch or as next year's copy), its title and period, archive."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.access import Action, can, get_for_user
from core.forms import add_service_errors
from core.versioning import StaleVersion, version_conflict
from schools import access
from schools.models import Organization

from ..access import can_view_orders
from ..forms.editing import CopyForwardForm, RoadmapForm
from ..models import Measure, Roadmap
from ..selectors import history as history_selectors
from ..selectors import table as table_selectors
from ..selectors.home import district_roadmaps
from ..services import roadmaps as roadmap_services
from ..year_shift import shift_date_years, shift_years_in_text
from .table import edit_roadmap, table_links


def import_url(district) -> str:
    return reverse("roadmap_import", args=[district.slug])


@login_required
def roadmap_detail(request, district_slug: str, pk: int):
    roadmap = get_for_user(Roadmap, request.user, pk, district__slug=district_slug)
    filters = table_selectors.parse_filters(request.GET, roadmap)
    organizations = table_selectors.district_organizations(roadmap)
    blocks = table_selectors.roadmap_table(roadmap, filters, for_page=True,
                                           organizations=organizations)
    active = [o for o in organizations if o.is_active]
    shown = sum(len(b.measures) for b in blocks)
    return render(request, "roadmaps/roadmap_detail.html", {
        "district": roadmap.district,
        "roadmap": roadmap,
        "blocks": blocks,
        "filters": filters,
        "shown": shown,
        "bodies": [o for o in active if o.kind != Organization.Kind.SCHOOL],
        "schools": [o for o in active if o.kind == Organization.Kind.SCHOOL],
        "can_edit": can(request.user, Action.EDIT, roadmap),
        "can_view_orders": can_view_orders(request.user, roadmap.district_id),
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
    can_edit = can(request.user, Action.EDIT, district)
    return render(request, "roadmaps/roadmap_list.html", {
        "district": district, "groups": groups, "can_edit": can_edit,
        "import_url": import_url(district) if can_edit else None,
    })


@login_required
def roadmap_history(request, district_slug: str, pk: int):
    """The journal, a page at a time (`?after=<cursor>`): «Показать ещё» appends the next
    page in place with htmx, and is an ordinary link to it without JavaScript."""
    roadmap = get_for_user(Roadmap, request.user, pk, district__slug=district_slug)
    after = history_selectors.Cursor.parse(request.GET.get("after"))
    page = history_selectors.roadmap_history(
        roadmap, after=after, with_orders=can_view_orders(request.user, roadmap.district_id))
    context = {
        "district": roadmap.district, "roadmap": roadmap,
        "records": history_selectors.describe_records(page.records, roadmap),
        "can_edit": can(request.user, Action.EDIT, roadmap),
        "show_target": True,
        "next_page": page.next.token if page.next else "",
        "continued": after is not None,
    }
    if request.htmx and after is not None:
        return render(request, "roadmaps/roadmap_history_rows.html", context)
    return render(request, "roadmaps/roadmap_history.html", context)


@login_required
def measure_history(request, district_slug: str, pk: int):
    measure = get_for_user(Measure, request.user, pk, district__slug=district_slug)
    roadmap = measure.roadmap
    records = history_selectors.measure_history(measure)
    return render(request, "roadmaps/measure_history.html", {
        "district": roadmap.district, "roadmap": roadmap, "measure": measure,
        "records": history_selectors.describe_records(records, roadmap),
        "can_edit": can(request.user, Action.EDIT, roadmap),
    })


@login_required
def roadmap_new(request, district_slug: str):
    district = access.get_district_for_user(request.user, district_slug, Action.EDIT)
    form = RoadmapForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            roadmap = roadmap_services.roadmap_create(district=district, acting_user=request.user,
                                              **form.service_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Дорожная карта создана. Добавьте разделы и мероприятия.")
            return redirect("roadmap_detail", district.slug, roadmap.pk)
    return render(request, "roadmaps/roadmap_form.html", {
        "district": district, "form": form, "import_url": import_url(district),
        "title": "Новая дорожная карта",
    }, status=422 if request.method == "POST" else 200)


@login_required
def roadmap_settings(request, district_slug: str, pk: int):
    roadmap = edit_roadmap(request, district_slug, pk)
    initial = {"title": roadmap.title, "period_start": roadmap.period_start,
               "period_end": roadmap.period_end, "numbering": roadmap.numbering,
               "version": roadmap.version}
    form = RoadmapForm(request.POST or None, initial=initial, editing=True)
    conflict = None
    status = 422 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            roadmap_services.roadmap_update(roadmap=roadmap, acting_user=request.user,
                                            expected_version=form.cleaned_data["version"],
                                            **form.service_fields())
        except StaleVersion as stale:
            conflict, status = _settings_conflict(form, stale.current), 409
            # the person's values stay in the form; saving again means «mine over theirs»
            data = request.POST.copy()
            data["version"] = stale.current.version
            form = RoadmapForm(data, initial=initial, editing=True)
            form.is_valid()
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Изменения сохранены.")
            return redirect("roadmap_detail", roadmap.district.slug, roadmap.pk)
    return render(request, "roadmaps/roadmap_form.html", {
        "district": roadmap.district, "roadmap": roadmap, "form": form,
        "title": "Название и период", "conflict": conflict,
    }, status=status)


def _settings_conflict(form, current: Roadmap):
    mine, schemes = form.cleaned_data, dict(Roadmap.Numbering.choices)
    rows = [("Название", mine["title"], current.title),
            ("Начало периода", mine["period_start"], current.period_start),
            ("Конец периода", mine["period_end"], current.period_end),
            ("Нумерация мероприятий", schemes.get(mine["numbering"] or current.numbering),
             schemes.get(current.numbering))]
    return version_conflict(title="Название и период уже изменены", current=current, rows=rows)


@login_required
def roadmap_copy(request, district_slug: str, pk: int):
    source = edit_roadmap(request, district_slug, pk)
    form = CopyForwardForm(request.POST or None, initial={
        "title": shift_years_in_text(source.title)})
    if request.method == "POST" and form.is_valid():
        try:
            roadmap = roadmap_services.roadmap_copy_forward(
                source=source, acting_user=request.user, title=form.cleaned_data["title"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Копия создана: сроки сдвинуты на год, все мероприятия "
                                      "отмечены для проверки.")
            return redirect("roadmap_detail", roadmap.district.slug, roadmap.pk)
    return render(request, "roadmaps/roadmap_copy.html", {
        "district": source.district, "roadmap": source, "form": form,
        "period_start": shift_date_years(source.period_start),
        "period_end": shift_date_years(source.period_end),
        "measure_count": source.measures.count(),
    }, status=422 if request.method == "POST" else 200)


@login_required
@require_POST
def roadmap_archive(request, district_slug: str, pk: int):
    roadmap = edit_roadmap(request, district_slug, pk)
    archived = request.POST.get("archived", "1") == "1"
    roadmap_services.roadmap_archive(roadmap=roadmap, acting_user=request.user, archived=archived)
    messages.success(request, "Дорожная карта перенесена в архив." if archived
                     else "Дорожная карта возвращена из архива.")
    return redirect("roadmap_detail", roadmap.district.slug, roadmap.pk)
