"""Setting up school programmes: creating them for a flagged-school list in one action,
a school's risk profile for a year (its sections follow), filling a programme from an
earlier one."""
from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from core.access import Action, get_for_user
from core.forms import add_service_errors
from core.versioning import StaleVersion, version_conflict
from schools.access import can_edit_risk_profile
from schools.models import Organization, RiskProfileFactor, SchoolList

from ..forms.programmes import ProgrammesNewForm, RiskProfileForm, TemplateSourceForm
from ..selectors.programme_setup import profile_year, risk_profile_page
from ..services import programmes as programme_services
from ..services.programmes import EDITABLE
from .table import edit_roadmap

PREVIEW = "roadmaps/programme_new_preview.html"


# --- programmes for a list ------------------------------------------------------------------

def _default_period(school_list: SchoolList) -> dict:
    return {"period_start": date(school_list.year, 1, 1),
            "period_end": date(school_list.year, 12, 31)}


@login_required
def programmes_new(request, district_slug: str, pk: int):
    """The coordinator's «Создать программы школ» for a list: how to call them, the period,
    the numbering, and a preview of which schools get one (htmx refreshes it)."""
    school_list = get_for_user(SchoolList, request.user, pk, Action.MANAGE,
                               district__slug=district_slug)
    initial = {**_default_period(school_list), "title_kind": programme_services.TITLE_KINDS[1],
               "numbering": "hierarchical"}
    if request.method == "POST":
        form = ProgrammesNewForm(request.POST)
    else:
        form = ProgrammesNewForm(request.GET or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            result = programme_services.programmes_create_for_list(
                school_list=school_list, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            created = len(result.created)
            if created:
                messages.success(request, f"Создано программ: {created}. "
                                 + "; ".join(r.title for r in result.created) + ".")
            else:
                messages.info(request, "Новых программ нет: у каждой школы перечня программа на "
                                       "этот период уже есть.")
            return redirect("list_detail", school_list.district.slug, school_list.pk)
        status = 422
    elif request.method == "POST":
        status = 422
    period = _form_period(form) or _default_period(school_list)
    plan = programme_services.programmes_plan(school_list=school_list, **period)
    kind = form["title_kind"].value()
    if kind not in programme_services.TITLE_KINDS:
        kind = programme_services.TITLE_KINDS[1]
    for row in plan:
        row.title = programme_services.programme_title(kind, row.school, period["period_start"],
                                                       period["period_end"])
    ctx = {"district": school_list.district, "school_list": school_list, "form": form,
           "plan": plan, "period": period, "creates": sum(1 for r in plan if r.creates)}
    if request.htmx and request.method == "GET":
        # the preview is where the person looks while typing: the period's error shows there
        ctx["preview_errors"] = [e for field in ("period_start", "period_end")
                                 for e in form.errors.get(field, [])]
        return render(request, PREVIEW, ctx)
    return render(request, "roadmaps/programme_new.html", ctx, status=status)


def _form_period(form) -> dict | None:
    if not form.is_bound or not form.is_valid():
        return None
    start, end = form.cleaned_data["period_start"], form.cleaned_data["period_end"]
    try:
        programme_services.period_check(start, end)
    except ValidationError as exc:
        if form.is_bound and not form.errors:
            add_service_errors(form, exc)
        return None
    return {"period_start": start, "period_end": end}


# --- the risk profile ---------------------------------------------------------------------

def _school(request, district_slug: str, pk: int) -> Organization:
    school = get_for_user(Organization, request.user, pk, district__slug=district_slug)
    if school.kind != Organization.Kind.SCHOOL:
        raise Http404("Не найдено")
    return school


@login_required
def risk_profile_current(request, district_slug: str, pk: int):
    """The school's page links here: the profile of this year (or of its latest programme)."""
    school = _school(request, district_slug, pk)
    today = timezone.now().astimezone(school.district.region.zone).date()
    return redirect("risk_profile", school.district.slug, school.pk, profile_year(school, today))


@login_required
def risk_profile(request, district_slug: str, pk: int, year: int):
    """A school's risk factors for a year, each with a note; the director or the district's
    coordinator chooses them, the others read. Saving adds the sections of newly chosen
    factors to the school's editable programmes of that year."""
    school = _school(request, district_slug, pk)
    if not 2000 <= year <= 2100:
        raise Http404("Не найдено")
    may_edit = can_edit_risk_profile(request.user, school)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied("Недостаточно прав")
    page = risk_profile_page(school, year, request.user)
    initial = {"version": page.profile.version if page.profile else None}
    for f in page.factors:
        if f.pk in page.notes:
            initial[f"factor_{f.pk}"], initial[f"note_{f.pk}"] = True, page.notes[f.pk]
    form = RiskProfileForm(request.POST if request.method == "POST" else None,
                           factors=page.factors, initial=initial)
    conflict, status = None, 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                result = programme_services.programme_risk_profile_save(
                    organization=school, year=year, chosen=form.chosen(),
                    expected_version=form.cleaned_data["version"], acting_user=request.user)
            except StaleVersion as stale:
                conflict, status = _profile_conflict(form, stale.current, page), 409
                data = request.POST.copy()
                data["version"] = stale.current.version  # saving again: mine over theirs
                form = RiskProfileForm(data, factors=page.factors)
                form.is_valid()
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                _report_saved(request, result.synced)
                return redirect("risk_profile", school.district.slug, school.pk, year)
    return render(request, "roadmaps/risk_profile.html", {
        "district": school.district, "school": school, "year": year, "page": page,
        "form": form, "may_edit": may_edit, "conflict": conflict,
        "chosen": [(f, page.notes[f.pk]) for f in page.factors if f.pk in page.notes],
    }, status=status)


def _report_saved(request, synced) -> None:
    messages.success(request, "Рисковый профиль сохранён.")
    if synced.added:
        titles = {}
        for s in synced.added:
            titles.setdefault(s.roadmap.title, []).append(f"{s.number} {s.title}".strip())
        for title, sections in titles.items():
            messages.success(request, f"В программу «{title}» добавлены разделы: "
                             + "; ".join(sections) + ".")
    for s in synced.stale:
        messages.warning(request, f"Раздел {s.number} «{s.title}» программы «{s.roadmap.title}» "
                                  "больше не соответствует профилю: удалите его или оставьте, "
                                  "если он нужен.")


def _profile_conflict(form, current, page):
    saved = dict(RiskProfileFactor.objects.filter(profile=current).values_list("factor_id", "note"))
    mine = form.chosen() if hasattr(form, "cleaned_data") else {}
    rows = [(f.title, mine.get(f.pk, "не выбран"), saved.get(f.pk, "не выбран"))
            for f in page.factors]
    return version_conflict(title="Рисковый профиль уже изменён", current=current, rows=rows)


# --- filling from a template ------------------------------------------------------------

@login_required
def programme_template(request, district_slug: str, pk: int):
    """«Заполнить из шаблона»: the measures of an earlier programme, into this one."""
    roadmap = edit_roadmap(request, district_slug, pk)
    if roadmap.school_id is None:
        raise Http404("Не найдено")
    sources = programme_services.template_sources(roadmap=roadmap, user=request.user)
    form = TemplateSourceForm(request.POST or None, sources=sources)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            source = form.cleaned_data["source"]
            try:
                filled = programme_services.programme_fill_from_template(
                    roadmap=roadmap, source=source, user=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                text = (f"Из программы «{source.title}» скопировано мероприятий: "
                        f"{filled.measures}.")
                if filled.sections_added:
                    text += f" Добавлено разделов: {len(filled.sections_added)}."
                if filled.years:
                    text += " Годы в сроках сдвинуты на новый период: проверьте сроки."
                messages.success(request, text)
                return redirect("roadmap_detail", roadmap.district.slug, roadmap.pk)
    editable = roadmap.status in EDITABLE
    if not editable and not form.errors:
        status = 200
    return render(request, "roadmaps/programme_template.html", {
        "district": roadmap.district, "roadmap": roadmap, "form": form,
        "sources": list(sources), "editable": editable,
    }, status=status)
