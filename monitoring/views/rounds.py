"""Monitoring rounds: the district's list, opening and changing a round, its page (who has
reported), close and reopen, and its summary report (информационная справка): the editor
of its text sections and the PDF and DOCX."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from core.access import Action, can, get_for_user, grants_for
from core.forms import add_service_errors
from core.versioning import StaleVersion, version_conflict
from schools import access

from ..documents.build import summary_chart_svg, summary_document
from ..documents.docx import render_summary_docx
from ..documents.pdf import render_summary_pdf
from ..forms.rounds import RoundForm, SummaryForm
from ..models import MonitoringRound
from ..selectors import rounds as selectors
from ..selectors.overdue import local_today, visible_schools
from ..services import rounds as services
from .progress import _district, report_url


def _round(request, district_slug: str, pk: int, action: str = Action.VIEW) -> MonitoringRound:
    return get_for_user(MonitoringRound, request.user, pk, action, district__slug=district_slug)


def _office_round(request, district_slug: str, pk: int) -> MonitoringRound:
    """The справка is the office's paper: its coordinators, head and the regional group."""
    round_ = _round(request, district_slug, pk)
    g = grants_for(request.user)
    if not (g.superuser or round_.district_id in g.full_districts):
        raise PermissionDenied("Недостаточно прав")
    return round_


@login_required
def round_list(request, district_slug: str):
    district = _district(request, district_slug)
    rounds = list(selectors.district_rounds(district, request.user))
    return render(request, "monitoring/round_list.html", {
        "district": district,
        "rounds": rounds,
        "can_open": can(request.user, Action.EDIT, district),
    })


def _round_form_page(request, district, form, *, round_=None, conflict=None, status=200):
    return render(request, "monitoring/round_form.html", {
        "district": district, "form": form, "round": round_, "conflict": conflict,
        "title": "Изменить мониторинг" if round_ else "Новый мониторинг",
    }, status=status)


