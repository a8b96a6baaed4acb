import random

import pytest
from django.db.models import Count

from zhengxie.core import demo as core_demo
from zhengxie.core.models import Committee, HandlingUnit, Member
from zhengxie.instructions.models import Instruction, InstructionState
from zhengxie.opinions import demo, selectors
from zhengxie.opinions.models import BulletinIssue, OpinionReport, OpinionState
from zhengxie.proposals.factories import make_unit_user


def test_demo_year_has_reports_from_most_members_issues_and_instructions_at_each_level(db):
    # given the core world
    world = core_demo.DemoWorld(rng=random.Random(2022))
    core_demo.seed(world)
    # and a liaison in two departments of each committee (the proposals step makes them)
    for unit in HandlingUnit.objects.filter(sort_order__lt=2):
        make_unit_user(committee=unit.committee, unit=unit)
    # when
    demo.seed(world)
    # then most, but not all, members reported
    reporters = Member.objects.filter(opinion_reports__isnull=False).distinct().count()
    assert 0.8 * 1119 < reporters < 1119
    city = Committee.objects.get(code="suizhou")
    numbers = list(
        BulletinIssue.objects.filter(committee=city, year=2022)
        .order_by("number")
        .values_list("number", flat=True)
    )
    assert numbers == list(range(1, 13))
    figures = selectors.figures_in_detail(committee_ids=[city.pk], year=2022)
    assert all(row["instructions"] > 0 for row in figures["by_level"].values())
    assert all(row["escalated"] > 0 for row in figures["by_level"].values())
    assert 0.15 < figures["adoption_rate"] < 0.4
    # every issue holds adopted reports only, and no report is in two issues
    assert (
        not OpinionReport.objects.filter(bulletin__isnull=False)
        .exclude(state=OpinionState.ADOPTED)
        .exists()
    )
    sizes = BulletinIssue.objects.annotate(n=Count("reports")).values_list("n", flat=True)
    assert min(sizes) >= 1
    # the demo member's own report is adopted and instructed
    liu = world.accounts["member"].member
    assert liu.opinion_reports.get().instructions.exists()
    # every instruction was passed to a department, which reported back before its deadline
    instructions = Instruction.objects.all()
    assert instructions.exists()
    assert {i.state for i in instructions} == {InstructionState.CLOSED}
    for instruction in instructions.prefetch_related("follow_ups"):
        (feedback,) = instruction.follow_ups.all()
        assert feedback.accepted
        assert instruction.instructed_on < feedback.submitted_at.date() <= instruction.due_on
    # and each committee's information office can log in with the demo password
    office = world.accounts["guangshui_info"]
    office.refresh_from_db()
    assert office.check_password(core_demo.DEMO_PASSWORD)


def _demo_modules() -> list:
    from pathlib import Path

    from django.conf import settings

    code = Path(settings.BASE_DIR) / "zhengxie"
    return [
        path
        for path in code.rglob("*.py")
        if "tests" not in path.parts and ("demo" in path.name or "demo" in path.parent.name)
    ]


def test_no_demo_code_inserts_opinion_reports_or_their_credits_past_the_services():
    # given every demo module of every app
    modules = _demo_modules()
    assert any(path.name == "demo_year.py" for path in modules)
    # when those that touch opinion reports are read
    offenders = []
    for path in modules:
        text = path.read_text(encoding="utf-8")
        if "OpinionReport" in text and "bulk_create" in text:
            offenders.append(f"{path.name}: bulk_create beside OpinionReport")
        if "DutyKind.OPINION" in text or ("credit_duty" in text and "opinions" in str(path)):
            offenders.append(f"{path.name}: writes opinion duty credits itself")
    # then none inserts reports or credits them in bulk: both come from the services
    assert not offenders, offenders


@pytest.mark.django_db
def test_every_demo_decision_has_its_workflow_history_and_duty_credit(demo_world):
    import datetime as dt

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from zhengxie.duty.models import DutyKind, DutyRecord

    # given the demo's own adopted reports (not those handed up from below)
    adopted = OpinionReport.objects.filter(
        state=OpinionState.ADOPTED, escalated_from__isnull=True
    ).prefetch_related("members")
    assert adopted.filter(submitted_at__year=2021).exists()
    assert adopted.filter(submitted_at__year=2022).exists()
    # when their history and the ledger are read
    steps = {
        row["id"]: row["history_date"]
        for row in OpinionReport.history.filter(
            state=OpinionState.ADOPTED, history_change_reason__startswith="采用"
        ).values("id", "history_date")
    }
    credited = set(
        DutyRecord.objects.filter(
            kind=DutyKind.OPINION_ADOPTED,
            sign=1,
            source_type=ContentType.objects.get_for_model(OpinionReport),
        ).values_list("source_id", "member_id", "occurred_on")
    )
    # then each was adopted by the workflow's step, dated its decision, and every member
    # author holds the step's credit of that day
    for report in adopted:
        assert abs(steps[report.pk] - report.decided_at) < dt.timedelta(seconds=1), report.pk
        day = timezone.localdate(report.decided_at)
        for member in report.members.all():
            assert (report.pk, member.pk, day) in credited, report.pk


@pytest.mark.django_db
def test_the_city_demo_year_is_its_plan_played_through(demo_world):
    from zhengxie.opinions.demo import CITY_PLAN
    from zhengxie.opinions.demo_year import _counts
    from zhengxie.opinions.models import Escalation

    # given the city's own 2022 reports (not proposals converted by the review)
    city = Committee.objects.get(code="suizhou")
    reports = OpinionReport.objects.filter(
        committee=city,
        submitted_at__year=2022,
        escalated_from__isnull=True,
        source_type__isnull=True,
    )
    # when the outcomes, issues and escalations are counted
    outcomes = dict(reports.values_list("state").annotate(n=Count("id")).order_by())
    # then each is what the plan's inputs give for that many reports
    planned = _counts(reports.count(), CITY_PLAN.outcomes)
    assert outcomes == {state: n for state, n in planned.items() if n}
    issues = BulletinIssue.objects.filter(committee=city, year=2022)
    assert issues.count() == CITY_PLAN.issues
    filed = reports.filter(bulletin__isnull=False).count()
    assert filed == planned[OpinionState.ADOPTED] - CITY_PLAN.pending
    sent = Escalation.objects.filter(report__in=reports)
    for level, count in CITY_PLAN.escalations.items():
        assert sent.filter(level=level).count() == count
