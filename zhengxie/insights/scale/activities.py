"""Activities: each committee's default kinds, forty activities of 2022 (most held), the
invitations and settled attendance, research and inspection reports, an essay call."""

import datetime
from zoneinfo import ZoneInfo

from zhengxie.activities.models import (
    Activity,
    ActivityKind,
    Attendance,
    Essay,
    EssayCall,
    Invitation,
    Outcome,
)
from zhengxie.activities.models.activities import (
    ActivityState,
    AttendanceMethod,
    AttendanceStatus,
    InvitationSource,
)
from zhengxie.activities.models.outcomes import OutcomeKind, SubmittedTo
from zhengxie.activities.services.kinds import DEFAULT_KINDS

from .world import ScaleWorld, insert

A = ActivityState
TZ = ZoneInfo("Asia/Shanghai")
PER_COMMITTEE = 40
INVITED = 30
STATES = [A.HELD] * 5 + [A.OUTCOME_RECORDED] * 3 + [A.FOLLOWED_UP, A.PLANNED, A.CANCELLED]
ATTENDANCE = (
    [AttendanceStatus.PRESENT] * 17 + [AttendanceStatus.EXCUSED] * 2 + [AttendanceStatus.ABSENT]
)


def kinds(world: ScaleWorld) -> dict[int, list[int]]:
    rows = [
        ActivityKind(
            committee_id=cid,
            code=code,
            name=name,
            leave_approver=approver,
            attendance_compulsory=compulsory,
            absence_rule=absence,
            counts_as_consultation=bool(consult),
            counts_as_research=bool(research),
            counts_as_study=bool(study),
            joint_with_upper=bool(joint),
            sort_order=order,
        )
        for cid in world.committee_ids
        for order, (
            code,
            name,
            approver,
            compulsory,
            absence,
            consult,
            research,
            study,
            joint,
        ) in enumerate(DEFAULT_KINDS)
    ]
    found: dict[int, list[int]] = {}
    for kind in insert(ActivityKind, rows):
        found.setdefault(kind.committee_id, []).append(kind.pk)
    return found


def activities(world: ScaleWorld) -> None:
    kinds_of, rows = kinds(world), []
    for cid in world.committee_ids:
        for n in range(PER_COMMITTEE):
            start = datetime.datetime.combine(world.day(15, 350), datetime.time(9), tzinfo=TZ)
            rows.append(
                Activity(
                    committee_id=cid,
                    kind_id=kinds_of[cid][n % len(kinds_of[cid])],
                    term_id=world.term_of[cid],
                    title=f"{n + 1}号活动",
                    starts_at=start,
                    ends_at=start + datetime.timedelta(hours=3),
                    state=world.rng.choice(STATES),
                )
            )
    created = insert(Activity, rows)
    _attendance(world, [a for a in created if a.state != A.CANCELLED])
    _outcomes(world)
    world.counts["activities"] = len(created)


def _attendance(world: ScaleWorld, activities: list[Activity]) -> None:
    invitations, attendance = [], []
    for activity in activities:
        pool = world.members_of.get(activity.committee_id, [])
        for member in world.rng.sample(pool, min(INVITED, len(pool))):
            common = {"committee_id": activity.committee_id, "activity_id": activity.pk}
            invitations.append(
                Invitation(member_id=member, source=InvitationSource.COMMITTEE, **common)
            )
            if activity.state != A.PLANNED:
                status = world.rng.choice(ATTENDANCE)
                attendance.append(
                    Attendance(
                        member_id=member, status=status, method=AttendanceMethod.SETTLED, **common
                    )
                )
    insert(Invitation, invitations)
    insert(Attendance, attendance)
    world.counts["attendance"] = len(attendance)


def _outcomes(world: ScaleWorld) -> None:
    outcomes, calls = [], []
    for cid in world.committee_ids:
        for n, kind in enumerate([OutcomeKind.RESEARCH_REPORT, OutcomeKind.INSPECTION_REPORT] * 2):
            outcomes.append(
                Outcome(
                    committee_id=cid,
                    kind=kind,
                    title=f"调研视察报告{n + 1}",
                    body="报告正文",
                    submitted_to=SubmittedTo.BOTH,
                    submitted_on=world.day(60, 360),
                )
            )
        calls.append(EssayCall(committee_id=cid, title="理论征文", deadline=world.day(200, 220)))
    insert(Outcome, outcomes)
    essays = [
        Essay(
            committee_id=c.committee_id,
            call_id=c.pk,
            member_id=member,
            title=f"征文{member}",
            body="正文",
            submitted_on=c.deadline,
        )
        for c in insert(EssayCall, calls)
        for member in world.members_of.get(c.committee_id, [])[:3]
    ]
    insert(Essay, essays)