@login_required
def round_new(request, district_slug: str):
    district = access.get_district_for_user(request.user, district_slug, Action.EDIT)
    today = local_today(district)
    initial = {"schools": sorted(selectors.default_schools(district, today.year))}
    form = RoundForm(request.POST or None, district=district, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                round_ = services.round_open(district=district, acting_user=request.user,
                                             **form.service_fields())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Мониторинг открыт.")
                return redirect("round_detail", district.slug, round_.pk)
        return _round_form_page(request, district, form, status=422)
    return _round_form_page(request, district, form)


@login_required
def round_edit(request, district_slug: str, pk: int):
    round_ = _round(request, district_slug, pk, Action.EDIT)
    district = round_.district
    initial = {"title": round_.title, "starts_on": round_.starts_on, "ends_on": round_.ends_on,
               "reports_due_on": round_.reports_due_on, "version": round_.version,
               "schools": list(round_.schools.values_list("id", flat=True))}
    form = RoundForm(request.POST or None, district=district, initial=initial)
    if request.method != "POST":
        return _round_form_page(request, district, form, round_=round_)
    if form.is_valid():
        try:
            services.round_update(round_=round_, acting_user=request.user,
                                  expected_version=form.cleaned_data["version"],
                                  **form.service_fields())
        except StaleVersion as stale:
            current = stale.current
            mine = form.cleaned_data
            conflict = version_conflict(title="Мониторинг уже изменён", current=current, rows=[
                ("Название", mine["title"], current.title),
                ("Начало периода", mine["starts_on"], current.starts_on),
                ("Конец периода", mine["ends_on"], current.ends_on),
                ("Отчитаться до", mine.get("reports_due_on"), current.reports_due_on),
            ])
            data = request.POST.copy()
            data["version"] = current.version
            form = RoundForm(data, district=district, initial=initial)
            form.is_valid()
            return _round_form_page(request, district, form, round_=current,
                                    conflict=conflict, status=409)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Изменения сохранены.")
            return redirect("round_detail", district.slug, round_.pk)
    return _round_form_page(request, district, form, round_=round_, status=422)


@login_required
def round_detail(request, district_slug: str, pk: int):
    round_ = _round(request, district_slug, pk)
    district = round_.district
    today = local_today(district)
    only = visible_schools(request.user, district)
    figures = selectors.round_figures(round_, today=today, only=only)
    g = grants_for(request.user)
    is_office = g.superuser or district.id in g.full_districts
    school_filter = request.GET.get("school")
    items = figures.items
    if school_filter and school_filter.isdigit():
        items = [i for i in items if i.school_id == int(school_filter)]
    elif is_office or district.id in g.curator_districts:
        items = []  # the office opens one school's items from the table
    for item in items:
        item.url = report_url(district.slug, item.due_id, item.school_id)
    return render(request, "monitoring/round_detail.html", {
        "district": district,
        "round": round_,
        "figures": figures,
        "total": figures.total,
        "items": items,
        "today": today,
        "school_filter": int(school_filter) if school_filter and school_filter.isdigit() else None,
        "is_director": only is not None and district.id not in g.curator_districts,
        "is_office": is_office,
        "can_edit": can(request.user, Action.EDIT, round_),
        "chart": mark_safe(summary_chart_svg(figures)) if is_office else "",
    })


@require_POST
@login_required
def round_close(request, district_slug: str, pk: int):
    return _set_closed(request, district_slug, pk, closed=True)


@require_POST
@login_required
def round_reopen(request, district_slug: str, pk: int):
    return _set_closed(request, district_slug, pk, closed=False)


def _set_closed(request, district_slug, pk, *, closed: bool):
    round_ = _round(request, district_slug, pk, Action.EDIT)
    try:
        services.round_set_closed(round_=round_, acting_user=request.user, closed=closed)
    except ValidationError as exc:
        messages.warning(request, " ".join(exc.messages))
    else:
        messages.success(request, "Мониторинг завершён." if closed else "Мониторинг открыт снова.")
    return redirect("round_detail", round_.district.slug, round_.pk)


def _summary_doc(round_: MonitoringRound):
    today = local_today(round_.district)
    figures = selectors.round_figures(round_, today=today)
    return summary_document(round_, figures, today=today, chart_svg=summary_chart_svg(figures))


@login_required
def round_summary(request, district_slug: str, pk: int):
    """The справка's page: its figures and chart as printed, and the editor of its three
    text sections (the coordinator's)."""
    round_ = _office_round(request, district_slug, pk)
    can_edit = can(request.user, Action.EDIT, round_)
    initial = {"summary_done": round_.summary_done, "summary_problems": round_.summary_problems,
               "summary_decisions": round_.summary_decisions, "version": round_.version}
    form = SummaryForm(request.POST or None, initial=initial)
    conflict, status = None, 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Недостаточно прав")
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.round_summary_update(
                    round_=round_, acting_user=request.user, expected_version=data["version"],
                    summary_done=data["summary_done"], summary_problems=data["summary_problems"],
                    summary_decisions=data["summary_decisions"])
            except StaleVersion as stale:
                current = stale.current
                conflict = version_conflict(title="Справку уже изменили", current=current, rows=[
                    ("Что сделано", data["summary_done"], current.summary_done),
                    ("Проблемы", data["summary_problems"], current.summary_problems),
                    ("Решения", data["summary_decisions"], current.summary_decisions),
                ])
                post = request.POST.copy()
                post["version"] = current.version
                form = SummaryForm(post, initial=initial)
                form.is_valid()
                status = 409
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Разделы справки сохранены.")
                return redirect("round_summary", round_.district.slug, round_.pk)
    doc = _summary_doc(round_)
    return render(request, "monitoring/round_summary.html", {
        "district": round_.district, "round": round_, "doc": doc, "form": form,
        "chart": mark_safe(doc.chart_svg), "conflict": conflict, "can_edit": can_edit,
    }, status=status)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def round_summary_pdf(request, district_slug: str, pk: int):
    round_ = _office_round(request, district_slug, pk)
    doc = _summary_doc(round_)
    return _download(render_summary_pdf(doc), "application/pdf",
                     f"spravka-{round_.district.slug}-{round_.pk}.pdf")


@login_required
def round_summary_docx(request, district_slug: str, pk: int):
    round_ = _office_round(request, district_slug, pk)
    doc = _summary_doc(round_)
    return _download(render_summary_docx(doc),
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     f"spravka-{round_.district.slug}-{round_.pk}.docx")
