"""Every read of the duty app that is more than a lookup; figures() feeds every screen."""

from zhengxie.core.queries import count_together

from ..models import DutyWarning, WarningStatus
from .standings import (
    active_members,
    grade_distribution,
    participants,
    points_distribution,
    provincial_honours,
    year_querysets,
)


def headline_figures(*, committee_ids: list[int], year: int) -> dict:
    """The counts the statistics service reads: five ones done, open warnings and provincial
    honours, in one statement (the province's review asks them of every city). The roster
    and participation are the core's and the activities' to count."""
    cached, snapshot = (
        rows.filter(five_ones_done=True) for rows in year_querysets(committee_ids, year)
    )
    warnings = DutyWarning.objects.filter(committee_id__in=committee_ids, year=year).exclude(
        status=WarningStatus.CLEARED
    )
    counts = count_together(
        five_ones_cached=cached,
        five_ones_published=snapshot,
        warnings=warnings,
        provincial_excellent_members=provincial_honours(committee_ids, year),
    )
    return {
        "year": year,
        "five_ones_done": counts["five_ones_cached"] + counts["five_ones_published"],
        "warnings": counts["warnings"],
        "provincial_excellent_members": counts["provincial_excellent_members"],
    }


def figures(*, committee_ids: list[int], year: int) -> dict:
    """The standings page: the headline counts with the roster, the ledger's participation,
    the rates as fractions 0..1 (printed with |percent), the honoured members' names and the
    points and grades."""
    headline = headline_figures(committee_ids=committee_ids, year=year)
    total = active_members(committee_ids)
    attended = participants(committee_ids, year)
    return {
        **headline,
        "total": total,
        "participants": attended,
        "participation_rate": attended / total if total else 0.0,
        "five_ones_completion_rate": headline["five_ones_done"] / total if total else 0.0,
        "provincial_excellent_names": [
            h.member.name for h in provincial_honours(committee_ids, year)
        ],
        "points_distribution": points_distribution(committee_ids, year),
        "grade_distribution": grade_distribution(committee_ids, year),
    }
