"""Writing instructions and the effects of their workflow (workflow.py holds the table).

A leader writes an instruction on a record; the office may instead transcribe a paper one.
Either way the row starts at 已批示 and the office hears of it; when the leader or the office
names the department concerned, the same transaction takes the step `assign`, so the
department hears of it too and the deadline starts. The department reports back (落实反馈),
the office accepts (办结) or returns it; the daily run reminds departments as the deadline nears
and once it has passed."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import CommitteeLevel, HandlingUnit, Role, User
from zhengxie.core.permissions import grants_of
from zhengxie.core.rules import rule
from zhengxie.core.services.notifications import notify
from zhengxie.core.workdays import add_working_days
from zhengxie.core.workflow import AlreadyHandled, Step, WorkflowError, apply

from . import permissions as perms
from . import rules
from .models import Instruction, InstructionFollowUp, InstructionLevel, InstructionState
from .notifications import PROGRESS, TO_ACT, WRITTEN
from .targets import Target

TEXT_MAX_CHARS = 2000


def today() -> dt.date:
    return timezone.localdate()


# A leader writing here writes at the level of the record's committee.
_LEVEL_OF_COMMITTEE = {
    CommitteeLevel.PROVINCIAL: InstructionLevel.PROVINCIAL,
    CommitteeLevel.COUNTY: InstructionLevel.COUNTY,
    CommitteeLevel.CITY: InstructionLevel.CITY,
}


def _leader_level(leader: User, record: Model) -> str:
    """The level of the leader's own committee: a city leader instructing on a county's
    report writes as a city leader."""
    grants = [g for g in grants_of(leader) if g.role == Role.LEADER]
    own = next((g for g in grants if g.committee_id == record.committee_id), None)
    committee = (own or grants[0]).committee if grants else record.committee
    return _LEVEL_OF_COMMITTEE.get(committee.level, InstructionLevel.CITY)


def _text_error(text: str) -> str:
    text = (text or "").strip()
    if not text:
        return _("请填写批示内容。")
    if len(text) > TEXT_MAX_CHARS:
        return _("批示内容不能超过%(n)s字。") % {"n": TEXT_MAX_CHARS}
    return ""


def _clean_text(text: str) -> str:
    if error := _text_error(text):
        raise ValidationError({"text": error})
    return text.strip()


def write_instruction(
    *,
    target: Target,
    record: Model,
    actor: User,
    text: str,
    unit: HandlingUnit | None = None,
    due_on: dt.date | None = None,
) -> Instruction:
    """A leader's own instruction, dated today. Locks the record instructed on."""
    perms.check_write_instruction_permission(actor, target, record)
    fields = {
        "leader": actor,
        "leader_name": actor.display_name or actor.get_username(),
        "level": _leader_level(actor, record),
        "text": _clean_text(text),
        "instructed_on": today(),
    }
    return _create(target=target, record=record, actor=actor, fields=fields, unit=unit,
                   due_on=due_on)  # fmt: skip


def transcribe_instruction(
    *,
    target: Target,
    record: Model,
    actor: User,
    leader_name: str,
    level: str,
    text: str,
    instructed_on: dt.date,
    leader_title: str = "",
    unit: HandlingUnit | None = None,
    due_on: dt.date | None = None,
    at: dt.datetime | None = None,
) -> Instruction:
    """A paper instruction the office types in (登记批示), marked as transcribed, with who
    typed it and the leader's name, title and level as written on the paper. Locks the
    record; every field's error is reported at once. `at`: when the office typed it in, for
    one entered later than that (passing it on to `unit` is dated the same)."""
    perms.check_transcribe_permission(actor, target, record)
    errors = {}
    if not (leader_name or "").strip():
        errors["leader_name"] = _("请填写批示领导。")
    if level not in InstructionLevel.values:
        errors["level"] = _("请选择批示级别。")
    if instructed_on and instructed_on > today():
        errors["instructed_on"] = _("批示日期不能晚于今天。")
    elif at is not None and instructed_on and instructed_on > timezone.localdate(at):
        errors["instructed_on"] = _("批示日期不能晚于录入日期。")
    if text_error := _text_error(text):
        errors["text"] = text_error
    if errors:
        raise ValidationError(errors)
    fields = {
        "leader_name": leader_name.strip(),
        "leader_title": (leader_title or "").strip(),
        "level": level,
        "text": _clean_text(text),
        "instructed_on": instructed_on,
        "is_transcribed": True,
    }
    return _create(target=target, record=record, actor=actor, fields=fields, unit=unit,
                   due_on=due_on, at=at)  # fmt: skip


