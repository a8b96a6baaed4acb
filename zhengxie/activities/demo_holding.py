"""Holding one demo activity the way staff would: create, invite, notify, sign in, excuse,
settle. Every step goes through the services, so history and duty credits happen."""

import datetime as dt

from django.utils import timezone

from zhengxie.core.demo import DemoWorld, Rota
from zhengxie.core.models import Committee, Member

from .models import ActivityKind, InvitationSource, LeaveApprover
from .services import activities as activity_services
from .services.attendance import bulk_sign_in, mark_held
from .services.invitations import invite_members, record_leave_slips
from .services.outcomes import record_outcome

# Share of members who, in the demo, take part in nothing all year: the review reports more
# than 90% taking part, not everyone.
DISENGAGED_SHARE = 0.04
PLENARY_PRESENT_SHARE = 0.95
SMALL_GROUP = 10
# How many times the year's research and inspection places go round the engaged members.
RESEARCH_ROUNDS = 1.3


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


class DemoCommittee:
    """One committee's members split into the engaged and the disengaged."""

    def __init__(self, world: DemoWorld, committee: Committee):
        self.world, self.committee = world, committee
        members = list(Member.objects.filter(committee=committee).order_by("id"))
        rng = world.rng
        # The demo's member logins take part: their pages show a working member's year.
        keep = {user.pk for user in world.accounts.values()}
        self.idle = {
            m.pk for m in members if m.user_id not in keep and rng.random() < DISENGAGED_SHARE
        }
        self.engaged = [m for m in members if m.pk not in self.idle]
        self.members = members
        # Research and consultation places go round the engaged members in turns (Rota), as
        # an office plans them so that every member takes part in both during the year.
        self.research = Rota(self.engaged, rng)
        self.consultation = Rota(self.engaged, rng)
        self.kinds = {k.code: k for k in ActivityKind.objects.filter(committee=committee)}

    def sample(self, count: int) -> list[Member]:
        return self.world.rng.sample(self.engaged, min(count, len(self.engaged)))

    def share(self, rounds: float, activities: int) -> int:
        """Places per activity for `activities` activities to go round the engaged members
        `rounds` times (more than once: some of those invited stay away)."""
        return -(-round(rounds * len(self.engaged)) // max(activities, 1))


def hold(
    group: "DemoCommittee",
    *,
    code: str,
    title: str,
    day: dt.date,
    invitees: list[Member],
    present_share: float = 1.0,
    source: str = InvitationSource.MANUAL,
    topic=None,
    upper: str = "",
    hours: int = 3,
):
    committee, rng = group.committee, group.world.rng
    activity = activity_services.create_activity(
        actor=None,
        committee=committee,
        kind=group.kinds[code],
        title=title,
        starts_at=at(day),
        ends_at=at(day) + dt.timedelta(hours=hours),
        location=f"{committee.region}政协机关会议室",
        topic=topic,
        upper_committee=upper,
    )
    invite_members(
        actor=None,
        activity=activity,
        source=InvitationSource.MANUAL,
        member_ids=[m.pk for m in invitees],
    )
    activity_services.send_notice(actor=None, activity=activity)
    present, missing = [], []
    for member in invitees:
        engaged = member.pk not in group.idle
        (present if engaged and rng.random() < present_share else missing).append(member.pk)
    bulk_sign_in(actor=None, activity=activity, member_ids=present)
    _excuse(activity, missing[: len(missing) * 2 // 3])
    return mark_held(actor=None, activity=activity), present


def _excuse(activity, member_ids: list[int]) -> None:
    """Most who stay away sent a leave slip, approved the day before by whom the kind names."""
    if not member_ids:
        return
    chair = activity.kind.leave_approver == LeaveApprover.CHAIR
    record_leave_slips(
        actor=None,
        activity=activity,
        member_ids=member_ids,
        reason="因公出差",
        signed_by=f"{activity.committee.short_name}{'秘书长' if chair else '办公室'}",
        at=activity.starts_at - dt.timedelta(days=1),
    )


def record_report(
    committee: Committee, activity, *, code: str, title: str, day: dt.date, present: list[int]
) -> None:
    """The research or inspection report an activity produced, by two of those present,
    submitted to the government twenty days after."""
    kind = "inspection" if code in ("inspection", "supervision") else "research"
    record_outcome(
        actor=None,
        committee=committee,
        activity=activity,
        kind=kind,
        title=f"关于{title}的{'视察' if kind == 'inspection' else '调研'}报告",
        body=f"{title}。\n一、基本情况\n二、存在的问题\n三、对策建议",
        submitted_to="government",
        submitted_on=day + dt.timedelta(days=20),
        authors=list(Member.objects.filter(pk__in=present[:2])),
    )
