from io import StringIO

from django.core.management import call_command

from zhengxie.core import factories
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import credit_duty


def test_run_periodic_does_the_daily_work_once_a_day(city, monkeypatch):
    # given
    calls = []
    monkeypatch.setattr(
        "zhengxie.core.management.commands.run_periodic.call_command",
        lambda name, **kwargs: calls.append(name),
    )
    # when it runs twice on the same day
    call_command("run_periodic", stdout=StringIO())
    call_command("run_periodic", stdout=StringIO())
    # then the views are folded each time and the daily jobs run once
    assert calls.count("flush_thread_views") == 2
    for daily in ("proposal_deadlines", "send_activity_notices", "recompute_duty"):
        assert calls.count(daily) == 1


def test_the_daily_duty_refresh_counts_new_credits(city):
    # given a credit the standings have not counted yet
    from django.utils import timezone

    from zhengxie.duty.models import YearBalance

    member = factories.make_member(committee=city)
    today = timezone.localdate()
    credit_duty(member=member, kind=DutyKind.PROPOSAL, source=member, occurred_on=today)
    # when
    call_command("recompute_duty", current=True, stdout=StringIO())
    # then
    assert YearBalance.objects.filter(member=member, year=today.year).exists()