def _create(
    *, target: Target, record: Model, actor: User, fields: dict, unit, due_on, at=None
) -> Instruction:
    if unit is not None and unit.committee_id != record.committee_id:
        raise ValidationError({"unit": _("落实部门须是本级政协的承办单位。")})
    with transaction.atomic():
        record = target.queryset().select_for_update().get(pk=record.pk)
        instruction = Instruction(
            committee_id=record.committee_id,
            target_kind=target.kind,
            target=record,
            target_title=str(target.title(record))[:200],
            target_url=target.url(record),
            recorded_by=actor,
            created_at=at or timezone.now(),
            **fields,
        )
        instruction._history_user = actor
        if at is not None:
            instruction._history_date = at
        instruction._change_reason = (
            _("转录纸质批示") if instruction.is_transcribed else _("领导批示")
        )
        instruction.save()
        target.on_written(instruction)
        transaction.on_commit(lambda: _tell_office(instruction))
        if unit is not None:
            dated = {"at": at} if at else {}
            instruction = apply(instruction, "assign", actor, unit=unit, due_on=due_on, **dated)
    return instruction


def _office_accounts(committee_id: int) -> list[User]:
    return list(
        User.objects.filter(
            role_grants__role=Role.STAFF, role_grants__committee_id=committee_id, is_active=True
        ).distinct()
    )


def _unit_accounts(unit_id: int | None) -> list[User]:
    if not unit_id:
        return []
    return list(
        User.objects.filter(
            role_grants__role=Role.UNIT, role_grants__handling_unit_id=unit_id, is_active=True
        ).distinct()
    )


def _tell_office(instruction: Instruction) -> None:
    notify(
        kind=WRITTEN,
        recipients=_office_accounts(instruction.committee_id),
        title=_("%(name)s批示：%(target)s")
        % {"name": instruction.leader_name, "target": instruction.target_title},
        body=instruction.text,
        url=instruction.get_absolute_url(),
    )


# --- effects of the workflow's steps -------------------------------------------------------


def check_assignment(step: Step) -> None:
    unit, due_on = step.data.get("unit"), step.data.get("due_on")
    if unit is None:
        raise ValidationError({"unit": _("请选择落实部门。")})
    if unit.committee_id != step.record.committee_id:
        raise ValidationError({"unit": _("落实部门须是本级政协的承办单位。")})
    if due_on is not None and due_on < step.record.instructed_on:
        raise ValidationError({"due_on": _("反馈期限不能早于批示日期。")})


def set_assignment(step: Step) -> None:
    """The department and the deadline: the one given, or the committee's working days on."""
    record = step.record
    due_on = step.data.get("due_on") or add_working_days(
        timezone.localdate(step.moment()),
        rule(record.committee_id, rules.FEEDBACK_WORKING_DAYS),
        committee_id=record.committee_id,
    )
    step.touch(unit=step.data["unit"], due_on=due_on)


def tell_unit_assigned(step: Step) -> None:
    record = step.record
    notify(
        kind=TO_ACT,
        recipients=_unit_accounts(record.unit_id),
        title=_("请落实领导批示：%(target)s") % {"target": record.target_title},
        body=_("%(text)s\n反馈期限：%(due)s") % {"text": record.text, "due": record.due_on},
        url=record.get_absolute_url(),
    )


