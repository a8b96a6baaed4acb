import logging
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

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
    # then the views are folded, lost jobs swept and due notification copies sent each time
    # (the digest job keeps its own once-a-day), and the daily jobs run once
    for every_tick in ("flush_thread_views", "sweep_jobs", "send_deliveries", "send_digests"):
        assert calls.count(every_tick) == 2
    for daily in ("proposal_deadlines", "send_activity_notices", "recompute_duty", "train_intake"):
        assert calls.count(daily) == 1


def _jobs_failing(monkeypatch, *failing: str) -> list[str]:
    """Replaces the jobs with stand-ins that record their call and raise when named."""
    calls = []

    def run(name, **kwargs):
        calls.append(name)
        if name in failing:
            raise RuntimeError(f"{name} broke")

    monkeypatch.setattr("zhengxie.core.management.commands.run_periodic.call_command", run)
    return calls


def test_a_failing_job_is_logged_and_the_others_still_run(db, monkeypatch, caplog):
    # given the first daily job crashes
    calls = _jobs_failing(monkeypatch, "proposal_deadlines")
    # when
    with caplog.at_level(logging.ERROR), pytest.raises(CommandError, match="proposal_deadlines"):
        call_command("run_periodic", stdout=StringIO())
    # then every other job ran and the crash is in the log with the job's name
    assert calls == [
        "flush_thread_views",
        "sweep_jobs",
        "send_deliveries",
        "send_digests",
        "proposal_deadlines",
        "send_activity_notices",
        "remind_grassroots_actions",
        "remind_instructions",
        "recompute_duty",
        "train_intake",
        "close_expired_jobs",
        "prune_tasks",
    ]
    (record,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "proposal_deadlines" in record.getMessage() and record.exc_info


def test_a_failed_daily_job_is_retried_on_the_next_tick(db, monkeypatch):
    # given a daily job that fails on the first tick
    calls = _jobs_failing(monkeypatch, "send_activity_notices")
    with pytest.raises(CommandError):
        call_command("run_periodic", stdout=StringIO())
    # when the next tick finds it working again
    monkeypatch.setattr(
        "zhengxie.core.management.commands.run_periodic.call_command",
        lambda name, **kwargs: calls.append(name),
    )
    call_command("run_periodic", stdout=StringIO())
    # then it runs again, while the jobs that succeeded are not repeated that day
    assert calls.count("send_activity_notices") == 2
    assert calls.count("proposal_deadlines") == 1
    assert calls.count("recompute_duty") == 1


def test_a_failing_every_tick_job_makes_the_run_fail(db, monkeypatch):
    # given the view flush crashes
    calls = _jobs_failing(monkeypatch, "flush_thread_views")
    # when / then cron sees a failed run, and the daily jobs still ran
    with pytest.raises(CommandError, match="flush_thread_views"):
        call_command("run_periodic", stdout=StringIO())
    assert "recompute_duty" in calls


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


def test_the_daily_pruning_takes_old_finished_tasks_and_keeps_failures_longer(task_queue):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from zhengxie.core.tasks import send_deliveries

    # given three finished tasks and one still waiting
    for _n in range(4):
        send_deliveries.enqueue(delivery_ids=[])
    task_queue.run()
    old, failed_old, recent = DBTaskResult.objects.order_by("enqueued_at")[:3]
    now = timezone.now()
    DBTaskResult.objects.filter(pk__in=[old.pk, failed_old.pk]).update(
        finished_at=now - timedelta(days=40)
    )
    DBTaskResult.objects.filter(pk=failed_old.pk).update(status="FAILED")
    waiting = send_deliveries.enqueue(delivery_ids=[])
    # when the periodic runner's pruning runs
    call_command("prune_tasks", stdout=StringIO())
    # then only the successful task past 30 days is gone
    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert str(old.pk) not in {str(pk) for pk in left}
    assert {str(pk) for pk in (failed_old.pk, recent.pk, waiting.id)} <= {str(pk) for pk in left}


def test_pruning_has_nothing_to_do_when_tasks_run_at_once(db):
    out = StringIO()
    call_command("prune_tasks", stdout=out)
    assert "无需清理" in out.getvalue()
