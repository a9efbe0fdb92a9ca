"""Reads for setting up school programmes: the risk profile page of a school and year."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from core.access import scope
from schools.models import Organization, RiskFactor, RiskProfile, RiskProfileFactor

from ..models import Roadmap
from ..services.programmes import overlapping


@dataclass
class ProfilePage:
    profile: RiskProfile | None
    factors: list[RiskFactor]  # the catalogue's active factors, and retired ones still chosen
    notes: dict[int, str] = field(default_factory=dict)  # chosen factor id → note
    programmes: list[Roadmap] = field(default_factory=list)


def risk_profile_page(organization: Organization, year: int, user) -> ProfilePage:
    """Four queries whatever the catalogue's and the profile's size."""
    profile = (scope(RiskProfile.objects.filter(district_id=organization.district_id,
                                                organization=organization, year=year), user)
               .select_related("updated_by").first())
    notes = {}
    if profile is not None:
        notes = dict(RiskProfileFactor.objects.filter(district_id=organization.district_id,
                                                      profile=profile)
                     .values_list("factor_id", "note"))
    factors = list(RiskFactor.objects.filter(region_id=organization.district.region_id)
                   .filter(Q(is_active=True) | Q(pk__in=list(notes))).order_by("position", "id"))
    programmes = list(overlapping(
        scope(Roadmap.objects.filter(district_id=organization.district_id,
                                     school=organization), user),
        date(year, 1, 1), date(year, 12, 31)).order_by("period_start", "id"))
    return ProfilePage(profile=profile, factors=factors, notes=notes, programmes=programmes)


def profile_year(organization: Organization, today: date) -> int:
    """The year a school's profile page opens at: this year, or the latest year of its
    lists or programmes if that is later (a list for next year is drawn up in autumn)."""
    years = [today.year]
    latest = (Roadmap.objects.filter(district_id=organization.district_id, school=organization)
              .order_by("-period_start").values_list("period_start", flat=True).first())
    if latest:
        years.append(latest.year)
    return max(years)
