"""Speeches, and the outcomes an activity produces: submitted, adopted, instructed, followed."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core import uploads
from zhengxie.core.models import Committee, Member, User
from zhengxie.core.permissions import active_seat
from zhengxie.core.workflow import may_take
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import credit_duty, credit_members, revoke_duty

from ..models import (
    Activity,
    ActivityState,
    Adoption,
    Outcome,
    OutcomeAttachment,
    OutcomeFollowUp,
    Speech,
    SpeechKind,
)
from ..permissions import check_manage_activity_permission, check_take_part_permission
from ..search_index import index_outcome
from ..steps import take

ATTACHMENT_TYPES = (
    *(uploads.PDF, uploads.DOC, uploads.DOCX, uploads.XLS, uploads.XLSX, uploads.TXT),
    *(uploads.TXT_GB, uploads.JPEG, uploads.PNG),
)
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


def record_speech(
    *, actor: User, activity: Activity, member: Member, kind: str, title: str, text: str = ""
) -> Speech:
    """Staff record a member's speech; a member may hand in their own written submission."""
    own = kind == SpeechKind.WRITTEN and active_seat(actor) == member
    if own:
        check_take_part_permission(actor, activity)
    else:
        check_manage_activity_permission(actor, activity.committee_id)
    if member.committee_id != activity.committee_id:
        raise ValidationError({"member": _("只能登记本级政协委员的发言。")})
    if not title.strip():
        raise ValidationError({"title": _("请填写发言题目。")})
    with transaction.atomic():
        speech = Speech(
            activity=activity,
            committee_id=activity.committee_id,
            member=member,
            kind=kind,
            title=title.strip(),
            text=text,
        )
        speech._history_user = actor
        speech.save()
        credit_duty(
            member=member,
            kind=DutyKind.SPEECH,
            source=speech,
            occurred_on=timezone.localdate(activity.starts_at),
            role=kind,
        )
    return speech


def record_outcome(
    *,
    actor: User | None,
    committee: Committee,
    kind: str,
    title: str,
    body: str,
    submitted_to: str,
    submitted_on: dt.date,
    authors: list[Member],
    activity: Activity | None = None,
) -> Outcome:
    """Record a report submitted to the party or government; its authors are credited and the
    source activity moves to "outcome recorded"."""
    if actor is not None:
        check_manage_activity_permission(actor, committee.pk)
    if activity is not None and activity.committee_id != committee.pk:
        raise ValidationError({"activity": _("来源活动不属于本级政协。")})
    if any(a.committee_id != committee.pk for a in authors):
        raise ValidationError({"authors": _("执笔委员须为本级政协委员。")})
    with transaction.atomic():
        if activity is not None:
            take(activity, "record_outcome", actor)
        outcome = Outcome(
            committee=committee,
            activity=activity,
            kind=kind,
            title=title.strip(),
            body=body,
            submitted_to=submitted_to,
            submitted_on=submitted_on,
            created_by=actor,
        )
        outcome._history_user = actor
        outcome.save()
        outcome.authors.set(authors)
        index_outcome(outcome)
        credit_members(
            authors, kind=DutyKind.REPORT, source=outcome, occurred_on=submitted_on, role=kind
        )
    return outcome


def _follow_activity(actor, outcome: Outcome) -> None:
    """Feedback on an outcome (adoption, a leader's instruction) moves its activity to
    "followed up", once."""
    activity = outcome.activity
    if (
        activity is not None
        and activity.state != ActivityState.FOLLOWED_UP
        and may_take(activity, "follow_up", actor)
    ):
        take(activity, "follow_up", actor)


def follow_up_activity(step) -> None:
    _follow_activity(step.actor, step.record)


def keep_adoption_note(step) -> None:
    step.touch(adoption_note=step.reason)


# The step that records each answer of the party or government (workflow.py).
ADOPTION_STEPS = {
    Adoption.ADOPTED: "adopt",
    Adoption.PARTLY: "adopt_partly",
    Adoption.NOT_ADOPTED: "not_adopt",
}


def record_adoption(
    *, actor: User | None, outcome: Outcome, adoption: str, note: str = ""
) -> Outcome:
    if adoption not in ADOPTION_STEPS:
        raise ValidationError({"adoption": _("请选择采纳情况。")})
    return take(outcome, ADOPTION_STEPS[adoption], actor, reason=note)


def credit_leader_instruction(*, outcome: Outcome, instruction) -> None:
    """A 批示 on the outcome (the instructions app's record, a leader's own or a paper one the
    office transcribed): each author is credited once, and the activity moves to "followed
    up" as the scheduled steps move it."""
    credit_members(
        outcome.authors.all(),
        kind=DutyKind.INSTRUCTION,
        source=instruction,
        occurred_on=instruction.instructed_on,
        role=instruction.level,
    )
    _follow_activity(None, outcome)


def add_follow_up(*, actor: User, outcome: Outcome, note: str) -> OutcomeFollowUp:
    check_manage_activity_permission(actor, outcome.committee_id)
    if not note.strip():
        raise ValidationError({"note": _("请填写跟踪记录。")})
    follow = OutcomeFollowUp(
        outcome=outcome,
        committee_id=outcome.committee_id,
        note=note.strip(),
        noted_on=timezone.localdate(),
        author=actor,
    )
    follow._history_user = actor
    follow.save()
    return follow


def attach_file(*, actor: User, outcome: Outcome, upload) -> OutcomeAttachment:
    """PDF, Word, Excel, text or a picture, judged by its bytes (the core upload store)."""
    check_manage_activity_permission(actor, outcome.committee_id)
    checked = uploads.check_upload(
        upload,
        field="file",
        label=_("附件"),
        accept=ATTACHMENT_TYPES,
        max_bytes=ATTACHMENT_MAX_BYTES,
    )
    with uploads.saving() as files, transaction.atomic():
        attachment = OutcomeAttachment(
            outcome=outcome,
            committee_id=outcome.committee_id,
            file=files.save(checked, folder="activities/outcomes"),
            name=checked.name[:120],
        )
        attachment._history_user = actor
        attachment.save()
    return attachment


def void_outcome(*, actor: User, outcome: Outcome) -> Outcome:
    """Outcomes are official records: voided, never deleted; the authors' credits reverse."""
    check_manage_activity_permission(actor, outcome.committee_id)
    with transaction.atomic():
        outcome = Outcome.objects.select_for_update().get(pk=outcome.pk)
        outcome.is_deleted = True
        outcome._history_user = actor
        outcome.save(update_fields=["is_deleted"])
        for author in outcome.authors.all():
            revoke_duty(member=author, kind=DutyKind.REPORT, source=outcome, note=_("成果作废"))
    return outcome
