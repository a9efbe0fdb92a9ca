"""The region's risk-factor catalogue (`/region/<slug>/risk-factors/`): the working group
renames (inline, htmx), adds, retires and brings back, and reorders the risk directions.
Any member of the region's group may change it (a superuser too); everybody else gets 404,
as for the region's other pages."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from core.forms import add_service_errors

from .. import access
from ..forms.risk import RiskFactorForm
from ..models import Region, RiskFactor
from ..selectors.risk_factors import region_risk_factor_row, region_risk_factors
from ..services.risk_factors import (
    StaleTitle,
    risk_factor_create,
    risk_factor_move,
    risk_factor_rename,
    risk_factor_set_active,
)


def _factor(region: Region, pk: int) -> RiskFactor:
    factor = RiskFactor.objects.filter(region=region, pk=pk).select_related("region").first()
    if factor is None:
        raise Http404("Не найдено")
    return factor


def _list_context(region: Region, form: RiskFactorForm | None = None) -> dict:
    return {"region": region, "factors": list(region_risk_factors(region)),
            "form": form or RiskFactorForm()}


def _list(request, region: Region, form: RiskFactorForm | None = None, status: int = 200):
    if not request.htmx:
        return redirect("risk_factors", region.slug)
    return render(request, "schools/risk_factors_list.html", _list_context(region, form),
                  status=status)


@login_required
@require_GET
def risk_factors(request, region_slug: str):
    region = access.get_region_for_user(request.user, region_slug)
    return render(request, "schools/risk_factors.html", _list_context(region))


@login_required
@require_POST
def risk_factor_new(request, region_slug: str):
    region = access.get_region_for_user(request.user, region_slug)
    form = RiskFactorForm(request.POST)
    if form.is_valid():
        try:
            factor = risk_factor_create(region=region, title=form.cleaned_data["title"],
                                        acting_user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if not request.htmx:
                messages.success(request, f"Добавлено: {factor.title}.")
            return _list(request, region)
    if not request.htmx:
        return render(request, "schools/risk_factors.html", _list_context(region, form),
                      status=422)
    return _list(request, region, form, status=422)


def _row_context(region: Region, pk: int) -> dict:
    """One row as the list draws it: its number, and whether it can move up or down."""
    row = region_risk_factor_row(region, pk)
    if row is None:
        raise Http404("Не найдено")
    factor, n, total = row
    return {"region": region, "factor": factor, "n": n, "first": n == 1, "last": n == total}


@login_required
@require_GET
def risk_factor_row(request, region_slug: str, pk: int):
    """The row as it is saved (the rename form's «Отмена»)."""
    region = access.get_region_for_user(request.user, region_slug)
    return render(request, "schools/risk_factors_row.html", _row_context(region, pk))


@login_required
def risk_factor_edit(request, region_slug: str, pk: int):
    """The inline rename form (GET) and the rename (POST): the list comes back, or the
    form with its Russian error in the row (422)."""
    region = access.get_region_for_user(request.user, region_slug)
    factor = _factor(region, pk)
    if request.method != "POST":
        form = RiskFactorForm(initial={"title": factor.title, "expected_title": factor.title})
        return render(request, "schools/risk_factors_row_form.html",
                      {"region": region, "factor": factor, "form": form})
    form = RiskFactorForm(request.POST)
    if form.is_valid():
        try:
            risk_factor_rename(factor=factor, title=form.cleaned_data["title"],
                               expected_title=form.cleaned_data["expected_title"] or None,
                               acting_user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
            if isinstance(exc, StaleTitle):
                # saving again means «mine over theirs»: against the title saved now
                form.data = form.data.copy()
                form.data["expected_title"] = exc.current.title
        else:
            if not request.htmx:
                return redirect("risk_factors", region.slug)
            return render(request, "schools/risk_factors_row.html", _row_context(region, pk))
    if not request.htmx:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("risk_factors", region.slug)
    return render(request, "schools/risk_factors_row_form.html",
                  {"region": region, "factor": factor, "form": form}, status=422)


@login_required
@require_POST
def risk_factor_toggle(request, region_slug: str, pk: int):
    region = access.get_region_for_user(request.user, region_slug)
    factor = _factor(region, pk)
    active = request.POST.get("is_active") == "1"
    risk_factor_set_active(factor=factor, is_active=active, acting_user=request.user)
    if not request.htmx:
        messages.success(request, ("Снова используется: " if active else "Не используется: ")
                         + factor.title)
    return _list(request, region)


@login_required
@require_POST
def risk_factor_move_view(request, region_slug: str, pk: int):
    region = access.get_region_for_user(request.user, region_slug)
    factor = _factor(region, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404("Не найдено")
    risk_factor_move(factor=factor, up=direction == "up", acting_user=request.user)
    return _list(request, region)
