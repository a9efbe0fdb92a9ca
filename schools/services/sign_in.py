"""Sign-in throttling (django-axes): the audit record of a lockout."""
from __future__ import annotations

from django.conf import settings
from django.db import transaction

from core import audit
from core.models import AuditRecord

from ..models import Membership, User


class _NoAccount:
    """The target of a lockout of an address nobody has an account at (id 0)."""
    pk = 0


@transaction.atomic
def sign_in_lockout_record(*, username: str, ip_address: str, failures: int) -> AuditRecord:
    """Someone failed to sign in as `username` from `ip_address` `failures` times and is
    locked out: who was tried (the account, if there is one) is written to the trail of
    the account's district (none for a regional role or an unknown address)."""
    email = (username or "").strip().lower()
    user = User.objects.filter(email=email).first()
    district_id = None
    if user is not None:
        membership = (Membership.objects.filter(user=user)
                      .select_related("organization").order_by("pk").first())
        if membership is not None:
            district_id = membership.district_id or getattr(membership.organization, "district_id", None)
    return audit.record(
        district_id=district_id, actor=None, action=AuditRecord.Action.LOCKOUT,
        target=user or _NoAccount(), target_type="user",
        after={"username": email, "ip_address": ip_address, "failures": failures,
               "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)},
    )


def on_user_locked_out(sender, request, username, ip_address, **kwargs) -> None:
    """axes' user_locked_out signal (connected in SchoolsConfig.ready). axes sends it on
    every refused attempt while the lockout lasts; the trail gets one record, when the
    lockout begins."""
    failures = getattr(request, "axes_failures_since_start", None)
    if failures != settings.AXES_FAILURE_LIMIT:
        return
    sign_in_lockout_record(username=username, ip_address=ip_address, failures=failures)
