"""An activity's invitees as an audience of the office's bulk notices. Registered by
ActivitiesConfig.ready."""

from django.db.models import QuerySet

from zhengxie.core.models import Committee, User
from zhengxie.core.services.bulk_notices import AudienceSource

from .models import Activity, ActivityState

# The office writes to the invitees of what is still to come or just held, not of last year's.
RECENT = 50


def _options(committee: Committee) -> list[tuple[int, str]]:
    activities = (
        Activity.objects.filter(committee=committee)
        .exclude(state=ActivityState.CANCELLED)
        .order_by("-starts_at", "-id")
        .values_list("pk", "title")[:RECENT]
    )
    return list(activities)


def _users(committee: Committee, activity_id: int) -> QuerySet:
    return (
        User.objects.filter(
            member__invitation__activity_id=activity_id,
            member__invitation__activity__committee=committee,
        )
        .distinct()
        .order_by("pk")
    )


INVITEES = AudienceSource(options=_options, users=_users)
