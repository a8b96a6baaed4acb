"""Leases on background jobs: a worker that dies mid-job leaves a job the sweep retries once and
then fails with its reason; a live worker's heartbeat keeps its job; imports keep their upload
until they end."""

import threading
import time
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from zhengxie.core import leases
from zhengxie.core.factories import make_roster_dictionaries, make_roster_row, make_roster_workbook
from zhengxie.core.models import ImportStatus, Member, RosterImport
from zhengxie.core.services.roster import start_roster_import
from zhengxie.proposals import factories as proposal_factories
from zhengxie.proposals.imports.jobs import start_import
from zhengxie.proposals.models import Proposal, RegisterImport, RegisterImportStatus
from zhengxie.proposals.tests.test_imports import row, workbook


class WorkerKilled(BaseException):
    """What a killed worker looks like to the job: it never reaches the job's own error
    handling (a SIGKILL runs no handler at all; this stops the job at the same point). The
    in-process task backend of the tests records it as the task's failure and goes on."""


def _kill_worker_in(monkeypatch, target: str, times: int = 1) -> list[int]:
    """The worker dies when the job reaches `target`, `times` times; returns the death count."""
    deaths = []
    original = _resolve(target)

    def die(*args, **kwargs):
        if len(deaths) < times:
            deaths.append(1)
            raise WorkerKilled
        return original(*args, **kwargs)

    monkeypatch.setattr(target, die)
    return deaths


def _resolve(target: str):
    module, name = target.rsplit(".", 1)
    return getattr(__import__(module, fromlist=[name]), name)


def _later() -> timezone.datetime:
    return timezone.now() + timedelta(seconds=leases.LEASE_SECONDS + 1)


@pytest.fixture
def roster(city):
    make_roster_dictionaries(committee=city)
    return city


def _start_roster(staff, roster, capture):
    with capture(execute=True):
        start_roster_import(
            user=staff,
            committee=roster,
            file_name="名册.xlsx",
            content=make_roster_workbook([make_roster_row()]),
        )
    return RosterImport.objects.get()


def test_a_roster_import_whose_worker_died_is_retried_and_completes(
    roster, staff, monkeypatch, django_capture_on_commit_callbacks
):
    # given a worker killed while it writes the rows
    _kill_worker_in(monkeypatch, "zhengxie.core.services.roster.apply_rows")
    job = _start_roster(staff, roster, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.APPLYING and job.heartbeat_at and job.content
    assert not Member.objects.exists()
    # when the sweep runs while the lease is still fresh, then after it has gone stale
    assert leases.sweep_lost_jobs() == leases.Sweep()
    with django_capture_on_commit_callbacks(execute=True):
        sweep = leases.sweep_lost_jobs(now=_later())
    # then the job went back in the queue and a worker finished it from its kept workbook
    assert sweep == leases.Sweep(retried=1, failed=0)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.created_count) == (ImportStatus.DONE, 2, 1)
    assert Member.objects.filter(committee=roster, name="李明").count() == 1


def test_a_job_that_loses_its_worker_twice_is_failed_with_the_reason(
    roster, staff, monkeypatch, django_capture_on_commit_callbacks
):
    # given a workbook that kills its worker every time
    _kill_worker_in(monkeypatch, "zhengxie.core.services.roster.apply_rows", times=2)
    job = _start_roster(staff, roster, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        leases.sweep_lost_jobs(now=_later())
    # when the second lease goes stale too
    sweep = leases.sweep_lost_jobs(now=_later())
    # then the job is failed, says why, and nothing was written
    assert sweep == leases.Sweep(retried=0, failed=1)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and job.finished_at and job.content == b""
    assert job.errors == ["处理任务的进程已停止响应（已尝试 2 次），未写入任何数据。"]
    assert not Member.objects.exists()
    assert leases.sweep_lost_jobs(now=_later() + timedelta(hours=1)) == leases.Sweep()


def test_a_register_import_keeps_its_workbook_until_a_retry_has_written_it(
    city, staff, monkeypatch, django_capture_on_commit_callbacks, stored_files
):
    # given a register import whose worker dies while it writes the proposals
    from zhengxie.core import factories as core

    core.make_handling_unit(committee=city, name="市住建局")
    plenary = proposal_factories.make_plenary(committee=city)
    _kill_worker_in(monkeypatch, "zhengxie.proposals.imports.running.apply_rows")
    with django_capture_on_commit_callbacks(execute=True):
        token = start_import(
            user=staff, plenary=plenary, file_name="登记表.xlsx", content=workbook([row()])
        )
    # then nothing is written, the job is still running and its workbook is still stored
    job = RegisterImport.objects.get()
    assert job.status == RegisterImportStatus.RUNNING and job.heartbeat_at
    assert stored_files() == [job.path] and default_storage.exists(job.path)
    assert not Proposal.objects.exists()
    # when the sweep finds the lease stale
    with django_capture_on_commit_callbacks(execute=True):
        assert leases.sweep_lost_jobs(now=_later()).retried == 1
    # then the retry read the kept workbook, wrote the register once and removed the file
    job.refresh_from_db()
    assert (job.token, job.status, job.result) == (token, RegisterImportStatus.DONE, [1, 0, 0])
    assert list(Proposal.objects.values_list("number", flat=True)) == [1]
    assert stored_files() == [] and job.path == ""


def test_a_finished_register_import_removes_its_workbook(
    city, staff, django_capture_on_commit_callbacks, stored_files
):
    plenary = proposal_factories.make_plenary(committee=city)
    with django_capture_on_commit_callbacks(execute=True):
        start_import(user=staff, plenary=plenary, file_name="x.xlsx", content=b"not a workbook")
    job = RegisterImport.objects.get()
    assert job.status == RegisterImportStatus.FAILED and job.errors
    assert stored_files() == []


@pytest.mark.django_db(transaction=True)
def test_a_live_worker_keeps_renewing_its_lease(monkeypatch, city, staff):
    # given a job held by a worker that beats every 50 ms
    monkeypatch.setattr(leases, "HEARTBEAT_SECONDS", 0.05)
    job = RosterImport.objects.create(committee=city, uploaded_by=staff, file_name="x.xlsx")
    with leases.hold_lease(job):
        first = job.heartbeat_at
        # when the job runs past several beats
        time.sleep(0.4)
        job.refresh_from_db()
        # then its heartbeat moved on, so the sweep leaves it alone
        assert job.heartbeat_at > first
        stale_for_the_first_beat = first + timedelta(seconds=leases.LEASE_SECONDS + 0.1)
        assert leases.sweep_lost_jobs(now=stale_for_the_first_beat) == leases.Sweep()
    # and once the worker has let go, no thread beats any more
    job.refresh_from_db()
    last = job.heartbeat_at
    time.sleep(0.2)
    job.refresh_from_db()
    assert job.heartbeat_at == last and job.attempts == 1


def test_inside_a_callers_transaction_no_beat_thread_waits_on_the_row(city, staff, monkeypatch):
    # given a job run inside a transaction that holds its row (as the test database does)
    monkeypatch.setattr(leases, "HEARTBEAT_SECONDS", 0.01)
    job = RosterImport.objects.create(committee=city, uploaded_by=staff, file_name="x.xlsx")
    before = threading.active_count()
    # when
    with leases.hold_lease(job):
        running = threading.active_count()
    # then the lease is taken, and no second connection was set to beat on the locked row
    assert running == before and job.attempts == 1 and job.heartbeat_at
