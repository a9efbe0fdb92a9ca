"""The coordinator's lists: organisations, flagged-school lists with their entries (htmx
rows), mentor pairs and curators. Reading is for the district's readers; every change
needs `Action.MANAGE` (the district's coordinator)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core.access import Action, can, get_for_user
from core.forms import add_service_errors
from core.versioning import StaleVersion, version_conflict

from .. import access
from ..forms.lists import (
    EntryForm,
    MentorPairForm,
    OrganizationForm,
    SchoolListForm,
    SourceDocumentForm,
)
from ..models import Membership, MentorPair, Organization, Role, SchoolList, SchoolListEntry
from ..selectors import lists as list_selectors
from ..selectors.lists import (
    district_curators,
    district_lists_by_year,
    district_organizations,
    district_schools,
    mentor_years,
    school_list_entries,
)
from ..services.memberships import curator_assign_schools
from ..services.mentor_pairs import mentor_pair_add, mentor_pair_remove
from ..services.organizations import ORGANIZATION_FIELDS, organization_create, organization_update
from ..services.school_lists import (
    school_list_create,
    school_list_entry_add,
    school_list_entry_remove,
    school_list_entry_update,
    school_list_update,
)

MANAGE = Action.MANAGE


# --- organisations -------------------------------------------------------------------------

@login_required
def organization_list(request, district_slug: str):
    district = access.get_district_for_user(request.user, district_slug, MANAGE)
    return render(request, "schools/organization_list.html", {
        "district": district,
        "organizations": district_organizations(district, request.user),
    })


@login_required
def organization_form(request, district_slug: str, pk: int | None = None):
    district = access.get_district_for_user(request.user, district_slug, MANAGE)
    org = (get_for_user(Organization, request.user, pk, MANAGE, district=district)
           if pk else None)
    initial = ({**{f: getattr(org, f) for f in ORGANIZATION_FIELDS}, "version": org.version}
               if org else None)
    form = OrganizationForm(request.POST or None, initial=initial, district=district,
                            organization=org)
    conflict = None
    status = 422 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            if org:
                organization_update(organization=org, acting_user=request.user,
                                    expected_version=form.cleaned_data["version"],
                                    **form.service_fields())
            else:
                org = organization_create(district=district, acting_user=request.user,
                                          **form.service_fields())
        except StaleVersion as stale:
            conflict, status = _organization_conflict(form, stale.current), 409
            # the person's values stay in the form; saving again means «mine over theirs»
            data = request.POST.copy()
            data["version"] = stale.current.version
            form = OrganizationForm(data, initial=initial, district=district, organization=org)
            form.is_valid()
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Сохранено: {org.short_name}.")
            return redirect("organization_list", district.slug)
    return render(request, "schools/organization_form.html", {
        "district": district, "organization": org, "form": form, "conflict": conflict,
    }, status=status)


def _organization_conflict(form, current: Organization):
    mine, kinds = form.cleaned_data, dict(Organization.Kind.choices)
    rows = [("Вид", kinds.get(mine["kind"]), kinds.get(current.kind)),
            *((form.fields[name].label, mine[name], getattr(current, name))
              for name in ("short_name", "full_name", "abbreviations", "director_name",
                           "fis_oko_login", "email", "is_active"))]
    return version_conflict(title="Организация уже изменена", current=current, rows=rows)


# --- flagged-school lists --------------------------------------------------------------------

@login_required
def list_index(request, district_slug: str):
    district = access.get_district_for_user(request.user, district_slug)
    return render(request, "schools/list_index.html", {
        "district": district,
        "years": district_lists_by_year(district, request.user),
        "can_manage": can(request.user, MANAGE, district),
    })


@login_required
def list_new(request, district_slug: str):
    district = access.get_district_for_user(request.user, district_slug, MANAGE)
    form = SchoolListForm(request.POST or None, district=district,
                          initial={"year": request.GET.get("year")})
    if request.method == "POST" and form.is_valid():
        try:
            school_list = school_list_create(district=district, acting_user=request.user,
                                                      **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("list_detail", district.slug, school_list.pk)
    return render(request, "schools/list_form.html", {"district": district, "form": form},
                  status=422 if request.method == "POST" else 200)


def _list_context(request, school_list: SchoolList, **extra) -> dict:
    entries = school_list_entries(school_list, request.user)
    listed = {e.organization_id for e in entries}
    return {"district": school_list.district, "school_list": school_list, "entries": entries,
            "can_manage": can(request.user, MANAGE, school_list),
            "free_schools": [s for s in district_schools(school_list.district)
                             if s.pk not in listed], **extra}


@login_required
def list_detail(request, district_slug: str, pk: int):
    school_list = get_for_user(SchoolList, request.user, pk, district__slug=district_slug)
    ctx = _list_context(request, school_list)
    if ctx["can_manage"]:
        ctx["source_form"] = SourceDocumentForm(initial={
            "source_document": school_list.source_document})
        ctx["entry_form"] = EntryForm(schools=ctx["free_schools"])
    return render(request, "schools/list_detail.html", ctx)


@login_required
@require_POST
def list_edit(request, district_slug: str, pk: int):
    school_list = get_for_user(SchoolList, request.user, pk, MANAGE,
                                                  district__slug=district_slug)
    form = SourceDocumentForm(request.POST)
    if form.is_valid():
        school_list_update(school_list=school_list, acting_user=request.user,
                                    source_document=form.cleaned_data["source_document"])
        messages.success(request, "Документ-основание сохранён.")
    return redirect("list_detail", school_list.district.slug, school_list.pk)


@login_required
@require_POST
def entry_new(request, district_slug: str, pk: int):
    school_list = get_for_user(SchoolList, request.user, pk, MANAGE,
                                                  district__slug=district_slug)
    ctx = _list_context(request, school_list)
    form = EntryForm(request.POST, schools=ctx["free_schools"])
    if form.is_valid():
        try:
            school_list_entry_add(school_list=school_list, acting_user=request.user,
                                           **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            ctx = _list_context(request, school_list)
            form = EntryForm(schools=ctx["free_schools"])
            if not request.htmx:
                return redirect("list_detail", school_list.district.slug, school_list.pk)
            return render(request, "schools/list_detail_entries.html",
                          {**ctx, "entry_form": form})
    status = 422
    template = "schools/list_detail_entries.html" if request.htmx else "schools/list_detail.html"
    return render(request, template, {**ctx, "entry_form": form}, status=status)


def _entry(request, district_slug, pk, action=Action.VIEW):
    return get_for_user(SchoolListEntry, request.user, pk, action, district__slug=district_slug)


@login_required
@require_GET
def entry_row(request, district_slug: str, pk: int):
    entry = _entry(request, district_slug, pk)
    return render(request, "schools/list_detail_row.html", {
        "entry": entry, "district": entry.district,
        "can_manage": can(request.user, MANAGE, entry)})


@login_required
def entry_edit(request, district_slug: str, pk: int):
    entry = _entry(request, district_slug, pk, MANAGE)
    initial = {"reason": entry.reason, "included_on": entry.included_on,
               "excluded_on": entry.excluded_on}
    form = EntryForm(request.POST or None, initial=initial, editing=True, form_id=f"ef-{entry.pk}")
    if request.method == "POST" and form.is_valid():
        try:
            school_list_entry_update(entry=entry, acting_user=request.user,
                                              **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if not request.htmx:
                return redirect("list_detail", entry.district.slug, entry.school_list_id)
            return render(request, "schools/list_detail_row.html",
                          {"entry": entry, "district": entry.district, "can_manage": True})
    if not request.htmx and request.method != "POST":
        return redirect("list_detail", entry.district.slug, entry.school_list_id)
    return render(request, "schools/list_detail_row_form.html",
                  {"entry": entry, "district": entry.district, "form": form},
                  status=422 if request.method == "POST" else 200)


@login_required
@require_POST
def entry_remove(request, district_slug: str, pk: int):
    entry = _entry(request, district_slug, pk, MANAGE)
    school_list = entry.school_list
    name = entry.organization.short_name
    school_list_entry_remove(entry=entry, acting_user=request.user)
    if not request.htmx:
        messages.success(request, f"{name} исключена из перечня.")
        return redirect("list_detail", school_list.district.slug, school_list.pk)
    ctx = _list_context(request, school_list)
    return render(request, "schools/list_detail_entries.html",
                  {**ctx, "entry_form": EntryForm(schools=ctx["free_schools"])})


# --- mentor pairs and curators -----------------------------------------------------------------

def _year(value, default: int) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    return year if 2000 <= year <= 2100 else default


@login_required
def mentor_pairs(request, district_slug: str):
    district = access.get_district_for_user(request.user, district_slug, MANAGE)
    years = mentor_years(district)
    this_year = timezone.now().astimezone(district.region.zone).year
    year = _year(request.GET.get("year") or request.POST.get("year"),
                 years[0] if years else this_year)
    pairs = list_selectors.mentor_pairs(district, year)
    schools = district_schools(district)
    form = MentorPairForm(request.POST or None, schools=schools)
    if request.method == "POST":
        remove = request.POST.get("remove", "")
        if remove:
            pair = MentorPair.objects.filter(district=district, year=year,
                                             pk=int(remove) if remove.isdigit() else 0).first()
            if pair is not None:
                mentor_pair_remove(pair=pair, acting_user=request.user)
            return redirect(f"{request.path}?year={year}")
        if form.is_valid():
            mentor_pair_add(district=district, year=year, acting_user=request.user,
                                     mentor=form.cleaned_data["mentor"],
                                     mentee=form.cleaned_data["mentee"])
            return redirect(f"{request.path}?year={year}")
    return render(request, "schools/mentor_pairs.html", {
        "district": district, "year": year, "years": sorted(set(years) | {year}, reverse=True),
        "pairs": pairs, "form": form,
    }, status=422 if request.method == "POST" else 200)


@login_required
def curators(request, district_slug: str):
    district = access.get_district_for_user(request.user, district_slug, MANAGE)
    schools = district_schools(district)
    if request.method == "POST":
        curator_id = request.POST.get("curator", "")
        membership = Membership.objects.filter(
            district=district, role=Role.CURATOR,
            user_id=int(curator_id) if curator_id.isdigit() else 0,
        ).first()
        if membership is None:
            raise Http404("Не найдено")
        chosen = {str(v) for v in request.POST.getlist("schools")}
        curator_assign_schools(curator=membership.user, district=district,
                                     schools=[s for s in schools if str(s.pk) in chosen],
                                     acting_user=request.user)
        messages.success(request, f"Школы куратора {membership.user.display_name} сохранены.")
        return redirect("curators", district.slug)
    return render(request, "schools/curators.html", {
        "district": district, "curators": district_curators(district),
        "schools": schools,
    })
