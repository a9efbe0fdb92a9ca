"""Reads of a region's risk-factor catalogue: the catalogue page and what is offered to a
new risk profile. The region comes from `schools.access.get_region_for_user` (or from an
object already fetched through access)."""
from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
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


def offered_risk_factors(region_id: int) -> QuerySet[RiskFactor]:
    """What a new risk profile may choose: the region's factors in use, in order (a retired
    factor stays on the profiles that have it, but is not offered again)."""
    return RiskFactor.objects.filter(region_id=region_id, is_active=True).order_by("position", "id")
