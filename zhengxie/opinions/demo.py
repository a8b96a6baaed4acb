"""2022 opinion reports for the demo world: most members of the four committees report one
piece (the review's 五个一 asks each member for one a year); the offices adopt, combine the
adopted ones into issues of 《社情民意》, send the best up the ladder and transcribe the paper
instructions leaders wrote on them.

Volume goes in bulk; duty credits go through the duty service; issues and escalations go
through this app's services and instructions through the instructions app's, so numbering,
history and credits are real."""

import datetime as dt
import random
from collections import Counter
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from simple_history.utils import bulk_create_with_history

from zhengxie.core.demo import DEMO_PASSWORD, DemoWorld
from zhengxie.core.models import Committee, HandlingUnit, Member, Role, RoleGrant, User
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import Credit, credit_duty_many
from zhengxie.instructions.services import transcribe_instruction
from zhengxie.instructions.targets import target_named

from . import services
from .demo_texts import BODIES, INSTRUCTION_TEXTS, LEADERS, write_report
from .instruction_targets import REPORT
from .models import AdoptionMode, OpinionReport, OpinionState

TZ = ZoneInfo("Asia/Shanghai")
REPORTING_SHARE = 0.87  # most, not all, members report in the year
OUTCOMES = [  # what became of a 2022 report by the year's end, with weights
    (OpinionState.ADOPTED, 0.24),
    (OpinionState.FORWARDED, 0.12),
    (OpinionState.DECLINED, 0.52),
    (OpinionState.EDITING, 0.05),
    (OpinionState.SUBMITTED, 0.04),
    (OpinionState.RETURNED, 0.03),
]
ISSUES = {"suizhou": 12, "zengdu": 6, "suixian": 6, "guangshui": 6}
SINGLE_ISSUES = {"suizhou": 3}
PENDING = 4  # adopted reports left for the bulletin builder
ESCALATIONS = {"city": 18, "provincial": 8, "national": 3}
INSTRUCTIONS = {"city": 8, "provincial": 3, "national": 1}


def _office(world: DemoWorld, code: str, committee: Committee, password: str) -> User:
    """The information office account of each committee (信息科)."""
    user = User(
        username=f"{code}_info",
        display_name=f"{committee.display_name} 信息科编辑",
        password=password,
    )
    user.save()
    RoleGrant.objects.create(user=user, committee=committee, role=Role.STAFF, department="信息科")
    world.accounts[user.username] = user
    return user


def _moment(rng: random.Random, after: dt.datetime | None = None, days=(3, 25)) -> dt.datetime:
    if after is None:
        day = dt.date(2022, 1, 10) + dt.timedelta(days=rng.randrange(330))
        return dt.datetime.combine(day, dt.time(rng.randrange(8, 18), rng.randrange(60)), TZ)
    return after + dt.timedelta(days=rng.randrange(*days), hours=rng.randrange(8))


def _featured(world: DemoWorld, committee: Committee) -> dict[int, str]:
    """The demo members' own reports take set outcomes: one adopted, one returned."""
    wanted = {"member": OpinionState.ADOPTED, "member2": OpinionState.RETURNED}
    featured = {}
    for key, state in wanted.items():
        member = getattr(world.accounts.get(key), "member", None)
        if member is not None and member.committee_id == committee.pk:
            featured[member.pk] = state
    return featured


def _draft_reports(world: DemoWorld, committee: Committee, members: list[Member], office: User):
    """In-memory reports with their outcome set; returns (report, member authors) pairs."""
    rng = world.rng
    units = list(HandlingUnit.objects.filter(committee=committee).order_by("id"))
    featured = _featured(world, committee)
    authors = rng.sample(members, round(len(members) * REPORTING_SHARE))
    authors = [m for m in members if m.pk in featured and m not in authors] + authors
    pairs = [([m, *([rng.choice(members)] if rng.random() < 0.1 else [])], "", "") for m in authors]
    pairs += [([], kind, rng.choice(names)) for kind, names in BODIES.items() for _ in range(3)]
    drafted = []
    for member_list, body_kind, body_name in pairs:
        title, body, category = write_report(rng, region=committee.region)
        state = rng.choices([s for s, _w in OUTCOMES], [w for _s, w in OUTCOMES])[0]
        state = featured.get(member_list[0].pk, state) if member_list else state
        submitted = _moment(rng)
        report = OpinionReport(
            committee=committee, title=title, body=body, category=category,
            body_kind=body_kind, body_name=body_name, state=state, submitted_at=submitted,
            # the member's own account where there is one; the office files for bodies
            created_by=member_list[0].user if member_list else office,
        )  # fmt: skip
        if state in (OpinionState.ADOPTED, OpinionState.FORWARDED, OpinionState.DECLINED):
            report.decided_at = _moment(rng, submitted)
        if state == OpinionState.ADOPTED:
            report.adoption_mode = AdoptionMode.COMBINED
        elif state == OpinionState.FORWARDED:
            report.forwarded_unit = rng.choice(units)
        elif state in (OpinionState.DECLINED, OpinionState.RETURNED):
            report.editor_comments = rng.choice(
                ["缺少具体数据支撑，请补充。", "建议部分可操作性不强。", "属一般性工作情况。"]
            )
        drafted.append((report, list(dict.fromkeys(member_list))))
    return drafted


