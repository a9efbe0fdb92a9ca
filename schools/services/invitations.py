"""Invitations: a role offered to a person by e-mail.

Inviting finds the person by e-mail (or creates them with an unusable password), grants
the role (`membership_grant`; a curator's schools through `curator_assign_schools`),
records the invitation and an audit record, and sends an e-mail: a new person gets a
one-time link to set a password (Django's password-reset token, PASSWORD_RESET_TIMEOUT =
7 days); a person who already signs in is told that a role was added.

The database work is one transaction; the e-mail goes after it. A message that could not
be sent leaves the invitation pending, to be sent again from the people page."""
from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core import audit
from core.audit import Action

from ..models import District, Invitation, Membership, Organization, Region, Role, User
from .memberships import curator_assign_schools, membership_grant, membership_revoke

log = logging.getLogger(__name__)

DISTRICT_INVITE_ROLES = (Role.DIRECTOR, Role.CURATOR)


@dataclass
class Sent:
    invitation: Invitation
    delivered: bool          # the SMTP server took the message
    new_account: bool        # the e-mail carries a link to set a password


# --- e-mail ------------------------------------------------------------------------------

def password_link(user: User) -> str:
    """The absolute one-time link to set a password (valid PASSWORD_RESET_TIMEOUT)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("password_set", args=[uid, token])


def send_templated_mail(*, template: str, to: str, context: dict) -> None:
    """templates/schools/email/<template>_subject.txt, .txt and .html: one message with a
    text part and an HTML alternative."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"schools/email/{template}_subject.txt", context).split())
    text = render_to_string(f"schools/email/{template}.txt", context)
    html = render_to_string(f"schools/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()


def _place_label(invitation: Invitation) -> str:
    if invitation.organization_id:
        return f"{invitation.organization.short_name} ({invitation.organization.district.name})"
    if invitation.district_id:
        return invitation.district.name
    return invitation.region.name if invitation.region_id else ""


def invitation_mail(invitation: Invitation) -> bool:
    """Send (again) the invitation's e-mail; False when the SMTP server refused or is
    unreachable (the invitation stays, to be sent again)."""
    user = invitation.user
    new_account = not user.has_usable_password()
    context = {
        "invitation": invitation, "person": user, "place": _place_label(invitation),
        "role": invitation.get_role_display(),
        "inviter": invitation.invited_by.display_name if invitation.invited_by_id else "",
        "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }
    if new_account:
        context["link"] = password_link(user)
        template = "invitation"
    else:
        context["link"] = settings.SITE_URL + reverse("login")
        template = "role_added"
    try:
        send_templated_mail(template=template, to=user.email, context=context)
    except (smtplib.SMTPException, OSError) as exc:  # refused, or nobody listening
        log.warning("invitation %s: e-mail to %s not sent: %s", invitation.pk, user.email, exc)
        return False
    return True


# --- writes ------------------------------------------------------------------------------

def _clean_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": "Введите правильный адрес электронной почты, "
                                        "например ivanova@school.ru."}) from None
    return email


def _holds(user: User, role: str, *, district=None, organization=None, region=None) -> bool:
    if user.pk is None:
        return False
    return Membership.objects.filter(user=user, role=role, district=district,
                                     organization=organization, region=region).exists()


@transaction.atomic
def _invite(*, email: str, role: str, district: District | None, organization: Organization | None,
            region: Region | None, schools: list[Organization], first_name: str,
            last_name: str, middle_name: str, acting_user: User) -> Invitation:
    email = _clean_email(email)
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and _holds(user, role, district=district, organization=organization,
                                   region=region):
        where = organization.short_name if organization else (district or region).name
        raise ValidationError({"email": f"У {user.display_name} уже есть роль «{Role(role).label}» "
                                        f"({where})."})
    if user is None:
        user = User(email=email, username=email, first_name=first_name.strip(),
                    last_name=last_name.strip(), middle_name=middle_name.strip())
        user.set_unusable_password()
        user.full_clean()
        user.save()
    membership_grant(user=user, role=role, district=district, organization=organization,
                     region=region, acting_user=acting_user)
    if role == Role.CURATOR and schools:
        curator_assign_schools(curator=user, district=district, schools=schools,
                               acting_user=acting_user)
    invitation = Invitation(email=email, role=role, district=district, organization=organization,
                            region=region, user=user, invited_by=acting_user)
    if user.has_usable_password():  # signs in already: the role is theirs at once
        invitation.accepted_at = timezone.now()
    invitation.full_clean()
    invitation.save()
    audit.record(district_id=invitation.district_id, actor=acting_user, action=Action.CREATE,
                 target=invitation, target_type="invitation",
                 after={"email": email, "role": role, "district_id": invitation.district_id,
                        "organization_id": invitation.organization_id,
                        "region_id": invitation.region_id,
                        "schools": sorted(s.id for s in schools)})
    return invitation


