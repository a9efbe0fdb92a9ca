"""Writes of the regions' risk-factor catalogues."""
from __future__ import annotations

from ..models import DEFAULT_RISK_FACTORS, Region, RiskFactor


def risk_factors_seed_defaults(*, region: Region) -> int:
    """Give a region the federal «500+» risk directions it does not have yet."""
    have = set(RiskFactor.objects.filter(region=region).values_list("title", flat=True))
    missing = [
        RiskFactor(region=region, title=title, position=n)
        for n, title in enumerate(DEFAULT_RISK_FACTORS, start=1) if title not in have
    ]
    RiskFactor.objects.bulk_create(missing)
    return len(missing)


def seed_new_region(sender, instance: Region, created: bool, raw: bool = False, **kwargs) -> None:
    """post_save of Region: a new region starts with the default catalogue."""
    if created and not raw:
        risk_factors_seed_defaults(region=instance)
