"""The one statistics service: every figure of a committee's year, composed from the apps'
own selectors, so the cockpit, the dashboards, the portal, the exports and the command can
never disagree. Cached per committee, year and scope; any record change bumps the version."""

import difflib

from django.core.cache import cache

from zhengxie.activities import selectors as activities
from zhengxie.core import selectors as core
from zhengxie.core.models import Committee
from zhengxie.duty import selectors as duty
from zhengxie.grassroots import selectors as grassroots
from zhengxie.jobs.selectors import figures as jobs
from zhengxie.opinions import selectors as opinions
from zhengxie.proposals import selectors as proposals

from .cards import COCKPIT

VERSION_KEY = "insights:figures-version"
CACHE_SECONDS = 600


def figures_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, None)


def bump_figures_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _members(committee_ids: list[int], participants: int, duty_figures: dict) -> dict:
    roster = core.member_figures(committee_ids=committee_ids)
    return {
        "total": roster["total"],
        "participants": participants,
        "participation_rate": _ratio(participants, roster["total"]),
        "five_ones_completion_rate": _ratio(duty_figures["five_ones_done"], roster["total"]),
        "reported_to_towns": roster["reported_to_towns"],
        "warnings": duty_figures["warnings"],
    }


def compute_annual_figures(*, committee: Committee, year: int, rollup: bool = True) -> dict:
    """Uncached: every section for the committee (and with rollup its counties) in the year.
    Each app gives its headline figures; breakdowns stay on the apps' own pages."""
    ids = core.committee_scope(committee, rollup=rollup)
    duty_figures = duty.headline_figures(committee_ids=ids, year=year)
    activity = activities.figures(committee_ids=ids, year=year)
    # Participation is counted in the pass over the attendance; the review shows it with the
    # members.
    participants = activity.pop("participants")
    return {
        "committee": committee.code,
        "committee_name": committee.name,
        "year": year,
        "rollup": rollup,
        "members": _members(ids, participants, duty_figures),
        "proposals": proposals.figures(committee_ids=ids, year=year),
        "opinions": opinions.figures(committee_ids=ids, year=year),
        "activities": activity,
        "grassroots": grassroots.figures(committee_ids=ids, year=year),
        "jobs": jobs.figures(committee_ids=ids, year=year),
        "honours": {
            "provincial_excellent_members": duty_figures["provincial_excellent_members"],
        },
    }


def annual_figures(*, committee: Committee, year: int, rollup: bool = True) -> dict:
    key = f"insights:annual:{figures_version()}:{committee.pk}:{year}:{int(rollup)}"
    figures = cache.get(key)
    if figures is None:
        figures = compute_annual_figures(committee=committee, year=year, rollup=rollup)
        cache.set(key, figures, CACHE_SECONDS)
    return figures


def cockpit_headlines(*, committee: Committee, year: int, rollup: bool = True) -> list[dict]:
    """The cockpit's headline cards as data: each figure's section, key, label and raw value
    (rates as fractions), in the cockpit's order."""
    figures = annual_figures(committee=committee, year=year, rollup=rollup)
    return [
        {
            "section": card.section,
            "key": card.key,
            "label": str(card.label),
            "value": figures[card.section][card.key],
            "is_rate": card.is_rate,
        }
        for card in COCKPIT
    ]


def review_snapshot(*, committee: Committee, year: int, rollup: bool = True) -> dict:
    """The figures a review shows: the year's, the previous year's on the same scope and,
    for a roll-up, each committee below on its own (the city's counties)."""
    counties = (
        [
            annual_figures(committee=child, year=year, rollup=False)
            for child in committee.children.order_by("id")
        ]
        if rollup
        else []
    )
    return {
        "current": annual_figures(committee=committee, year=year, rollup=rollup),
        "previous": annual_figures(committee=committee, year=year - 1, rollup=rollup),
        "counties": counties,
    }


def draft_history(draft) -> list[dict]:
    """Every version of a review draft, newest first: who, when, and the lines of prose it
    added and removed against the version before (publication changes no line)."""
    versions = list(draft.history.select_related("history_user").order_by("history_date", "pk"))
    entries, before = [], []
    for version in versions:
        lines = version.prose.splitlines()
        changes = [
            line
            for line in difflib.unified_diff(before, lines, lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))
        ]
        entries.append(
            {
                "who": version.history_user,
                "when": version.history_date,
                "published": version.published_at is not None,
                "changes": changes,
            }
        )
        before = lines
    return entries[::-1]
