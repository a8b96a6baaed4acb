"""委员三联系: a member records a visit; a problem heard there may become a case."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhengxie.core.models import Town, User
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import credit_duty

from .. import rules
from ..models import Case, ContactRecord
from ..permissions import check_record_contact_permission
from .cases import raise_case_from_visit
from .intake import plain_text


def record_contact(
    *,
    actor: User,
    kind: str,
    target: str,
    town: Town | None,
    occurred_on: dt.date,
    content: str,
    case: dict | None = None,
) -> tuple[ContactRecord, Case | None]:
    """The member's own record; with `case` (category, title, description, place) the problem
    heard goes to the town's venues. Credits CONTACT once per record."""
    check_record_contact_permission(actor)
    member = actor.member
    if kind not in rules.contact_kinds(member.committee_id):
        raise ValidationError({"kind": _("联系类型“%(k)s”不在本级政协的类型中。") % {"k": kind}})
    target, content = plain_text(target), plain_text(content)
    if not target or not content:
        raise ValidationError({"target": _("请填写联系对象和联系内容。")})
    if case and town is None:
        raise ValidationError({"town": _("反映问题须选择乡镇街道。")})
    with transaction.atomic():
        contact = ContactRecord.objects.create(
            committee_id=member.committee_id,
            member=member,
            kind=kind,
            target=target[:80],
            town=town,
            occurred_on=occurred_on,
            content=content,
        )
        raised = (
            raise_case_from_visit(member=member, contact=contact, town=town, on=occurred_on, **case)
            if case
            else None
        )
        transaction.on_commit(
            lambda: credit_duty(
                member=member, kind=DutyKind.CONTACT, source=contact, occurred_on=occurred_on
            )
        )
    return contact, raised
