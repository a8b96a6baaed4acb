"""Roster uploads: staff start one, a background task validates and applies it while the
upload page polls its progress."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ..imports import RosterFileError, apply_rows, read_workbook, validate_rows
from ..leases import hold_lease
from ..models import Committee, ImportStatus, RosterImport, User
from ..permissions import check_manage_people_permission

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def start_roster_import(
    *, user: User, committee: Committee, file_name: str, content: bytes, dry_run: bool = False
) -> RosterImport:
    """Records the upload and queues the task once the record is committed."""
    check_manage_people_permission(user, committee)
    from ..tasks import run_roster_import

    with transaction.atomic():
        job = RosterImport.objects.create(
            committee=committee,
            uploaded_by=user,
            file_name=file_name[:200],
            content=content,
            dry_run=dry_run,
        )
        transaction.on_commit(lambda: run_roster_import.enqueue(import_id=job.pk))
    return job


def _progress(job: RosterImport, **fields) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=list(fields))


def _finish(job: RosterImport, status: str, **fields) -> None:
    _progress(job, status=status, finished_at=timezone.now(), content=b"", **fields)


def process_roster_import(*, import_id: int) -> RosterImport:
    """Validation writes progress as it goes; the rows are applied in one transaction, and
    only when every row is valid and the upload is not a dry run. An unexpected error still
    finishes the job, so the page stops polling, and is raised for the worker's log."""
    job = RosterImport.objects.select_related("committee", "uploaded_by").get(pk=import_id)
    if job.is_finished:
        return job
    try:
        with hold_lease(job):
            return _process(job)
    except Exception:
        _finish(job, ImportStatus.FAILED, errors=[gettext("导入失败：系统错误，未写入任何数据。")])
        raise


def _process(job: RosterImport) -> RosterImport:
    try:
        rows = read_workbook(bytes(job.content))
    except RosterFileError as error:
        _finish(job, ImportStatus.FAILED, errors=[str(error)])
        return job
    _progress(job, status=ImportStatus.VALIDATING, total_rows=len(rows))
    checked = validate_rows(
        committee=job.committee, rows=rows, progress=lambda n: _progress(job, processed_rows=n)
    )
    if not checked.ok:
        errors = [str(e) for e in checked.errors]
        _finish(job, ImportStatus.FAILED, processed_rows=len(rows), errors=errors)
        return job
    _progress(job, status=ImportStatus.APPLYING, processed_rows=len(rows))
    if job.dry_run:
        _finish(job, ImportStatus.DONE)
        return job
    result = apply_rows(committee=job.committee, rows=checked.rows, user=job.uploaded_by)
    _finish(
        job,
        ImportStatus.DONE,
        created_count=result.created,
        updated_count=result.updated,
        unchanged_count=result.unchanged,
    )
    return job


def requeue_roster_import(job: RosterImport):
    """A lost import starts again from its kept workbook: it wrote nothing."""
    from ..tasks import run_roster_import

    _progress(job, status=ImportStatus.QUEUED, processed_rows=0, errors=[])
    return lambda: run_roster_import.enqueue(import_id=job.pk)


def fail_roster_import(job: RosterImport, reason: str) -> None:
    _finish(job, ImportStatus.FAILED, errors=[reason])
