"""The one door other apps use to credit members' duty. Idempotent: one act, one net credit."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Sum

from zhengxie.core.models import Member

from .models import DutyRecord


def _net(*, member: Member, kind: str, source_type: ContentType, source_id: int) -> int:
    total = DutyRecord.objects.filter(
        member=member, kind=kind, source_type=source_type, source_id=source_id
    ).aggregate(net=Sum("sign"))["net"]
    return total or 0


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
    Locks the member row so two credits of the same act cannot both land."""
    source_type = ContentType.objects.get_for_model(source)
    with transaction.atomic():
        Member.objects.select_for_update().filter(pk=member.pk).first()
        if _net(member=member, kind=kind, source_type=source_type, source_id=source.pk) > 0:
            return None
        return DutyRecord.objects.create(
            committee_id=member.committee_id,
            member=member,
            kind=kind,
            role=role,
            occurred_on=occurred_on,
            year=occurred_on.year,
            sign=1,
            source_type=source_type,
            source_id=source.pk,
            note=note[:200],
        )


def revoke_duty(
    *, member: Member, kind: str, source: models.Model, note: str = ""
) -> DutyRecord | None:
    """Reverse an earlier credit with a negative row; None when nothing is credited."""
    source_type = ContentType.objects.get_for_model(source)
    with transaction.atomic():
        Member.objects.select_for_update().filter(pk=member.pk).first()
        if _net(member=member, kind=kind, source_type=source_type, source_id=source.pk) <= 0:
            return None
        credit = (
            DutyRecord.objects.filter(
                member=member, kind=kind, source_type=source_type, source_id=source.pk, sign=1
            )
            .order_by("-id")
            .first()
        )
        return DutyRecord.objects.create(
            committee_id=member.committee_id,
            member=member,
            kind=kind,
            role=credit.role,
            occurred_on=credit.occurred_on,
            year=credit.year,
            sign=-1,
            source_type=source_type,
            source_id=source.pk,
            note=note[:200],
        )
