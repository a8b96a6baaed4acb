"""Register uploads: the page starts one, a background task checks and writes it while the
page polls its progress. The progress lives in the shared cache (Redis in production) for a
day; the workbook in private storage until the task has read it."""

import secrets

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django_tasks import task

from zhengxie.core.models import Plenary, User
from zhengxie.core.permissions import check_office

from .running import run_import

TTL = 24 * 3600


def _key(token: str) -> str:
    return f"proposals:import:{token}"


def import_state(token: str) -> dict | None:
    return cache.get(_key(token))


def _update(token: str, **fields) -> dict:
    state = {**(import_state(token) or {}), **fields}
    cache.set(_key(token), state, TTL)
    return state


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
    _update(
        token,
        status="queued",
        user_id=user.pk,
        committee_id=plenary.committee_id,
        plenary_id=plenary.pk,
        file_name=file_name[:200],
        path=path,
        dry_run=dry_run,
        credit_duty=credit_duty,
        done=0,
        total=0,
        errors=[],
        result=None,
    )
    transaction.on_commit(lambda: run_register_import.enqueue(token=token))
    return token


@task()
def run_register_import(*, token: str) -> str:
    state = import_state(token)
    if state is None or state["status"] in ("done", "failed"):
        return state["status"] if state else "missing"
    _update(token, status="running")
    with default_storage.open(state["path"], "rb") as handle:
        content = handle.read()
    default_storage.delete(state["path"])
    plenary = Plenary.objects.select_related("committee").get(pk=state["plenary_id"])
    outcome = run_import(
        plenary=plenary,
        content=content,
        dry_run=state["dry_run"],
        credit_duty=state.get("credit_duty", False),
        progress=lambda done, total: _update(token, done=done, total=total),
    )
    result, plan = outcome.result, outcome.credit_plan
    _update(
        token,
        status="done" if outcome.ok else "failed",
        done=outcome.rows,
        total=outcome.rows,
        errors=outcome.errors,
        result=None if result is None else [result.created, result.updated, result.unchanged],
        credit_plan=None if plan is None else [plan.credits, plan.members, plan.unmatched],
        credited=None if result is None or plan is None else result.credited,
    )
    return "done" if outcome.ok else "failed"
