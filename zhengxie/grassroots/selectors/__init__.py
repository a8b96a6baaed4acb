"""Every read of the grassroots casework that is more than a lookup; the figures live here."""

from .figures import figures, figures_by_place, member_satisfaction
from .lists import (
    get_active_town,
    get_case,
    get_case_detail,
    get_public_case,
    get_public_case_for,
    get_venue_detail,
    list_cases,
    list_jobs_to_refer,
    list_members_by_town,
    list_my_cases,
    list_overdue_actions,
    list_venues,
    list_venues_for,
    venue_reader_committee_ids,
)

__all__ = [
    "figures",
    "figures_by_place",
    "get_active_town",
    "get_case",
    "get_case_detail",
    "get_public_case",
    "get_public_case_for",
    "get_venue_detail",
    "list_cases",
    "list_jobs_to_refer",
    "list_members_by_town",
    "list_my_cases",
    "list_overdue_actions",
    "list_venues",
    "list_venues_for",
    "member_satisfaction",
    "venue_reader_committee_ids",
]
