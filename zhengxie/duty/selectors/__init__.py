"""Every read of the duty app that is more than a lookup; figures() feeds every screen."""

from ..models import DutyWarning, WarningStatus
from .standings import (
    active_members,
    five_ones_done,
    grade_distribution,
    participants,
    points_distribution,
    provincial_honours,
)


def figures(*, committee_ids: list[int], year: int) -> dict:
    """The members' figures of the year for dashboards, the portal and exports."""
    total = active_members(committee_ids)
    attended = participants(committee_ids, year)
    done = five_ones_done(committee_ids, year)
    honours = list(provincial_honours(committee_ids, year))
    warnings = DutyWarning.objects.filter(committee_id__in=committee_ids, year=year).exclude(
        status=WarningStatus.CLEARED
    )
    return {
        "year": year,
        "total": total,
        "participants": attended,
        "participation_rate": round(100 * attended / total, 1) if total else 0.0,
        "five_ones_done": done,
        "five_ones_completion_rate": round(100 * done / total, 1) if total else 0.0,
        "points_distribution": points_distribution(committee_ids, year),
        "grade_distribution": grade_distribution(committee_ids, year),
        "warnings": warnings.count(),
        "provincial_excellent_members": len(honours),
        "provincial_excellent_names": [h.member.name for h in honours],
    }