def _save(drafted: list[tuple[OpinionReport, list[Member]]], office: User) -> None:
    reports = [report for report, _members in drafted]
    bulk_create_with_history(
        reports, OpinionReport, batch_size=500, default_user=office, default_change_reason="报送"
    )
    through = OpinionReport.members.through
    through.objects.bulk_create(
        through(opinionreport_id=report.pk, member_id=member.pk)
        for report, members in drafted
        for member in members
    )


def _credit(drafted) -> None:
    credits = []
    for report, members in drafted:
        for member in members:
            credits.append(
                Credit(
                    member=member,
                    kind=DutyKind.OPINION_SUBMITTED,
                    source=report,
                    occurred_on=report.submitted_at.date(),
                )
            )
            if report.state == OpinionState.ADOPTED:
                credits.append(
                    Credit(
                        member=member,
                        kind=DutyKind.OPINION_ADOPTED,
                        source=report,
                        occurred_on=report.decided_at.date(),
                        role=report.adoption_mode,
                    )
                )
    credit_duty_many(credits=credits)


def _issues(world: DemoWorld, code: str, committee: Committee, office: User) -> list:
    """Singles first take their own issues; the rest are combined in decision order."""
    adopted = list(
        OpinionReport.objects.filter(committee=committee, state=OpinionState.ADOPTED).order_by(
            "decided_at", "id"
        )
    )
    singles = SINGLE_ISSUES.get(code, 1)
    for report in adopted[:singles]:
        report.adoption_mode = AdoptionMode.SINGLE
        report.save(update_fields=["adoption_mode"])
    combined = adopted[singles : len(adopted) - PENDING]
    slots = ISSUES[code] - singles
    size = -(-len(combined) // slots)
    batches = [[r] for r in adopted[:singles]]
    batches += [combined[i : i + size] for i in range(0, len(combined), size)]
    batches.sort(key=lambda batch: max(r.decided_at for r in batch))
    for batch in batches:
        topic = Counter(r.category for r in batch).most_common(1)[0][0]
        services.compose_bulletin(
            committee=committee,
            actor=office,
            report_ids=[r.pk for r in batch],
            title=batch[0].title if len(batch) == 1 else f"{topic}等方面社情民意",
            issued_on=(max(r.decided_at for r in batch) + dt.timedelta(days=3)).date(),
            editor="信息科",
            approver="秘书长",
        )
    return adopted


def _ladder(world: DemoWorld, adopted: list[OpinionReport], office: User) -> None:
    """The city's best adopted reports go up; some collect instructions at each level."""
    rng = world.rng
    for level, count in ESCALATIONS.items():
        for report in rng.sample(adopted, min(count, len(adopted))):
            sent = report.decided_at.date() + dt.timedelta(days=rng.randrange(2, 10))
            escalation = services.escalate_report(
                report=report, actor=office, level=level, sent_on=sent
            )
            if rng.random() < 0.7:
                adopted_on = sent + dt.timedelta(days=rng.randrange(5, 30))
                services.record_upper_adoption(
                    escalation=escalation, actor=office, adopted_on=adopted_on
                )
    featured = [r for r in adopted if r.created_by_id == world.accounts["member"].pk]
    for level, count in INSTRUCTIONS.items():
        chosen = rng.sample(adopted, min(count, len(adopted)))
        if level == "city":
            chosen = featured + [r for r in chosen if r not in featured][: count - len(featured)]
        for report in chosen:
            name, title = rng.choice(LEADERS[level])
            transcribe_instruction(
                target=target_named(REPORT),
                record=report,
                actor=office,
                leader_name=name,
                leader_title=title,
                level=level,
                text=rng.choice(INSTRUCTION_TEXTS).format(unit="相关部门"),
                instructed_on=report.decided_at.date() + dt.timedelta(days=rng.randrange(3, 40)),
            )


def seed(world: DemoWorld) -> None:
    password = make_password(DEMO_PASSWORD)  # one slow hash shared by the four accounts
    for code, committee in world.committees.items():
        office = _office(world, code, committee, password)
        members = list(
            Member.objects.filter(committee=committee).select_related("user").order_by("id")
        )
        drafted = _draft_reports(world, committee, members, office)
        _save(drafted, office)
        _credit(drafted)
        adopted = _issues(world, code, committee, office)
        if code == "suizhou":
            _ladder(world, adopted, office)
        else:
            _ladder_county(world, adopted, office)


def _ladder_county(world: DemoWorld, adopted: list[OpinionReport], office: User) -> None:
    """A county's adopted reports go to the city level now and then."""
    for report in world.rng.sample(adopted, min(2, len(adopted))):
        services.escalate_report(
            report=report,
            actor=office,
            level="city",
            sent_on=report.decided_at.date() + dt.timedelta(days=5),
        )
