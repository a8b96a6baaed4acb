"""One committee's year of opinion reports for the demo, stated as a plan and played through the
services the web views call: members write and submit their reports, the information office
adopts, forwards, declines or returns them through the workflow, composes the adopted ones into
issues of 《社情民意》, sends the best up the ladder and transcribes the paper instructions
leaders wrote on them. Every date is the day the act took place (`at`/`sent_on`/
`instructed_on`), so 2021 and 2022 each count in their own year; the figures come out of the
records, nothing is set to a target."""

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from zoneinfo import ZoneInfo

from zhengxie.core.models import Committee, HandlingUnit, Member, User
from zhengxie.instructions.demo import liaisons, see_through
from zhengxie.instructions.targets import target_named

from . import services
from .demo_texts import BODIES, INSTRUCTION_TEXTS, LEADERS, write_report
from .instruction_targets import REPORT
from .models import AdoptionMode, OpinionReport
from .models import OpinionState as S

TZ = ZoneInfo("Asia/Shanghai")
# What became of a year's reports by its end (the office's decisions, as shares of all).
OUTCOMES = {
    S.ADOPTED: 0.24,
    S.FORWARDED: 0.12,
    S.DECLINED: 0.52,
    S.EDITING: 0.05,
    S.SUBMITTED: 0.04,
    S.RETURNED: 0.03,
}
EDITOR_COMMENTS = ["缺少具体数据支撑，请补充。", "建议部分可操作性不强。", "属一般性工作情况。"]


@dataclass(frozen=True)
class OpinionPlan:
    """A committee's year, as inputs."""

    reporting_share: float  # members who write a report in the year (五个一: one each)
    co_signed_share: float  # member reports a second member signs too
    body_reports: int  # reports each kind of body files through the office
    issues: int  # issues of 《社情民意》 composed in the year
    singles: int  # of them, issues of one report adopted on its own
    pending: int  # adopted reports left for the bulletin builder at the year's end
    escalations: dict[str, int]  # level -> adopted reports sent up to it
    upper_adopted_share: float  # of those, adopted by the level above
    instructions: dict[str, int]  # level -> adopted reports a leader instructed on
    outcomes: dict[str, float] = field(default_factory=lambda: dict(OUTCOMES))


@dataclass
class Draft:
    """One report as planned: who writes it, when, and what the office decides."""

    author: User
    member_ids: list[int]
    body_kind: str
    body_name: str
    submitted: dt.datetime
    outcome: str = S.SUBMITTED
    decided: dt.datetime | None = None
    report: OpinionReport | None = None


@dataclass
class Desk:
    """What one committee's year is played with."""

    committee: Committee
    office: User
    members: list[Member]
    year: int
    rng: random.Random
    featured: dict[int, str] = field(default_factory=dict)  # member pk -> set outcome
    excluded: set[int] = field(default_factory=set)  # members who write nothing this year

    @cached_property
    def units(self) -> list[HandlingUnit]:
        return list(HandlingUnit.objects.filter(committee=self.committee).order_by("id"))


def _moment(desk: Desk, after: dt.datetime | None = None) -> dt.datetime:
    rng = desk.rng
    if after is None:
        day = dt.date(desk.year, 1, 10) + dt.timedelta(days=rng.randrange(330))
        return dt.datetime.combine(day, dt.time(rng.randrange(8, 18), rng.randrange(60)), TZ)
    return after + dt.timedelta(days=rng.randrange(3, 25), hours=rng.randrange(8))


def _counts(total: int, shares: dict[str, float]) -> dict[str, int]:
    """Each outcome's number of reports: the shares of the total, by largest remainder."""
    exact = {state: total * share / sum(shares.values()) for state, share in shares.items()}
    counts = {state: int(value) for state, value in exact.items()}
    order = sorted(exact, key=lambda state: exact[state] - counts[state], reverse=True)
    for state in order[: total - sum(counts.values())]:
        counts[state] += 1
    return counts


def _drafts(desk: Desk, plan: OpinionPlan) -> list[Draft]:
    rng = desk.rng
    writers = [m for m in desk.members if m.pk not in desk.excluded]
    chosen = rng.sample(writers, round(len(writers) * plan.reporting_share))
    chosen = [m for m in writers if m.pk in desk.featured and m not in chosen] + chosen
    others = [m for m in writers if m.pk not in desk.featured]
    drafts = []
    for member in chosen:
        co = [rng.choice(others).pk] if rng.random() < plan.co_signed_share else []
        ids = list(dict.fromkeys([member.pk, *co]))
        # A member with an account writes on the platform; the office types in the rest.
        author = member.user if member.user_id else desk.office
        drafts.append(Draft(author, ids, "", "", _moment(desk)))
    for kind, names in BODIES.items():
        for _n in range(plan.body_reports):
            drafts.append(Draft(desk.office, [], kind, rng.choice(names), _moment(desk)))
    return drafts


def _decide(desk: Desk, plan: OpinionPlan, drafts: list[Draft]) -> None:
    """Sets each draft's outcome: the featured members' as set, the rest by the plan's counts."""
    counts = _counts(len(drafts), plan.outcomes)
    rest = []
    for draft in drafts:
        outcome = desk.featured.get(draft.member_ids[0]) if draft.member_ids else None
        if outcome is None:
            rest.append(draft)
        else:
            draft.outcome = outcome
            counts[outcome] -= 1
    desk.rng.shuffle(rest)
    outcomes = [state for state, count in counts.items() for _n in range(max(count, 0))]
    for draft, outcome in zip(rest, outcomes, strict=False):
        draft.outcome = outcome
    for draft in drafts:
        if draft.outcome not in (S.SUBMITTED, S.EDITING):
            draft.decided = _moment(desk, draft.submitted)


