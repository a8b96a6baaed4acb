"""The one door other apps use to credit members' duty. Idempotent: one act, one net credit.

The ledger is append-only: a reversal is a new negative row, so the rows are the history.
Each act (member, kind, source) numbers its rows; the unique (act, seq) constraint makes two
concurrent credits of the same act impossible even where row locks are not available.
"""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from zhengxie.core.models import Member

from ..models import DutyKind, DutyRecord


def _last_row(*, member: Member, kind: str, source_type: ContentType, source_id: int):
    return (
        DutyRecord.objects.filter(
            member=member, kind=kind, source_type=source_type, source_id=source_id
        )
        .order_by("-seq")
        .first()
    )


def _check_kind(kind: str) -> None:
    if kind not in DutyKind.values:
        raise ValueError(f"未知的履职类别：{kind}")


def credit_duty(
    *,
    member: Member,
    kind: str,
    source: models.Model,
    occurred_on: dt.date,
    role: str = "",
    note: str = "",
) -> DutyRecord | None:
    """Credit one act to a member; returns None when the act is already credited.
    Locks the member row so credits of one member are serialised."""
    _check_kind(kind)
    source_type = ContentType.objects.get_for_model(source)
    try:
        with transaction.atomic():
            Member.objects.select_for_update().filter(pk=member.pk).first()
            last = _last_row(member=member, kind=kind, source_type=source_type, source_id=source.pk)
            if last is not None and last.sign > 0:
                return None
            return DutyRecord.objects.create(
                committee_id=member.committee_id,
                member=member,
                kind=kind,
                role=role[:24],
                occurred_on=occurred_on,
                year=occurred_on.year,
                sign=1,
                seq=last.seq + 1 if last else 1,
                source_type=source_type,
                source_id=source.pk,
                note=note[:200],
            )
    except IntegrityError:
        return None  # a concurrent credit of the same act landed first


def revoke_duty(
    *, member: Member, kind: str, source: models.Model, note: str = ""
) -> DutyRecord | None:
    """Reverse an earlier credit with a negative row; None when nothing is credited."""
    _check_kind(kind)
    source_type = ContentType.objects.get_for_model(source)
    try:
        with transaction.atomic():
            Member.objects.select_for_update().filter(pk=member.pk).first()
            last = _last_row(member=member, kind=kind, source_type=source_type, source_id=source.pk)
            if last is None or last.sign < 0:
                return None
            return DutyRecord.objects.create(
                committee_id=member.committee_id,
                member=member,
                kind=kind,
                role=last.role,
                occurred_on=last.occurred_on,
                year=last.year,
                sign=-1,
                seq=last.seq + 1,
                source_type=source_type,
                source_id=source.pk,
                note=note[:200],
            )
    except IntegrityError:
        return None  # a concurrent reversal of the same act landed first
