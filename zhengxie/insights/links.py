"""Where each figure leads: the list behind it, filtered to the same committee and year.
Lists that take no committee or year filter show the reader's own scope."""

from urllib.parse import urlencode

from django.urls import reverse

from zhengxie.core.models import Committee

REGISTER = "proposals:register"

# (section, figure) -> (url name, query parameters beyond committee and year)
FIGURE_LISTS: dict[tuple[str, str], tuple[str, dict]] = {
    ("proposals", "received"): (REGISTER, {}),
    ("proposals", "registered"): (REGISTER, {}),
    ("proposals", "replied"): (REGISTER, {"state": "closed"}),
    ("proposals", "reply_rate"): (REGISTER, {"state": "assigned"}),
    ("proposals", "satisfaction_rate"): (REGISTER, {"state": "redo"}),
    ("proposals", "merged"): (REGISTER, {"state": "merged"}),
    ("proposals", "declined"): (REGISTER, {"state": "declined"}),
    ("proposals", "converted_to_opinion"): (REGISTER, {"state": "to_opinion"}),
    ("proposals", "converted_to_letter"): (REGISTER, {"state": "to_letter"}),
    ("proposals", "withdrawn"): (REGISTER, {"state": "withdrawn"}),
    ("proposals", "overdue"): (REGISTER, {"overdue": "on"}),
    ("proposals", "contact_rate"): ("proposals:office", {}),
    ("opinions", "submitted"): ("opinions:queue", {}),
    ("opinions", "adopted"): ("opinions:queue", {"state": "adopted"}),
    ("opinions", "adoption_rate"): ("opinions:queue", {"state": "adopted"}),
    ("opinions", "escalated"): ("opinions:overview", {}),
    ("opinions", "instructions"): ("opinions:overview", {}),
    ("activities", "held"): ("activities:list", {}),
    ("activities", "consultations"): ("activities:plan", {}),
    ("activities", "research_inspection_reports"): ("activities:outcomes", {}),
    ("activities", "study_sessions"): ("activities:list", {}),
    ("activities", "essays"): ("activities:essay_calls", {}),
    ("activities", "joint_with_upper"): ("activities:list", {}),
    ("grassroots", "venues"): ("grassroots:venue_list", {}),
    ("grassroots", "sessions"): ("grassroots:figures", {}),
    ("grassroots", "problems_collected"): ("grassroots:case_list", {}),
    ("grassroots", "livelihood_matters_resolved"): ("grassroots:case_list", {"state": "closed"}),
    ("grassroots", "enterprise_difficulties_resolved"): (
        "grassroots:case_list",
        {"state": "closed"},
    ),
    ("grassroots", "urgent_concerns_resolved"): ("grassroots:case_list", {"state": "closed"}),
    ("grassroots", "satisfaction_rate"): ("grassroots:figures", {}),
    ("jobs", "jobs_posted"): ("jobs:search", {}),
    ("members", "total"): ("core:member_list", {}),
    ("members", "reported_to_towns"): ("grassroots:members_by_town", {}),
    ("members", "participation_rate"): ("duty:standings", {}),
    ("members", "five_ones_completion_rate"): ("duty:standings", {}),
    ("members", "warnings"): ("duty:warnings", {}),
    ("honours", "provincial_excellent_members"): ("duty:recognitions", {}),
}


def figure_links(committee: Committee, year: int) -> dict[str, dict[str, str]]:
    links: dict[str, dict[str, str]] = {}
    for (section, key), (url_name, params) in FIGURE_LISTS.items():
        base = reverse(url_name)
        query = urlencode({"committee": committee.pk, "year": year, **params})
        links.setdefault(section, {})[key] = f"{base}?{query}"
    return links
