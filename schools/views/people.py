"""People and accounts: a district's people and invitations (its coordinator invites
directors and curators), a region's working group (its lead invites members), and the
top bar's «Место работы» switcher."""
from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from core.access import Action, can, get_for_user, grants_for
from core.forms import add_service_errors

from .. import access
from ..forms.people import DistrictInviteForm, RegionInviteForm
from ..models import Invitation
from ..selectors.people import (
    district_people,
    district_schools_for_people,
    is_region_lead,
    region_people,
)
from ..selectors.workplaces import SESSION_KEY, current_workplace, workplaces
from ..services import invitations as service


def _sent_message(request, sent: service.Sent) -> None:
    person = sent.invitation.user
    if not sent.delivered:
        messages.warning(request, f"Роль выдана, приглашение сохранено, но письмо на {person.email} "
                                  "не отправлено: почтовый сервер недоступен. Отправьте его снова "
                                  "из списка приглашений.")
    elif sent.new_account:
        messages.success(request, f"Приглашение отправлено на {person.email}: ссылка для входа "
                                  "действует 7 дней.")
    else:
        messages.success(request, f"{person.display_name} уже работает в системе: роль добавлена, "
                                  f"письмо об этом отправлено на {person.email}.")


# --- a district ----------------------------------------------------------------------------

def _district_for_people(request, district_slug: str):
    district = access.get_district_for_user(request.user, district_slug)
    g = grants_for(request.user)
    if not (g.superuser or district.id in g.full_districts):
        raise PermissionDenied("Недостаточно прав")  # a curator of the district
    return district


@login_required
def district_people_page(request, district_slug: str):
    district = _district_for_people(request, district_slug)
    may_invite = can(request.user, Action.MANAGE, district)
    schools = district_schools_for_people(district)
    form = DistrictInviteForm(district=district, schools=schools)
    status = 200
    if request.method == "POST":
        if not may_invite:
            raise PermissionDenied("Приглашать может только координатор муниципалитета.")
        form = DistrictInviteForm(request.POST, district=district, schools=schools)
        if form.is_valid():
            data = form.cleaned_data
            try:
                sent = service.invitation_create_for_district(
                    district=district, role=data["role"], school=data.get("school"),
                    schools=list(data.get("schools") or []), acting_user=request.user,
                    **form.person())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                _sent_message(request, sent)
                return redirect("district_people", district.slug)
        status = 400
    return render(request, "schools/people.html", {
        "district": district, "people": district_people(district, schools),
        "form": form if may_invite else None, "schools": schools,
    }, status=status)


def _district_invitation(request, district_slug: str, pk: int) -> Invitation:
    district = access.get_district_for_user(request.user, district_slug)
    if not can(request.user, Action.MANAGE, district):
        raise PermissionDenied("Недостаточно прав")
    return get_for_user(Invitation, request.user, pk, Action.VIEW, district=district)


@login_required
@require_POST
def district_invitation_resend(request, district_slug: str, pk: int):
    invitation = _district_invitation(request, district_slug, pk)
    _resend(request, invitation)
    return redirect("district_people", district_slug)


@login_required
@require_POST
def district_invitation_cancel(request, district_slug: str, pk: int):
    invitation = _district_invitation(request, district_slug, pk)
    _cancel(request, invitation)
    return redirect("district_people", district_slug)


def _resend(request, invitation: Invitation) -> None:
    try:
        delivered = service.invitation_resend(invitation=invitation, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return
    if delivered:
        messages.success(request, f"Приглашение отправлено снова на {invitation.email}.")
    else:
        messages.warning(request, f"Письмо на {invitation.email} не отправлено: почтовый сервер "
                                  "недоступен. Попробуйте позже.")


def _cancel(request, invitation: Invitation) -> None:
    try:
        service.invitation_cancel(invitation=invitation, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return
    messages.success(request, f"Приглашение для {invitation.email} отменено, роль снята, "
                              "ссылка из письма больше не действует.")


# --- a region ------------------------------------------------------------------------------

def _region_for_members(request, region_slug: str):
    region = access.get_region_for_user(request.user, region_slug)  # 404 to outsiders
    return region, is_region_lead(request.user, region)


@login_required
def region_members_page(request, region_slug: str):
    region, lead = _region_for_members(request, region_slug)
    form = RegionInviteForm()
    status = 200
    if request.method == "POST":
        if not lead:
            raise PermissionDenied("Приглашать может только руководитель рабочей группы.")
        form = RegionInviteForm(request.POST)
        if form.is_valid():
            try:
                sent = service.invitation_create_for_region(region=region, acting_user=request.user,
                                                            **form.person())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                _sent_message(request, sent)
                return redirect("region_members", region.slug)
        status = 400
    return render(request, "schools/people_region.html", {
        "region": region, "people": region_people(region), "form": form if lead else None,
    }, status=status)


def _region_invitation(request, region_slug: str, pk: int) -> Invitation:
    region, lead = _region_for_members(request, region_slug)
    if not lead:
        raise PermissionDenied("Недостаточно прав")
    invitation = Invitation.objects.filter(region=region, pk=pk).select_related("user").first()
    if invitation is None:
        raise Http404("Не найдено")
    return invitation


@login_required
@require_POST
def region_invitation_resend(request, region_slug: str, pk: int):
    _resend(request, _region_invitation(request, region_slug, pk))
    return redirect("region_members", region_slug)


@login_required
@require_POST
def region_invitation_cancel(request, region_slug: str, pk: int):
    _cancel(request, _region_invitation(request, region_slug, pk))
    return redirect("region_members", region_slug)


# --- the workplace switcher ----------------------------------------------------------------

@login_required
@require_GET
def workplace_switch(request):
    """The top bar's switcher, loaded by htmx after the page (the page itself pays no
    query for it); empty for a person with one place of work."""
    places = workplaces(request.user)
    if len(places) < 2:
        return render(request, "schools/workplace_switch_menu.html", {"places": []})
    # the page under the top bar (only compared): htmx names it in HX-Current-URL, so the
    # page itself need not print its own address (a 404 looks the same for any address)
    here = urlsplit(request.headers.get("HX-Current-URL", "")).path
    current = current_workplace(places, chosen=request.session.get(SESSION_KEY), path=here)
    return render(request, "schools/workplace_switch_menu.html", {
        "places": places, "current": current})


@login_required
@require_POST
def workplace_choose(request):
    """Work in another place: remembered in the session, and its page opens."""
    places = {p.key: p for p in workplaces(request.user)}
    place = places.get(request.POST.get("place", ""))
    if place is None:
        raise Http404("Не найдено")
    request.session[SESSION_KEY] = place.key
    return redirect(place.url)

