"""Every read of the grassroots casework that is more than a lookup; the figures live here."""

from .figures import figures, figures_by_place, member_satisfaction
from .lists import (
    get_case_detail,
    get_public_case,
    get_venue_detail,
    list_cases,
    list_members_by_town,
    list_overdue_actions,
    list_venues,
)

__all__ = [
    "figures",
    "figures_by_place",
    "get_case_detail",
    "get_public_case",
    "get_venue_detail",
    "list_cases",
    "list_members_by_town",
    "list_overdue_actions",
    "list_venues",
    "member_satisfaction",
]
