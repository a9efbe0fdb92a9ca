"""Reads of a region's risk-factor catalogue: the catalogue page and what is offered to a
new risk profile. The region comes from `schools.access.get_region_for_user` (or from an
object already fetched through access)."""
from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from ..models import Region, RiskFactor, RiskProfileFactor


def region_risk_factors(region: Region) -> QuerySet[RiskFactor]:
    """The whole catalogue in order, retired factors too, each with the number of school
    risk profiles that name it (`profile_count`): one query whatever its length."""
    used = (RiskProfileFactor.objects.filter(factor_id=OuterRef("pk")).order_by()
            .values("factor_id").annotate(n=Count("id")).values("n"))
    return (RiskFactor.objects.filter(region=region)
            .annotate(profile_count=Coalesce(Subquery(used, output_field=IntegerField()),
                                             Value(0)))
            .order_by("position", "id"))


def region_risk_factor_row(region: Region, pk: int) -> tuple[RiskFactor, int, int] | None:
    """One factor as the catalogue's list draws it (with `profile_count`), its place in the
    list (from 1) and the list's length; None when the region has no such factor."""
    factor = region_risk_factors(region).filter(pk=pk).first()
    if factor is None:
        return None
    counts = RiskFactor.objects.filter(region=region).aggregate(
        before=Count("id", filter=Q(position__lt=factor.position)
                     | Q(position=factor.position, pk__lt=factor.pk)),
        total=Count("id"))
    return factor, counts["before"] + 1, counts["total"]


def offered_risk_factors(region_id: int) -> QuerySet[RiskFactor]:
    """What a new risk profile may choose: the region's factors in use, in order (a retired
    factor stays on the profiles that have it, but is not offered again)."""
    return RiskFactor.objects.filter(region_id=region_id, is_active=True).order_by("position", "id")