def invitation_create_for_district(*, district: District, email: str, role: str,
                                   school: Organization | None = None,
                                   schools: list[Organization] | None = None,
                                   first_name: str = "", last_name: str = "",
                                   middle_name: str = "", acting_user: User) -> Sent:
    """The district's coordinator invites a director (of one of its schools) or a curator
    (optionally with the schools they follow)."""
    schools = list(schools or [])
    if role not in DISTRICT_INVITE_ROLES:
        raise ValidationError({"role": "Муниципалитет приглашает директоров школ и кураторов."})
    organization = None
    if role == Role.DIRECTOR:
        if school is None:
            raise ValidationError({"school": "Выберите школу, директора которой приглашаете."})
        if school.district_id != district.id or school.kind != Organization.Kind.SCHOOL:
            raise ValidationError({"school": f"Эта школа не относится к муниципалитету "
                                             f"«{district.name}»."})
        organization, schools = school, []
    elif any(s.district_id != district.id for s in schools):
        raise ValidationError({"schools": f"Куратор может сопровождать только школы "
                                          f"муниципалитета «{district.name}»."})
    invitation = _invite(email=email, role=role,
                         district=district if role != Role.DIRECTOR else school.district,
                         organization=organization, region=None, schools=schools,
                         first_name=first_name, last_name=last_name, middle_name=middle_name,
                         acting_user=acting_user)
    return Sent(invitation, invitation_mail(invitation), not invitation.user.has_usable_password())


def invitation_create_for_region(*, region: Region, email: str, first_name: str = "",
                                 last_name: str = "", middle_name: str = "",
                                 acting_user: User) -> Sent:
    """The working group's lead invites a member of the region's working group."""
    invitation = _invite(email=email, role=Role.REGIONAL, district=None, organization=None,
                         region=region, schools=[], first_name=first_name, last_name=last_name,
                         middle_name=middle_name, acting_user=acting_user)
    return Sent(invitation, invitation_mail(invitation), not invitation.user.has_usable_password())


def invitation_resend(*, invitation: Invitation, acting_user: User) -> bool:
    """Send a pending invitation's e-mail again (a fresh link); refused once accepted."""
    if invitation.accepted_at is not None:
        raise ValidationError("Приглашение уже принято: письмо не нужно.")
    delivered = invitation_mail(invitation)
    if delivered:
        Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    return delivered


@transaction.atomic
def invitation_cancel(*, invitation: Invitation, acting_user: User) -> None:
    """Withdraw a pending invitation: the role it gave is taken back, and a link already
    sent stops working (a new unusable password changes what the token is made of)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError("Приглашение уже принято: его нельзя отменить.")
    membership = Membership.objects.filter(
        user=invitation.user, role=invitation.role, district=invitation.district
        if invitation.role != Role.REGIONAL else None,
        organization=invitation.organization, region=invitation.region).first()
    if membership is not None:
        membership_revoke(membership=membership, acting_user=acting_user)
    user = invitation.user
    if not user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    audit.record(district_id=invitation.district_id, actor=acting_user, action=Action.DELETE,
                 target=invitation, target_type="invitation",
                 before={"email": invitation.email, "role": invitation.role,
                         "sent_at": invitation.sent_at.isoformat()})
    invitation.delete()


def invitations_accept(*, user: User) -> int:
    """The person set a password through a one-time link: their pending invitations are
    accepted. Returns how many."""
    return Invitation.objects.filter(user=user, accepted_at__isnull=True).update(
        accepted_at=timezone.now())


def people_seed_demo(*, region: Region, district: District) -> None:
    """Demo rows (`seed_demo`): the region's first working-group member leads the group
    (invites members), and one director's invitation waits on the district's people page.
    Idempotent; sends no e-mail."""
    Membership.objects.filter(
        pk__in=Membership.objects.filter(region=region, role=Role.REGIONAL)
        .order_by("pk").values("pk")[:1]).update(is_lead=True)
    email = "director-invited@roadmaps.demo"
    if Invitation.objects.filter(email=email).exists():
        return
    school = (Organization.objects.filter(district=district, kind=Organization.Kind.SCHOOL)
              .exclude(memberships__role=Role.DIRECTOR).order_by("short_name").first())
    coordinator = (User.objects.filter(memberships__district=district,
                                       memberships__role=Role.COORDINATOR).order_by("pk").first())
    if school is None or coordinator is None:
        return
    _invite(email=email, role=Role.DIRECTOR, district=district, organization=school, region=None,
            schools=[], first_name="Ольга", last_name="Седова", middle_name="Петровна",
            acting_user=coordinator)
