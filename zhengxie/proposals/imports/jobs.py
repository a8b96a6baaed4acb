"""Register uploads: the page starts one, a background task checks and writes it while the
page polls its progress. The job is a RegisterImport row under a lease (core.leases); the
workbook stays in private storage until the job has finished, so a job whose worker died is
read again from the start by its retry."""

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import task

from zhengxie.core.leases import hold_lease
from zhengxie.core.models import Plenary, User
from zhengxie.core.permissions import check_office

from ..models import RegisterImport, RegisterImportStatus
from .running import run_import


def import_state(token: str) -> RegisterImport | None:
    return RegisterImport.objects.filter(token=token).first()


def start_import(
    *,
    user: User,
    plenary: Plenary,
    file_name: str,
    content: bytes,
    dry_run: bool = False,
    credit_duty: bool = False,
) -> str:
    """Only the committee's office imports its register. Returns the job's token."""
    check_office(user, plenary.committee_id)
    token = secrets.token_urlsafe(16)
    path = default_storage.save(f"imports/proposals/{token}.xlsx", ContentFile(content))
    with transaction.atomic():
        RegisterImport.objects.create(
            token=token,
            plenary=plenary,
            uploaded_by=user,
            file_name=file_name[:200],
            path=path,
            dry_run=dry_run,
            credit_duty=credit_duty,
        )
        transaction.on_commit(lambda: run_register_import.enqueue(token=token))
    return token


def _progress(job: RegisterImport, **fields) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=list(fields))


def finish_import(job: RegisterImport, status: str, **fields) -> None:
    """The workbook goes once the job has ended: the register holds members' names."""
    path = job.path
    _progress(job, status=status, finished_at=timezone.now(), path="", **fields)
    if path:
        default_storage.delete(path)


@task()
def run_register_import(*, token: str) -> str:
    job = RegisterImport.objects.select_related("plenary__committee").filter(token=token).first()
    if job is None or job.is_finished:
        return job.status if job else "missing"
    try:
        with hold_lease(job):
            return _run(job)
    except Exception:
        finish_import(job, RegisterImportStatus.FAILED, errors=[_system_error()])
        raise


def _system_error() -> str:
    return gettext("导入失败：系统错误，未写入任何数据。")


def _run(job: RegisterImport) -> str:
    _progress(job, status=RegisterImportStatus.RUNNING, done=0, total=0)
    with default_storage.open(job.path, "rb") as handle:
        content = handle.read()
    outcome = run_import(
        plenary=job.plenary,
        content=content,
        dry_run=job.dry_run,
        credit_duty=job.credit_duty,
        progress=lambda done, total: _progress(job, done=done, total=total),
    )
    result, plan = outcome.result, outcome.credit_plan
    status = RegisterImportStatus.DONE if outcome.ok else RegisterImportStatus.FAILED
    finish_import(
        job,
        status,
        done=outcome.rows,
        total=outcome.rows,
        errors=outcome.errors,
        result=None if result is None else [result.created, result.updated, result.unchanged],
        credit_plan=None if plan is None else [plan.credits, plan.members, plan.unmatched],
        credited=None if result is None or plan is None else result.credited,
    )
    return status


def requeue_register_import(job: RegisterImport):
    """A lost import starts again from its kept workbook: its transaction died unwritten."""
    _progress(job, status=RegisterImportStatus.QUEUED, done=0, total=0)
    return lambda: run_register_import.enqueue(token=job.token)


def fail_register_import(job: RegisterImport, reason: str) -> None:
    finish_import(job, RegisterImportStatus.FAILED, errors=[reason])
