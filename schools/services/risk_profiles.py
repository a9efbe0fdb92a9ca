"""Writes of a school's risk profile for a year: the risk directions that apply, each with
a short note (why). Saved with an optimistic lock (`core.versioning`)."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core import audit
from core.models import AuditRecord
from core.versioning import StaleVersion, version_claim

from ..models import Organization, RiskFactor, RiskProfile, RiskProfileFactor

NOTE_REQUIRED = "Кратко напишите, почему этот фактор риска относится к школе."
STALE = "Рисковый профиль уже изменён другим пользователем."
NOTE_MAX = 2000


@dataclass
class ProfileSaved:
    profile: RiskProfile
    added: list[RiskFactor] = field(default_factory=list)  # newly chosen factors
    removed: list[RiskFactor] = field(default_factory=list)  # no longer chosen


def _snapshot(rows) -> dict:
    return {"factors": {str(r.factor_id): r.note for r in rows}}


@transaction.atomic
def risk_profile_save(*, organization: Organization, year: int, chosen: dict[int, str],
                      expected_version: int | None, acting_user) -> ProfileSaved:
    """Save the factors that apply to `organization` in `year` (`chosen`: factor id → note).

    The profile was opened at `expected_version` (None: there was none yet); a profile saved
    by someone else since is refused with `StaleVersion`. Every chosen factor must be of
    the region's catalogue and active (one chosen before and retired since may stay), and
    needs a note: refused with the factor's field in the error (`factor_<id>`)."""
    if organization.kind != Organization.Kind.SCHOOL:
        raise ValidationError("Рисковый профиль составляется только для школы.")
    if not 2000 <= year <= 2100:
        raise ValidationError("Год указан неверно.")
    profile = (RiskProfile.objects.select_for_update()
               .filter(district_id=organization.district_id, organization=organization, year=year)
               .first())
    if profile is None and expected_version:
        raise ValidationError("Рисковый профиль удалён: откройте страницу заново.")
    if profile is not None and not expected_version:
        raise StaleVersion(profile, STALE)  # created in another tab since the page was opened
    before_rows = (list(RiskProfileFactor.objects.filter(profile=profile).select_related("factor"))
                   if profile else [])
    had = {r.factor_id: r for r in before_rows}
    factors = {f.pk: f for f in RiskFactor.objects.filter(
        region_id=organization.district.region_id, pk__in=list(chosen))}
    errors = {}
    for factor_id, note in chosen.items():
        factor = factors.get(factor_id)
        if factor is None or (not factor.is_active and factor_id not in had):
            errors[f"factor_{factor_id}"] = "Этого фактора риска нет в каталоге региона."
        elif not (note or "").strip():
            errors[f"factor_{factor_id}"] = NOTE_REQUIRED
        elif len(note.strip()) > NOTE_MAX:
            errors[f"factor_{factor_id}"] = f"Не больше {NOTE_MAX} знаков."
    if errors:
        raise ValidationError(errors)

    if profile is None:
        profile = RiskProfile(district_id=organization.district_id, organization=organization,
                              year=year, updated_by=_user(acting_user))
        profile.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                profile.save()
        except IntegrityError:  # created by another tab between our read and write
            current = RiskProfile.objects.get(district_id=organization.district_id,
                                              organization=organization, year=year)
            raise StaleVersion(current, STALE) from None
    else:
        version_claim(profile, expected_version, message=STALE)
        profile.updated_by = _user(acting_user)
        profile.save(update_fields=["updated_by", "updated_at"])

    added = [factors[i] for i in chosen if i not in had]
    removed_ids = [i for i in had if i not in chosen]
    RiskProfileFactor.objects.filter(profile=profile, factor_id__in=removed_ids).delete()
    changed = []
    for factor_id, note in chosen.items():
        row = had.get(factor_id)
        if row is not None and row.note != note.strip():
            row.note = note.strip()
            changed.append(row)
    RiskProfileFactor.objects.bulk_update(changed, ["note"])
    RiskProfileFactor.objects.bulk_create([
        RiskProfileFactor(district_id=organization.district_id, profile=profile,
                          factor=factors[i], note=chosen[i].strip())
        for i in chosen if i not in had
    ])
    after_rows = RiskProfileFactor.objects.filter(profile=profile)
    audit.record(district_id=organization.district_id, actor=acting_user,
                 action=AuditRecord.Action.UPDATE if before_rows or expected_version
                 else AuditRecord.Action.CREATE,
                 target=profile, before=_snapshot(before_rows) if expected_version else None,
                 after={"year": year, "organization": organization.pk, **_snapshot(after_rows)})
    removed = [had[i].factor for i in removed_ids]
    return ProfileSaved(profile=profile, added=sorted(added, key=_order),
                        removed=sorted(removed, key=_order))


def _order(factor: RiskFactor):
    return (factor.position, factor.pk)


def _user(user):
    return user if getattr(user, "pk", None) else None
