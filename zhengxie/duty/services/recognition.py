"""Commendations, honours, media reports and nominations that office staff record."""

import datetime as dt

from django.db import transaction

from zhengxie.core.models import Member, User

from ..models import DutyKind, Recognition, RecognitionKind
from ..permissions import check_manage_duty_permission
from .ledger import credit_duty, revoke_duty

# What each recognition credits in the ledger; a nomination is not yet an honour.
CREDITED_KIND = {
    RecognitionKind.COMMENDATION: DutyKind.COMMENDATION,
    RecognitionKind.HONOUR: DutyKind.HONOUR,
    RecognitionKind.MEDIA_REPORT: DutyKind.MEDIA_REPORT,
}


def record_recognition(
    *,
    actor: User | None,
    member: Member,
    kind: str,
    level: str,
    title: str,
    issuer: str,
    occurred_on: dt.date,
    link: str = "",
    note: str = "",
) -> Recognition:
    """Record one recognition and credit it to the member's duty file. actor None: the demo
    loader, which acts as the system."""
    if actor is not None:
        check_manage_duty_permission(actor, member.committee_id)
    if kind not in RecognitionKind.values:
        raise ValueError(f"未知的类型：{kind}")
    with transaction.atomic():
        recognition = Recognition.objects.create(
            committee_id=member.committee_id,
            member=member,
            kind=kind,
            level=level,
            title=title,
            issuer=issuer,
            occurred_on=occurred_on,
            link=link,
            note=note,
            recorded_by=actor,
        )
        if kind in CREDITED_KIND:
            credit_duty(
                member=member,
                kind=CREDITED_KIND[kind],
                source=recognition,
                occurred_on=occurred_on,
                role=level,
                note=title,
            )
    return recognition


def withdraw_recognition(*, actor: User, recognition: Recognition, reason: str) -> Recognition:
    """Soft-delete a wrongly recorded recognition and reverse its credit; locks the row."""
    check_manage_duty_permission(actor, recognition.committee_id)
    if not reason.strip():
        raise ValueError("请填写撤销原因。")
    with transaction.atomic():
        recognition = Recognition.objects.select_for_update().get(pk=recognition.pk)
        if recognition.is_deleted:
            return recognition
        recognition.is_deleted = True
        recognition._change_reason = reason[:100]
        recognition.save(update_fields=["is_deleted"])
        if recognition.kind in CREDITED_KIND:
            revoke_duty(
                member=recognition.member,
                kind=CREDITED_KIND[recognition.kind],
                source=recognition,
                note=reason,
            )
    return recognition
