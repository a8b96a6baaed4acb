"""The 2022 year of the seed: plenaries and standing-committee meetings at the city and the
counties, the thematic consultation on troubled enterprises and its 建议案, research and
inspection reports, study sessions, essays, joint activities with the provincial committee and
reading groups, and the sectors' joint consultations (界别联组协商). Research, inspection and
consultation places go round the members in turns, so that nearly every member takes part in
both, as the five ones ask. Deterministic: the world's rng drives every choice."""

import datetime as dt

from zhengxie.core.demo import DemoWorld
from zhengxie.core.models import Member, Sector
from zhengxie.instructions.demo import liaisons, see_through
from zhengxie.instructions.targets import target_named

from .demo_data import (
    BOOKS,
    ESSAY_TITLES,
    JOINT,
    RECOMMENDATION,
    REPORTS,
    STANDING_MEETINGS,
    STUDY_TOPICS,
    TOPICS,
)
from .demo_holding import (
    PLENARY_PRESENT_SHARE,
    RESEARCH_ROUNDS,
    SMALL_GROUP,
    DemoCommittee,
    at,
    hold,
    record_report,
)
from .instruction_targets import OUTCOME
from .models import InvitationSource
from .services import activities as activity_services
from .services import essays, plans, reading
from .services.invitations import invite_members
from .services.kinds import seed_default_kinds
from .services.outcomes import record_adoption, record_outcome


def _plan(group: DemoCommittee, year: int):
    plan = plans.open_plan(actor=None, committee=group.committee, year=year)
    topics = []
    for title, code, quarter, approve in TOPICS:
        topic = plans.collect_topic(
            actor=None,
            plan=plan,
            title=title,
            kind=group.kinds[code],
            quarter=quarter,
            proposed_by="市政协主席会议" if approve else "民建随州市委员会",
        )
        if approve is not None:
            topic = plans.decide_topic(actor=None, topic=topic, approve=approve)
        topics.append(topic)
    return topics


def _meetings(group: DemoCommittee, year: int, *, city: bool, topics) -> None:
    plenary = group.world.plenaries[group.committee.code]
    hold(
        group,
        code="plenary",
        title=plenary.name,
        day=plenary.opens_on,
        hours=8,
        invitees=group.members,
        present_share=PLENARY_PRESENT_SHARE,
        source=InvitationSource.COMMITTEE,
    )
    standing = [m for m in group.members if m.is_standing]
    for index, (month, title) in enumerate(STANDING_MEETINGS):
        name = f"{group.committee.display_name}{title}"
        topic = topics[0] if city and index == 1 else None
        if topic is not None:
            name += f"（{topic.title}专题协商）"
        activity, present = hold(
            group,
            code="standing",
            title=name,
            day=dt.date(year, month, 18),
            invitees=standing,
            present_share=0.9,
            source=InvitationSource.STANDING,
            topic=topic,
        )
        if city and index == 1:
            _recommendation(group, activity, present)


def _recommendation(group: DemoCommittee, activity, present: list[int]) -> None:
    title, body, instruction = RECOMMENDATION
    authors = list(Member.objects.filter(pk__in=present[:3]))
    outcome = record_outcome(
        actor=None,
        committee=group.committee,
        activity=activity,
        kind="recommendation",
        title=title,
        body=body,
        submitted_to="both",
        submitted_on=dt.date(2022, 5, 6),
        authors=authors,
    )
    # The paper instruction, typed in by the office and passed to the industry bureau.
    departments = liaisons(group.committee)
    industry = [d for d in departments if "经济和信息化" in d[0].name]
    see_through(
        target=target_named(OUTCOME),
        record=outcome,
        office=group.world.accounts["staff"],
        department=(industry or departments)[0],
        leader_name="市委主要领导",
        level="city",
        text=instruction,
        instructed_on=dt.date(2022, 5, 12),
        rng=group.world.rng,
    )
    record_adoption(
        actor=None,
        outcome=outcome,
        adoption="adopted",
        note="市政府将建议案纳入全市工业企业纾困盘活专项行动。",
    )


# 界别联组协商: the sectors meet in groups of this many, each group once a year, every engaged
# member of the group's sectors invited; the topic consultations take their places in turns.
SECTORS_PER_GROUP = 5
TOPIC_CONSULTATION_SIZE = 40


def _consultations(group: DemoCommittee, year: int, topics) -> None:
    approved = [t for t in topics[1:] if t.status == "approved"]
    held = approved[:3] if group.committee.parent_id is None else approved[:2]
    sectors = list(Sector.objects.filter(committee=group.committee).order_by("sort_order"))
    joint_groups = [
        sectors[i : i + SECTORS_PER_GROUP] for i in range(0, len(sectors), SECTORS_PER_GROUP)
    ]
    for topic in held:
        hold(
            group,
            code=topic.kind.code,
            title=topic.title,
            topic=topic,
            day=dt.date(year, 3 * (topic.quarter or 2), 22),
            invitees=group.consultation.take(TOPIC_CONSULTATION_SIZE),
            present_share=0.9,
        )
    for index, joint in enumerate(joint_groups):
        names = {s.pk for s in joint}
        hold(
            group,
            code="sector",
            title=f"界别联组协商会（{'、'.join(s.name for s in joint)}）",
            day=dt.date(year, 5 + index, 16),
            invitees=[m for m in group.engaged if m.sector_id in names],
            present_share=0.9,
        )