def record_follow_up(step: Step) -> None:
    """After `report`: the department's 落实反馈 as its own row, kept when returned."""
    text = (step.data.get("text") or "").strip()
    if not text:
        raise ValidationError({"text": _("请填写落实情况。")})
    when = step.moment()
    follow_up = InstructionFollowUp(
        committee_id=step.record.committee_id,
        instruction=step.record,
        text=text,
        submitted_by=step.actor,
        submitted_at=when,
    )
    follow_up._history_user = step.actor
    follow_up._history_date = when
    follow_up.save()


def tell_office_and_writer(step: Step) -> None:
    record = step.record
    recipients = _office_accounts(record.committee_id)
    if record.leader_id:
        recipients.append(record.leader)
    notify(
        kind=PROGRESS,
        recipients=recipients,
        title=_("批示落实情况已反馈：%(target)s") % {"target": record.target_title},
        url=record.get_absolute_url(),
    )


def _decide_latest(step: Step, *, accepted: bool) -> None:
    follow_up = step.record.follow_ups.filter(accepted=None).order_by("-id").first()
    if follow_up is None:
        raise WorkflowError(_("没有待审核的落实反馈。"))
    follow_up.accepted = accepted
    follow_up.office_note = step.reason
    follow_up._history_user = step.actor
    follow_up._history_date = step.moment()
    follow_up._change_reason = step.label
    follow_up.save(update_fields=["accepted", "office_note"])


def accept_follow_up(step: Step) -> None:
    _decide_latest(step, accepted=True)


def return_follow_up(step: Step) -> None:
    _decide_latest(step, accepted=False)


def tell_unit_and_writer(step: Step) -> None:
    record = step.record
    recipients = _unit_accounts(record.unit_id)
    if record.leader_id:
        recipients.append(record.leader)
    notify(
        kind=PROGRESS,
        recipients=recipients,
        title=_("批示落实：%(action)s（%(target)s）")
        % {"action": step.label, "target": record.target_title},
        body=step.reason,
        url=record.get_absolute_url(),
    )


# --- reminders -------------------------------------------------------------------------------


def not_reminded_yet(step: Step) -> None:
    if step.record.last_reminded_on == step.data.get("on", today()):
        raise AlreadyHandled(_("今天已提醒过。"))


def stamp_reminded_on(step: Step) -> None:
    step.touch(last_reminded_on=step.data.get("on", today()))


def remind_unit(step: Step) -> None:
    """In the step's transaction, so the mark and the inbox message are saved together."""
    record, on = step.record, step.data.get("on", today())
    overdue = record.due_on < on
    title = _("批示落实已逾期：%(t)s") if overdue else _("批示落实即将到期：%(t)s")
    notify(
        kind=TO_ACT,
        recipients=_unit_accounts(record.unit_id),
        title=title % {"t": record.target_title},
        body=_("反馈期限：%(d)s") % {"d": record.due_on},
        url=record.get_absolute_url(),
    )


REMIND_STEP = {InstructionState.ASSIGNED: "remind", InstructionState.RETURNED: "remind_returned"}


def remind_due_instructions(*, on: dt.date | None = None) -> int:
    """Reminds departments of instructions due within the committee's window or overdue,
    once a day each. Returns how many were reminded."""
    on = on or today()
    reminded = 0
    due = (
        Instruction.objects.filter(state__in=list(REMIND_STEP), due_on__lte=on + dt.timedelta(31))
        .exclude(last_reminded_on=on)
        .order_by("id")
    )
    for instruction in due.iterator():
        window = rule(instruction.committee_id, rules.REMIND_DAYS_BEFORE_DUE)
        if instruction.due_on > on + dt.timedelta(days=window):
            continue
        try:
            apply(instruction, REMIND_STEP[instruction.state], None, on=on)
        except WorkflowError:  # acted on or reminded meanwhile
            continue
        reminded += 1
    return reminded
