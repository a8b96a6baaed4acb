"""Test factories for activities, keyword-only with defaults."""

import datetime as dt

from django.utils import timezone

from zhengxie.core.factories import make_member
from zhengxie.core.models import Committee, Member

from .models import Activity, ActivityKind, Invitation, InvitationSource
from .services.kinds import seed_default_kinds


def kind(*, committee: Committee, code: str = "thematic") -> ActivityKind:
    seed_default_kinds(committee=committee)
    return ActivityKind.objects.get(committee=committee, code=code)


def make_activity(
    *,
    committee: Committee,
    code: str = "thematic",
    starts_at: dt.datetime | None = None,
    hours: int = 3,
    state: str = "planned",
    title: str = "",
) -> Activity:
    starts_at = starts_at or timezone.now() + dt.timedelta(days=5)
    return Activity.objects.create(
        committee=committee,
        kind=kind(committee=committee, code=code),
        term=committee.terms.first(),
        title=title or f"测试活动{code}",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=hours),
        state=state,
    )


def invite(*, activity: Activity, members: list[Member]) -> None:
    Invitation.objects.bulk_create(
        Invitation(
            activity=activity,
            committee_id=activity.committee_id,
            member=m,
            source=InvitationSource.MANUAL,
        )
        for m in members
    )


def make_invited_member(*, activity: Activity, **fields) -> Member:
    member = make_member(committee=activity.committee, with_account=True, **fields)
    invite(activity=activity, members=[member])
    return member
