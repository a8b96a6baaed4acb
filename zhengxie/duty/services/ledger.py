"""The one door other apps use to credit members' duty. Idempotent: one act, one net credit.

The ledger is append-only: a reversal is a new negative row, so the rows are the history.
Each act (member, kind, source) numbers its rows; the unique (act, seq) constraint makes two
concurrent credits of the same act impossible even where row locks are not available.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, models, transaction

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


def _lock_member(member: Member) -> None:
    # SQLite has no row locks (Django drops FOR UPDATE there and the read would lock nothing);
    # its transactions take the write lock at BEGIN, which serialises credits already.
    if connection.features.has_select_for_update:
        Member.objects.select_for_update().filter(pk=member.pk).first()


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
            _lock_member(member)
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
            _lock_member(member)
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


@dataclass(frozen=True)
class Credit:
    """One act to credit in bulk; the same fields as credit_duty takes."""

    member: Member
    kind: str
    source: models.Model
    occurred_on: dt.date
    role: str = ""
    note: str = ""


def _last_signs(credits: list[Credit]) -> dict[tuple, tuple[int, int]]:
    """(member, kind, source type, source id) -> (last seq, last sign) for acts already in
    the ledger, read in one query per kind and source type."""
    groups: dict[tuple[str, ContentType], set[int]] = defaultdict(set)
    for credit in credits:
        groups[(credit.kind, ContentType.objects.get_for_model(credit.source))].add(
            credit.source.pk
        )
    last: dict[tuple, tuple[int, int]] = {}
    for (kind, source_type), source_ids in groups.items():
        rows = DutyRecord.objects.filter(
            kind=kind, source_type=source_type, source_id__in=source_ids
        ).values_list("member_id", "source_id", "seq", "sign")
        for member_id, source_id, seq, sign in rows:
            key = (member_id, kind, source_type.pk, source_id)
            if seq > last.get(key, (0, 0))[0]:
                last[key] = (seq, sign)
    return last


def credit_duty_many(*, credits: list[Credit]) -> int:
    """Credit many acts at once (imports, the demo): what credit_duty does for each, in a few
    queries. Acts already credited are skipped; a concurrent credit of the same act wins
    through the unique (act, seq) constraint. Returns the number of rows written."""
    for credit in credits:
        _check_kind(credit.kind)
    last = _last_signs(credits)
    rows, seen = [], set()
    for credit in credits:
        source_type = ContentType.objects.get_for_model(credit.source)
        key = (credit.member.pk, credit.kind, source_type.pk, credit.source.pk)
        seq, sign = last.get(key, (0, -1))
        if sign > 0 or key in seen:
            continue
        seen.add(key)
        rows.append(
            DutyRecord(
                committee_id=credit.member.committee_id,
                member_id=credit.member.pk,
                kind=credit.kind,
                role=credit.role[:24],
                occurred_on=credit.occurred_on,
                year=credit.occurred_on.year,
                sign=1,
                seq=seq + 1,
                source_type=source_type,
                source_id=credit.source.pk,
                note=credit.note[:200],
            )
        )
    DutyRecord.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)


def credit_members(
    members, *, kind: str, source: models.Model, occurred_on: dt.date, role: str = ""
) -> int:
    """Credit one act to each of its members (a report's authors, a session's participants):
    credit_duty_many with the act's fields written once."""
    return credit_duty_many(
        credits=[
            Credit(
                member=member,
                kind=kind,
                source=source,
                occurred_on=occurred_on,
                role=role,
            )
            for member in members
        ]
    )
