from .lists import MentorPair, RiskProfile, SchoolList, SchoolListEntry
from .people import (
    Membership,
    OrganizationGroupObjectPermission,
    OrganizationUserObjectPermission,
    Role,
    User,
)
from .places import District, Organization, Region

__all__ = [
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