def _reports(group: DemoCommittee, year: int, count: int, joint: int) -> None:
    places = group.share(RESEARCH_ROUNDS, count + joint)
    for index, (code, title) in enumerate(REPORTS[:count]):
        day = dt.date(year, 3 + index % 9, 8 + index % 15)
        activity, present = hold(
            group,
            code=code,
            title=title,
            day=day,
            invitees=group.research.take(places),
            present_share=0.85,
        )
        record_report(group.committee, activity, code=code, title=title, day=day, present=present)


def _studies(group: DemoCommittee, year: int, count: int) -> None:
    codes = ("study", "study", "reading", "training")
    for index in range(count):
        topic = STUDY_TOPICS[index % len(STUDY_TOPICS)]
        hold(
            group,
            code=codes[index % len(codes)],
            title=f"{topic}（第{index + 1}期）",
            day=dt.date(year, 2 + index % 11, 1 + index % 27),
            invitees=group.sample(SMALL_GROUP),
            present_share=0.9,
            hours=2,
        )


def _joint(group: DemoCommittee, year: int, count: int, reports: int) -> None:
    places = group.share(RESEARCH_ROUNDS, count + reports)
    for index in range(count):
        title = JOINT[index % len(JOINT)]
        hold(
            group,
            code="joint",
            title=f"联动省政协{title}",
            upper="湖北省政协",
            day=dt.date(year, 4 + index % 8, 12),
            invitees=group.research.take(places),
            present_share=0.9,
        )


def _essays(group: DemoCommittee, year: int, count: int) -> None:
    world = group.world
    call = essays.open_call(
        actor=None,
        committee=group.committee,
        title=f"{group.committee.display_name}{year}年度理论研讨征文",
        theme="学习贯彻党的二十大精神，推进专门协商机构建设",
        deadline=dt.date(year, 9, 30),
        reviewers=[world.accounts["staff"], world.accounts["chair"]],
    )
    written = [
        essays.record_essay(
            actor=None,
            call=call,
            member=member,
            title=ESSAY_TITLES[i % len(ESSAY_TITLES)],
            body="正文略。",
            today=dt.date(year, 9, 1 + i % 28),
        )
        for i, member in enumerate(group.sample(count))
    ]
    essays.close_submissions(actor=None, call=call)
    for essay in written:
        for reviewer in call.reviewers.all():
            essays.score_essay(reviewer=reviewer, essay=essay, score=world.rng.randrange(70, 98))
    essays.publish_results(actor=None, call=call)


def _reading(group: DemoCommittee, year: int) -> None:
    members = group.sample(24)
    grp = reading.create_group(
        actor=None,
        committee=group.committee,
        name=f"{group.committee.display_name}委员读书群",
        members=members,
        books=BOOKS,
        leader=members[0],
    )
    books = list(grp.books.all())
    for index, book in enumerate(books):
        attendees = group.world.rng.sample(members, 12)
        reading.record_session(
            actor=None,
            group=grp,
            topic=f"《{book.title}》读书交流",
            held_on=dt.date(year, 4 + 3 * index, 20),
            attendee_ids=[m.pk for m in attendees],
            book=book,
        )


def _upcoming(group: DemoCommittee, year: int) -> None:
    """One consultation still open at the end of the year, so members can sign up or ask
    for leave and staff can show the sign-in screen."""
    world = group.world
    day = dt.date(year, 12, 28)
    activity = activity_services.create_activity(
        actor=None,
        committee=group.committee,
        kind=group.kinds["bimonthly"],
        title="双月协商座谈会：推进城区停车设施建设",
        starts_at=at(day),
        ends_at=at(day) + dt.timedelta(hours=3),
        location="市政协机关三楼会议室",
    )
    accounts = [world.accounts["member"].member.pk, world.accounts["member2"].member.pk]
    others = [m.pk for m in group.sample(20) if m.pk not in accounts]
    invite_members(
        actor=None, activity=activity, source=InvitationSource.MANUAL, member_ids=accounts + others
    )
    activity_services.send_notice(actor=None, activity=activity)


# Per committee: reports, study sessions, joint activities, essays; the city roll-up gives
# 24 reports, 65 study sessions, 17 joint activities and 29 essays.
VOLUMES = {
    "suizhou": (12, 20, 8, 14),
    "zengdu": (4, 15, 3, 5),
    "suixian": (4, 15, 3, 5),
    "guangshui": (4, 15, 3, 5),
}


def seed(world: DemoWorld) -> None:
    year = world.year
    for code, committee in world.committees.items():
        seed_default_kinds(committee=committee)
        group = DemoCommittee(world, committee)
        reports, studies, joint, essay_count = VOLUMES[code]
        topics = _plan(group, year)
        _meetings(group, year, city=committee.parent_id is None, topics=topics)
        _consultations(group, year, topics)
        _reports(group, year, reports, joint)
        _studies(group, year, studies)
        _joint(group, year, joint, reports)
        _essays(group, year, essay_count)
        _reading(group, year)
    _upcoming(DemoCommittee(world, world.city), year)
    world.notes.append("activities: 2022 meetings, consultations, reports, essays, reading")
