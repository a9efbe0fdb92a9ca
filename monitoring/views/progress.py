"""Progress pages: a school's (or the office's) due dates with their reports, the report
form with its evidence, the review, and evidence downloads (never /media/)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.access import Action, get_for_user, grants_for, scope
from core.forms import add_service_errors
from core.versioning import StaleVersion, version_conflict
from roadmaps.models import DueDate
from schools.models import District, Organization

from ..access import REPORT, REVIEW, may_report, may_review
from ..forms.progress import ReportForm, ReviewForm
from ..models import Evidence, ProgressReport
from ..selectors.progress import (
    DueItem,
    office_due_groups,
    report_evidence,
    report_for,
    school_due_groups,
    today_in_district,
)
from ..services.evidence import evidence_delete as evidence_delete_service
from ..services.progress import ACCEPT, Upload, report_submit, report_target_check
from ..services.progress import report_review as report_review_service


def _district(request, slug: str) -> District:
    """The district of the address, for anyone who holds a role in it (directors too)."""
    try:
        return scope(District.objects.select_related("region"), request.user).get(slug=slug)
    except District.DoesNotExist:
        raise Http404("Не найдено") from None


def report_url(district_slug: str, due_date_id: int, school_id: int | None) -> str:
    kwargs = {"district_slug": district_slug, "due_date_id": due_date_id}
    if school_id is not None:
        kwargs["school_id"] = school_id
    return reverse("report_edit", kwargs=kwargs)


@login_required
def my_measures(request, district_slug: str):
    """A director: its school's due dates. The office (coordinator, head): the office's
    own due dates and the schools to open. A curator: its schools."""
    district = _district(request, district_slug)
    g = grants_for(request.user)
    schools = list(scope(Organization.objects.filter(district=district,
                                                     kind=Organization.Kind.SCHOOL), request.user)
                   .order_by("short_name"))
    directed = [s for s in schools if s.id in g.directed_schools]
    today = today_in_district(district)
    office = g.superuser or district.id in (g.full_districts | g.curator_districts)
    if directed and not office:
        school = directed[0]
        return _school_page(request, district, school, today, others=directed[1:])
    return render(request, "monitoring/progress_my.html", {
        "district": district, "today": today, "schools": schools,
        "office_groups": office_due_groups(district, today=today)
        if district.id in g.full_districts or g.superuser else None,
        "may_report_office": may_report(g, district.id, None),
    })


@login_required
def school_measures(request, district_slug: str, school_id: int):
    district = _district(request, district_slug)
    school = get_for_user(Organization, request.user, school_id, district=district,
                          kind=Organization.Kind.SCHOOL)
    return _school_page(request, district, school, today_in_district(district))


def _school_page(request, district, school, today, others=()):
    g = grants_for(request.user)
    return render(request, "monitoring/progress_school.html", {
        "district": district, "school": school, "today": today, "others": others,
        "groups": school_due_groups(school, today=today),
        "may_report": may_report(g, district.id, school.id),
    })


def _report_context(request, district_slug: str, due_date_id: int, school_id: int | None):
    district = _district(request, district_slug)
    due = get_for_user(DueDate, request.user, due_date_id, district=district)
    due = (DueDate.objects.select_related("measure__roadmap", "measure__section")
           .get(pk=due.pk))
    school = None
    if school_id is not None:
        school = get_for_user(Organization, request.user, school_id, district=district,
                              kind=Organization.Kind.SCHOOL)
    try:
        report_target_check(due_date=due, school=school)
    except ValidationError:
        raise Http404("Этот срок не относится к этой школе") from None
    g = grants_for(request.user)
    if school is None and district.id not in g.full_districts and not g.superuser:
        raise Http404("Не найдено")  # the office's reports are the office's
    report = report_for(due, school)
    reporter = may_report(g, district.id, school_id)
    if reporter and report is not None and report.review == ProgressReport.Review.ACCEPTED:
        # an accepted report is the district's record: its coordinator may still change it
        reporter = g.superuser or district.id in g.coordinator_districts
    return {
        "district": district, "due": due, "measure": due.measure, "roadmap": due.measure.roadmap,
        "school": school, "report": report, "evidence": report_evidence(report),
        "item": DueItem(due_date=due, school_id=school_id, report=report,
                        today=today_in_district(district)),
        "may_report": reporter,
        "may_review": may_review(g, district.id, school_id),
        "back_url": (reverse("school_measures", args=[district.slug, school.id]) if school
                     and district.id in (g.full_districts | g.curator_districts)
                     else reverse("my_measures", args=[district.slug])),
    }


def _report_form(report: ProgressReport | None, data=None, files=None) -> ReportForm:
    initial = {}
    if report is not None:
        initial = {"version": report.version, "status": report.status, "reason": report.reason,
                   "comment": report.comment}
    return ReportForm(data, files, initial=initial)


def _review_form(report: ProgressReport | None, data=None) -> ReviewForm:
    # ids of its own: the report form on the same page has a «comment» too
    return ReviewForm(data, auto_id="review_%s",
                      initial={"version": report.version if report else None, "decision": ACCEPT})


def _render_report(request, ctx, *, form=None, review_form=None, conflict=None, status=200):
    ctx.update(form=form or _report_form(ctx["report"]),
               review_form=review_form or _review_form(ctx["report"]), conflict=conflict)
    return render(request, "monitoring/report_edit.html", ctx, status=status)


def _conflict(exc: StaleVersion, form_data: dict, title: str):
    current = exc.current
    labels = {"status": "Статус", "reason": "Причина", "comment": "Комментарий",
              "review": "Проверка", "review_comment": "Замечание"}
    status_names = dict(ProgressReport.Status.choices) | dict(ProgressReport.Review.choices)
    rows = []
    for key, label in labels.items():
        if key not in form_data:
            continue
        mine, saved = form_data.get(key, ""), getattr(current, key)
        rows.append((label, status_names.get(mine, mine), status_names.get(saved, saved)))
    return version_conflict(title=title, current=current, rows=rows)


@login_required
def report_edit(request, district_slug: str, due_date_id: int, school_id: int | None = None):
    ctx = _report_context(request, district_slug, due_date_id, school_id)
    if request.method != "POST":
        return _render_report(request, ctx)
    if not ctx["may_report"]:
        raise PermissionDenied("Отчитывается директор школы или координатор")
    form = _report_form(ctx["report"], request.POST, request.FILES)
    if not form.is_valid():
        return _render_report(request, ctx, form=form, status=400)
    d = form.cleaned_data
    upload = d.get("file")
    files = [Upload(name=upload.name, data=upload.read())] if upload else []
    try:
        report_submit(due_date=ctx["due"], school=ctx["school"], acting_user=request.user,
                      status=d["status"], reason=d["reason"], comment=d["comment"],
                      expected_version=d.get("version"), files=files, links=d["links"])
    except StaleVersion as exc:
        conflict = _conflict(exc, {k: d.get(k, "") for k in ("status", "reason", "comment")},
                             "Отчёт уже изменён")
        ctx["report"] = exc.current
        return _render_report(request, ctx, form=_report_form(exc.current), conflict=conflict,
                              status=409)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _render_report(request, ctx, form=form, status=400)
    messages.success(request, "Отчёт сохранён и передан на проверку.")
    return redirect(report_url(district_slug, due_date_id, school_id))


@login_required
@require_POST
def report_review(request, district_slug: str, pk: int):
    district = _district(request, district_slug)
    report = get_for_user(ProgressReport, request.user, pk, REVIEW, district=district)
    ctx = _report_context(request, district_slug, report.due_date_id, report.school_id)
    form = _review_form(report, request.POST)
    if not form.is_valid():
        return _render_report(request, ctx, review_form=form, status=400)
    d = form.cleaned_data
    try:
        report_review_service(report=report, acting_user=request.user, decision=d["decision"],
                              comment=d["comment"], expected_version=d["version"])
    except StaleVersion as exc:
        conflict = _conflict(exc, {"review": "accepted" if d["decision"] == ACCEPT else "returned",
                                   "review_comment": d["comment"]}, "Отчёт уже изменён")
        ctx["report"] = exc.current
        return _render_report(request, ctx, conflict=conflict, status=409)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _render_report(request, ctx, review_form=form, status=400)
    messages.success(request, "Отчёт принят." if d["decision"] == ACCEPT
                     else "Отчёт возвращён на доработку с замечанием.")
    return redirect(report_url(district_slug, report.due_date_id, report.school_id))


@login_required
def evidence_download(request, district_slug: str, pk: int):
    district = _district(request, district_slug)
    evidence = get_for_user(Evidence, request.user, pk, Action.VIEW, district=district)
    if evidence.kind != Evidence.Kind.FILE or not evidence.file.name \
            or not evidence.file.storage.exists(evidence.file.name):
        raise Http404("Файла нет")
    response = FileResponse(evidence.file.open("rb"), as_attachment=True,
                            filename=evidence.name, content_type=evidence.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def evidence_delete(request, district_slug: str, pk: int):
    district = _district(request, district_slug)
    evidence = get_for_user(Evidence, request.user, pk, REPORT, district=district)
    report = evidence.report
    try:
        evidence_delete_service(evidence=evidence, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Подтверждение удалено.")
    return redirect(report_url(district_slug, report.due_date_id, report.school_id))
