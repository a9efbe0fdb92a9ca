"""The one way to write the audit trail: `record(...)`, with a typed action."""
from __future__ import annotations

from django.core.exceptions import ValidationError

from .models import AuditRecord

Action = AuditRecord.Action


def record(*, district_id: int, actor, action: Action, target, before=None, after=None,
           roadmap_id: int | None = None, target_type: str | None = None) -> AuditRecord:
    """Who (`actor`, None for the system) did `action` to `target`, with what was before and
    after. `target_type` defaults to the target's model name."""
    if not isinstance(action, Action):
        raise TypeError(f"An audit action must be an AuditRecord.Action, not {action!r}")
    return AuditRecord.objects.create(
        district_id=district_id,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=target_type or type(target)._meta.model_name,
        target_id=target.pk,
        roadmap_id_ref=roadmap_id,
        before=before,
        after=after,
    )


def record_claim_for_restore(deleted: AuditRecord) -> None:
    """Lock a «delete» record for a restore; refuse if it was restored already (a second
    click, another tab): what was deleted comes back once."""
    AuditRecord.objects.select_for_update().get(pk=deleted.pk)
    if AuditRecord.objects.filter(district_id=deleted.district_id, action=Action.RESTORE,
                                  before__restored_from=deleted.pk).exists():
        raise ValidationError("Это уже восстановлено.", code="already_restored")


def snapshot(obj, fields) -> dict:
    """The named fields of an object as the audit trail keeps them (dates as ISO text)."""
    out = {}
    for f in fields:
        value = getattr(obj, f)
        out[f] = value.isoformat() if hasattr(value, "isoformat") else value
    return out
