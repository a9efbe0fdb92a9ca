"""Writes of the regions' risk-factor catalogues."""
from __future__ import annotations

from ..models import DEFAULT_RISK_FACTORS, Region, RiskFactor


def risk_factors_seed_defaults(*, region: Region) -> int:
    """Give a region with an empty catalogue the federal «500+» risk directions. A region
    that has a catalogue keeps it as its working group made it (renamed, added, retired)."""
    if RiskFactor.objects.filter(region=region).exists():
        return 0
    RiskFactor.objects.bulk_create([
        RiskFactor(region=region, title=title, position=n)
        for n, title in enumerate(DEFAULT_RISK_FACTORS, start=1)
    ])
    return len(DEFAULT_RISK_FACTORS)


def seed_new_region(sender, instance: Region, created: bool, raw: bool = False, **kwargs) -> None:
    """post_save of Region: a new region starts with the default catalogue."""
    if created and not raw:
        risk_factors_seed_defaults(region=instance)
