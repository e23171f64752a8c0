"""Who is who: the reference data (countries and regions, their groups, the
taxonomies, the GBF) and the people (organizations, members, profiles, roles,
API tokens)."""

from .people import ApiToken
from .people import Membership
from .people import Organization
from .people import Profile
from .people import RoleAssignment
from .reference import ELIGIBILITY_CHOICES
from .reference import ELIGIBILITY_GROUPS
from .reference import GROUP_MEMBERSHIP
from .reference import Country
from .reference import CountryGroup
from .reference import GbfGoal
from .reference import GbfTarget
from .reference import Language
from .reference import Modality
from .reference import Region
from .reference import ResourceType
from .reference import TargetGroup
from .reference import group_condition
from .reference import groups_of

__all__ = [
    "ELIGIBILITY_CHOICES",
    "ELIGIBILITY_GROUPS",
    "GROUP_MEMBERSHIP",
    "ApiToken",
    "Country",
    "CountryGroup",
    "GbfGoal",
    "GbfTarget",
    "Language",
    "Membership",
    "Modality",
    "Organization",
    "Profile",
    "Region",
    "ResourceType",
    "RoleAssignment",
    "TargetGroup",
    "group_condition",
    "groups_of",
]
