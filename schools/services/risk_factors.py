"""Writes of the regions' risk-factor catalogues: the working group renames, adds, retires
(«Не использовать»), brings back and reorders the risk directions of its region. A retired
factor stays on the profiles that chose it and is no longer offered for new ones. Every
change is in the audit trail (without a district: the catalogue is the region's)."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Upper

from core import audit
from core.text import clean_text

from ..models import DEFAULT_RISK_FACTORS, Region, RiskFactor

TITLE_MAX = RiskFactor._meta.get_field("title").max_length
FIELDS = ("title", "position", "is_active")


def risk_factors_seed_defaults(*, region: Region, acting_user=None) -> int:
    """Give a region without a catalogue the federal «500+» risk directions, in order;
    returns how many were added. A region that has a catalogue keeps it as it is: the
    defaults are a starting point, and a direction the working group renamed or replaced
    does not come back under its old name."""
    if RiskFactor.objects.filter(region=region).exists():
        return 0
    created = RiskFactor.objects.bulk_create(
        RiskFactor(region=region, title=title, position=n)
        for n, title in enumerate(DEFAULT_RISK_FACTORS, start=1)
    )
    if acting_user is not None:
        for factor in created:
            _record(factor, acting_user, audit.Action.CREATE, after=audit.snapshot(factor, FIELDS))
    return len(created)


def seed_new_region(sender, instance: Region, created: bool, raw: bool = False, **kwargs) -> None:
    """post_save of Region: a new region starts with the default catalogue."""
    if created and not raw:
        risk_factors_seed_defaults(region=instance)


class StaleTitle(ValidationError):
    """Renamed by someone else since the rename form was opened; `current` is saved now."""

    def __init__(self, current: RiskFactor):
        super().__init__({"title": f"Название уже изменено другим пользователем: "
                                   f"«{current.title}». Проверьте и сохраните ещё раз."})
        self.current = current


def _record(factor: RiskFactor, actor, action, *, before=None, after=None) -> None:
    audit.record(district_id=None, actor=actor, action=action, target=factor,
                 before=before, after=after)


def _clean_title(region: Region, title: str, *, exclude: RiskFactor | None = None) -> str:
    title = " ".join(clean_text(title or "").split())
    if not title:
        raise ValidationError({"title": "Введите название направления риска."})
    if len(title) > TITLE_MAX:
        raise ValidationError({"title": f"Не длиннее {TITLE_MAX} символов (сейчас {len(title)})."})
    same = RiskFactor.objects.annotate(u=Upper("title")).filter(region=region, u=title.upper())
    if exclude is not None:
        same = same.exclude(pk=exclude.pk)
    if same.exists():
        raise ValidationError({"title": "Такое направление риска в каталоге региона уже есть."})
    return title


def _locked(factor: RiskFactor) -> RiskFactor:
    """The factor's row, locked for this transaction (two tabs cannot both pass)."""
    try:
        return RiskFactor.objects.select_for_update().get(pk=factor.pk, region_id=factor.region_id)
    except RiskFactor.DoesNotExist:
        raise ValidationError("Этого направления риска уже нет в каталоге.",
                              code="deleted") from None


@transaction.atomic
def risk_factor_create(*, region: Region, title: str, acting_user) -> RiskFactor:
    """A new factor at the end of the region's catalogue."""
    Region.objects.select_for_update().filter(pk=region.pk).first()  # one add at a time
    title = _clean_title(region, title)
    last = RiskFactor.objects.filter(region=region).aggregate(m=Max("position"))["m"] or 0
    factor = RiskFactor(region=region, title=title, position=last + 1)
    factor.full_clean()
    factor.save()
    _record(factor, acting_user, audit.Action.CREATE, after=audit.snapshot(factor, FIELDS))
    return factor


@transaction.atomic
def risk_factor_rename(*, factor: RiskFactor, title: str, acting_user,
                       expected_title: str | None = None) -> RiskFactor:
    """Rename a factor; `expected_title` is the title the form was opened with: if someone
    renamed it meanwhile, the rename is refused rather than overwriting theirs."""
    Region.objects.select_for_update().filter(pk=factor.region_id).first()  # titles: one at a time
    current = _locked(factor)
    if expected_title is not None and current.title != expected_title:
        raise StaleTitle(current)
    title = _clean_title(current.region, title, exclude=current)
    if title == current.title:
        return current
    before = audit.snapshot(current, ("title",))
    current.title = title
    current.full_clean()
    current.save(update_fields=["title"])
    _record(current, acting_user, audit.Action.UPDATE, before=before,
            after=audit.snapshot(current, ("title",)))
    return current


@transaction.atomic
def risk_factor_set_active(*, factor: RiskFactor, is_active: bool, acting_user) -> RiskFactor:
    """Retire a factor (it stays on old profiles, is not offered for new ones) or bring it
    back. Asking for the state it is in already (a second click) changes nothing."""
    current = _locked(factor)
    if current.is_active == is_active:
        return current
    current.is_active = is_active
    current.save(update_fields=["is_active"])
    _record(current, acting_user, audit.Action.UPDATE, before={"is_active": not is_active},
            after={"is_active": is_active})
    return current


@transaction.atomic
def risk_factor_move(*, factor: RiskFactor, up: bool, acting_user) -> RiskFactor:
    """Swap a factor with its neighbour above (`up`) or below; at the edge nothing moves.
    The positions are renumbered 1..n on the way, so equal positions cannot pin a factor."""
    Region.objects.select_for_update().filter(pk=factor.region_id).first()
    factors = list(RiskFactor.objects.filter(region_id=factor.region_id).order_by("position", "id"))
    index = next((i for i, f in enumerate(factors) if f.pk == factor.pk), None)
    if index is None:
        raise ValidationError("Этого направления риска уже нет в каталоге.", code="deleted")
    other = index - 1 if up else index + 1
    if not 0 <= other < len(factors):
        return factors[index]
    before = factors[index].position
    factors[index], factors[other] = factors[other], factors[index]
    changed = []
    for n, f in enumerate(factors, start=1):
        if f.position != n:
            f.position = n
            changed.append(f)
    RiskFactor.objects.bulk_update(changed, ["position"])
    moved = factors[other]
    _record(moved, acting_user, audit.Action.UPDATE, before={"position": before},
            after={"position": moved.position})
    return moved
