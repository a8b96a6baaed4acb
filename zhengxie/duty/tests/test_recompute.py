import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from zhengxie.core.factories import make_member
from zhengxie.core.task_leases import sweep_lost_tasks
from zhengxie.duty.factories import credit
from zhengxie.duty.models import DutyKind, PointsScheme, YearBalance, YearResultRow
from zhengxie.duty.selectors import figures
from zhengxie.duty.services.recompute import YearClosedError, publish_year, recompute_year
from zhengxie.duty.services.rules import activate_scheme, ensure_rules, save_rule


def test_recompute_writes_each_active_members_year_from_the_ledger(city):
    # given one busy and one idle member
    busy, idle = make_member(committee=city), make_member(committee=city)
    credit(member=busy, kind=DutyKind.ATTENDANCE, role="research", times=3)
    credit(member=busy, kind=DutyKind.PROPOSAL, role="first")
    # when
    count = recompute_year(committee=city, year=2022)
    # then
    assert count == 2
    row = YearBalance.objects.get(member=busy, year=2022)
    assert row.points == Decimal(30)
    assert row.breakdown == {"attendance": 15.0, "proposal": 15.0}
    assert row.attended is True
    assert YearBalance.objects.get(member=idle, year=2022).points == 0


def test_recompute_twice_gives_the_same_rows(city):
    member = make_member(committee=city)
    credit(member=member, kind=DutyKind.SESSION, times=2)
    recompute_year(committee=city, year=2022)
    recompute_year(committee=city, year=2022)
    assert YearBalance.objects.filter(member=member).count() == 1
    assert YearBalance.objects.get(member=member).points == Decimal(10)


def test_command_rebuilds_by_committee_code(city):
    member = make_member(committee=city)
    credit(member=member, kind=DutyKind.OPINION_SUBMITTED)
    call_command("recompute_duty", "--committee", "city", "--year", "2022")
    assert YearBalance.objects.get(member=member, year=2022).points == Decimal(3)
    with pytest.raises(CommandError, match="没有代码"):
        call_command("recompute_duty", "--committee", "nowhere", "--year", "2022")


def test_switching_to_the_hundred_point_scheme_recomputes_and_changes_grades(
    city, staff, django_capture_on_commit_callbacks
):
    # given a member with a few additive points
    member = make_member(committee=city)
    credit(member=member, kind=DutyKind.PROPOSAL, role="first", on=dt.date.today())
    recompute_year(committee=city, year=dt.date.today().year)
    before = YearBalance.objects.get(member=member)
    assert before.points == Decimal(15)
    # when office staff switch schemes (the background task runs at once in tests)
    anqing = PointsScheme.objects.get(committee=city, code="anqing")
    with django_capture_on_commit_callbacks(execute=True):
        activate_scheme(actor=staff, committee=city, scheme=anqing)
    # then 50 meetings + 30 proposal
    after = YearBalance.objects.get(member=member)
    assert after.points == Decimal(80)
    assert after.scheme_name == anqing.name
    assert after.grade != before.grade


def test_a_published_year_keeps_its_results_when_rules_change(
    city, staff, django_capture_on_commit_callbacks
):
    member = make_member(committee=city)
    credit(member=member, kind=DutyKind.REPORT)
    publish_year(actor=staff, committee=city, year=2022)
    scheme = PointsScheme.objects.get(committee=city, is_active=True)
    rule = scheme.rules.get(kind=DutyKind.REPORT)
    # when the rule doubles and the year is asked to recompute
    rule.points = Decimal(20)
    with django_capture_on_commit_callbacks(execute=True):
        save_rule(actor=staff, rule=rule)
    with pytest.raises(YearClosedError):
        recompute_year(committee=city, year=2022)
    # then the published row and the page figures keep 10
    assert YearResultRow.objects.get(member=member).points == Decimal(10)
    assert YearBalance.objects.get(member=member, year=2022).points == Decimal(10)


def test_only_office_staff_change_rules(city, county, make_user):
    ensure_rules(committee=city)
    scheme = PointsScheme.objects.get(committee=city, code="anqing")
    from django.core.exceptions import PermissionDenied

    from zhengxie.core.models import Role

    for user in (
        make_user(Role.MEMBER, city),
        make_user(Role.LEADER, city),
        make_user(Role.STAFF, county),
    ):
        with pytest.raises(PermissionDenied):
            activate_scheme(actor=user, committee=city, scheme=scheme)
    assert not PointsScheme.objects.get(pk=scheme.pk).is_active


def test_figures_count_participants_from_the_ledger(city, county):
    # given three city members, two attended (one attendance later revoked), and a county member
    a, b, c = (make_member(committee=city) for _ in range(3))
    credit(member=a, kind=DutyKind.ATTENDANCE, role="research")
    from zhengxie.duty.services import revoke_duty

    record = credit(member=b, kind=DutyKind.ATTENDANCE, role="research")[0]
    revoke_duty(member=b, kind=DutyKind.ATTENDANCE, source=record.source)
    make_member(committee=county)
    for kind in (
        DutyKind.PROPOSAL,
        DutyKind.REPORT,
        DutyKind.SESSION,
        DutyKind.OPINION_SUBMITTED,
        DutyKind.PRACTICAL_DEED,
    ):
        credit(member=c, kind=kind)
    recompute_year(committee=city, year=2022)
    # when
    found = figures(committee_ids=[city.pk], year=2022)
    # then
    assert found["total"] == 3
    assert found["participation_rate"] == pytest.approx(1 / 3)
    assert found["five_ones_completion_rate"] == pytest.approx(1 / 3)
    assert sum(band["count"] for band in found["points_distribution"]) == 3


def test_the_shipped_rules_a_committee_is_given_are_written_with_history(city):
    from zhengxie.duty.models import AnnualTask, PointsRule

    ensure_rules(committee=city)

    rules = PointsRule.history.filter(scheme__committee=city)
    tasks = AnnualTask.history.filter(committee=city)
    assert rules.count() == PointsRule.objects.filter(scheme__committee=city).count() > 0
    assert tasks.count() == AnnualTask.objects.filter(committee=city).count() > 0
    reasons = {r.history_change_reason for r in [*rules, *tasks]}
    assert reasons == {"初始积分方案"}


def test_a_recompute_whose_worker_died_is_queued_again_and_rewrites_the_year(
    city, staff, task_queue, django_capture_on_commit_callbacks
):
    # given a rules change whose recompute lost its worker on the production queue
    member = make_member(committee=city)
    credit(member=member, kind=DutyKind.PROPOSAL, role="first", on=dt.date.today())
    ensure_rules(committee=city)
    anqing = PointsScheme.objects.get(committee=city, code="anqing")
    with django_capture_on_commit_callbacks(execute=True):
        activate_scheme(actor=staff, committee=city, scheme=anqing)
    task_queue.start_and_die()
    assert not YearBalance.objects.filter(member=member).exists()
    # when the sweep finds its lease stale and a worker takes it again
    assert sweep_lost_tasks(now=task_queue.stale()).retried == 1
    assert task_queue.run() == 1
    # then the year is computed under the new scheme
    assert YearBalance.objects.get(member=member).scheme_name == anqing.name