def _write(desk: Desk, draft: Draft) -> None:
    """The author writes and submits the report through the service the report form calls."""
    title, body, category = write_report(desk.rng, region=desk.committee.region)
    draft.report = services.create_report(
        committee=desk.committee,
        actor=draft.author,
        title=title,
        body=body,
        category=category,
        member_ids=draft.member_ids,
        body_kind=draft.body_kind,
        body_name=draft.body_name,
        submit=True,
        at=draft.submitted,
    )


def _step(desk: Desk, draft: Draft, mode: str) -> None:
    """The office's decision, taken through the workflow as the record page's buttons do."""
    rng, outcome = desk.rng, draft.outcome
    action, options = {
        S.EDITING: ("accept", {}),
        S.ADOPTED: ("adopt", {"mode": mode}),
        S.FORWARDED: ("forward", {"unit": rng.choice(desk.units)}),
        S.DECLINED: ("decline", {"comment": rng.choice(EDITOR_COMMENTS)}),
        S.RETURNED: ("return", {"comment": rng.choice(EDITOR_COMMENTS)}),
    }[outcome]
    draft.report = services.apply_action(
        report=draft.report,
        actor=desk.office,
        action=action,
        at=draft.decided or draft.submitted + dt.timedelta(days=2),
        **options,
    )


def _issues(desk: Desk, plan: OpinionPlan, adopted: list[Draft]) -> None:
    """Singles take their own issues; the rest are combined in decision order into the plan's
    remaining issues; the last few adopted wait for the bulletin builder."""
    singles = adopted[: plan.singles]
    combined = adopted[plan.singles : len(adopted) - plan.pending]
    slots = min(max(plan.issues - len(singles), 1), len(combined))
    sizes = [len(combined) // slots + (i < len(combined) % slots) for i in range(slots)]
    bounds = [sum(sizes[:i]) for i in range(slots + 1)]
    batches = [[d] for d in singles]
    batches += [combined[bounds[i] : bounds[i + 1]] for i in range(slots)]
    batches.sort(key=lambda batch: max(d.decided for d in batch))
    year_end = dt.date(desk.year, 12, 31)
    for batch in batches:
        issued_on = min((max(d.decided for d in batch) + dt.timedelta(days=3)).date(), year_end)
        topic = Counter(d.report.category for d in batch).most_common(1)[0][0]
        services.compose_bulletin(
            committee=desk.committee,
            actor=desk.office,
            report_ids=[d.report.pk for d in batch],
            title=batch[0].report.title if len(batch) == 1 else f"{topic}等方面社情民意",
            issued_on=issued_on,
            editor="信息科",
            approver="秘书长",
        )


def _ladder(desk: Desk, plan: OpinionPlan, adopted: list[Draft]) -> None:
    """The best adopted reports go up to each level; the level above adopts its share."""
    rng = desk.rng
    for level, count in plan.escalations.items():
        sent = rng.sample(adopted, min(count, len(adopted)))
        taken = round(len(sent) * plan.upper_adopted_share)
        for index, draft in enumerate(sent):
            sent_on = draft.decided.date() + dt.timedelta(days=rng.randrange(2, 10))
            escalation = services.escalate_report(
                report=draft.report, actor=desk.office, level=level, sent_on=sent_on
            )
            if index < taken:
                services.record_upper_adoption(
                    escalation=escalation,
                    actor=desk.office,
                    adopted_on=sent_on + dt.timedelta(days=rng.randrange(5, 30)),
                )


def _instructions(desk: Desk, plan: OpinionPlan, adopted: list[Draft]) -> None:
    """Leaders instruct on some adopted reports; the featured members' come first in the
    committee's own level, so their record pages show one. The office passes each to a
    department, which reports back."""
    rng = desk.rng
    departments = liaisons(desk.committee)
    featured = [d for d in adopted if d.member_ids and d.member_ids[0] in desk.featured]
    for level, count in plan.instructions.items():
        chosen = rng.sample(adopted, min(count, len(adopted)))
        if level == "city":
            rest = [d for d in chosen if d not in featured]
            chosen = (featured + rest)[: max(count, len(featured))]
        for draft in chosen:
            name, title = rng.choice(LEADERS[level])
            department = rng.choice(departments)
            see_through(
                target=target_named(REPORT),
                record=draft.report,
                office=desk.office,
                department=department,
                leader_name=name,
                leader_title=title,
                level=level,
                text=rng.choice(INSTRUCTION_TEXTS).format(unit=department[0].name),
                instructed_on=draft.decided.date() + dt.timedelta(days=rng.randrange(3, 40)),
                rng=rng,
            )


def play_year(desk: Desk, plan: OpinionPlan) -> list[Draft]:
    """Writes, decides, composes and sends up one committee's year; returns its drafts."""
    drafts = _drafts(desk, plan)
    _decide(desk, plan, drafts)
    adopted = sorted(
        (d for d in drafts if d.outcome == S.ADOPTED), key=lambda d: (d.decided, d.submitted)
    )
    singles = {id(d) for d in adopted[: plan.singles]}
    for draft in sorted(drafts, key=lambda d: d.submitted):
        _write(desk, draft)
        if draft.outcome != S.SUBMITTED:
            mode = AdoptionMode.SINGLE if id(draft) in singles else AdoptionMode.COMBINED
            _step(desk, draft, mode)
    _issues(desk, plan, adopted)
    _ladder(desk, plan, adopted)
    _instructions(desk, plan, adopted)
    return drafts
