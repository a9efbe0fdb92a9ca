"""Optimistic locking of shared data edited in forms (orders, sections, organisations).

A form carries the `version` the object had when it was opened (measures too). The service claims the
next version with a conditional UPDATE inside its transaction (the row then stays locked
until commit, so two saves cannot both pass); a save made from an older version is refused
with `StaleVersion`, which carries the saved object so the page can show both versions side
by side.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import F, Model

from .models import AuditRecord

NO_VERSION = ("Форма устарела: откройте её заново, чтобы не затереть чужие изменения.")


class StaleVersion(ValidationError):
    """Saved by someone else since the form was opened; `current` is what is saved now."""

    def __init__(self, current: Model, message: str = "Уже изменено другим пользователем."):
        super().__init__(message, code="version_conflict")
        self.current = current


def version_claim(obj: Model, expected_version: int | None, *, message: str) -> None:
    """Move `obj`'s row from `expected_version` to the next version, or refuse."""
    if not expected_version:
        raise ValidationError(NO_VERSION, code="no_version")
    manager = type(obj)._default_manager
    if not manager.filter(pk=obj.pk, version=expected_version).update(version=F("version") + 1):
        current = manager.filter(pk=obj.pk).first()
        if current is None:
            raise ValidationError("Запись удалена.", code="deleted")
        raise StaleVersion(current, message)
    obj.version = expected_version + 1


@dataclass(frozen=True)
class Conflict:
    """What `templates/core/version_conflict.html` shows."""
    title: str
    rows: list[tuple[str, str, str, bool]]  # label, yours, saved, differs
    last: AuditRecord | None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, (list, tuple)):
        return "\n".join(_text(v) for v in value)
    return str(value)


def version_conflict(*, title: str, current: Model, rows: list[tuple[str, object, object]],
                     target_type: str | None = None) -> Conflict:
    """The conflict as the page shows it: each field with both values and whether they
    differ, and who saved the other version (the last update in the journal)."""
    shown = []
    for label, mine, saved in rows:
        a, b = _text(mine).strip(), _text(saved).strip()
        shown.append((label, a, b, a != b))
    last = (AuditRecord.objects.filter(district_id=current.district_id,
                                       target_type=target_type or current._meta.model_name,
                                       target_id=current.pk, action=AuditRecord.Action.UPDATE)
            .select_related("actor").order_by("-created_at", "-id").first())
    return Conflict(title=title, rows=shown, last=last)
