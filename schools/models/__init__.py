from .invitations import Invitation
from .lists import MentorPair, SchoolList, SchoolListEntry
from .people import (
    Membership,
    OrganizationGroupObjectPermission,
    OrganizationUserObjectPermission,
    Role,
    User,
)
from .places import District, Organization, Region
from .risk import DEFAULT_RISK_FACTORS, RiskFactor, RiskProfile, RiskProfileFactor

__all__ = [
    "DEFAULT_RISK_FACTORS",
    "Invitation",
    "RiskFactor",
    "RiskProfileFactor",
    "District",
    "Membership",
    "MentorPair",
    "Organization",
    "OrganizationGroupObjectPermission",
    "OrganizationUserObjectPermission",
    "Region",
    "RiskProfile",
    "Role",
    "SchoolList",
    "SchoolListEntry",
    "User",
]
