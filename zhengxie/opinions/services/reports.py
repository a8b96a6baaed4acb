"""Writing a report, moving it through the workflow table, and the table's effects."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import Committee, HandlingUnit, User
from zhengxie.core.permissions import active_seat
from zhengxie.core.rules import rule
from zhengxie.core.workflow import Step, apply, workflow_of
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import revoke_duty

from .. import permissions as perms
from ..models import AdoptionMode, AuthorBodyKind, OpinionReport, OpinionState
from ..rules import BODY_MAX_CHARS
from ..search_index import index_report
from .common import credit_authors, notify_authors, resolve_members, stamp
from .handoffs import adoption_credit_role, original_of


def _validate_content(*, committee_id: int, title: str, body: str, body_kind: str, body_name: str):
    errors = {}
    if not title.strip():
        errors["title"] = _("请填写标题。")
    limit = rule(committee_id, BODY_MAX_CHARS)
    if not body.strip():
        errors["body"] = _("请填写正文。")
    elif len(body) > limit:
        errors["body"] = _("正文不超过%(limit)s字，现为%(n)s字。") % {
            "limit": limit,
            "n": len(body),
        }
    if body_kind and body_kind not in AuthorBodyKind.values:
        errors["body_kind"] = _("反映单位类型无效。")
    if bool(body_kind) != bool(body_name.strip()):
        errors["body_name"] = _("反映单位的类型和名称须同时填写。")
    if errors:
        raise ValidationError(errors)


def _authors(*, committee_id: int, ids: set[int], body_name: str) -> list:
    """一事一报 still needs someone reporting: members, a body, or both."""
    members = resolve_members(committee_id=committee_id, member_ids=ids)
    if not members and not body_name.strip():
        raise ValidationError({"member_ids": _("请至少填写一位反映委员或一个反映单位。")})
    return members


def _author_ids(actor: User, committee: Committee, member_ids: Iterable[int]) -> set[int]:
    """A member reporting is always one of the authors."""
    ids = {int(pk) for pk in member_ids}
    member = active_seat(actor)
    if member is not None and member.committee_id == committee.pk:
        ids.add(member.pk)
    return ids


def create_report(
    *,
    committee: Committee,
    actor: User,
    title: str,
    body: str,
    category: str = "",
    member_ids: Iterable[int] = (),
    body_kind: str = "",
    body_name: str = "",
    submit: bool = False,
    at: dt.datetime | None = None,
) -> OpinionReport:
    """`at`: when a report written earlier is entered now (a paper report the office types in,
    the demo's past years), the moment it was written and submitted."""
    perms.check_submit_permission(actor, committee)
    _validate_content(
        committee_id=committee.pk, title=title, body=body, body_kind=body_kind, body_name=body_name
    )
    members = _authors(
        committee_id=committee.pk,
        ids=_author_ids(actor, committee, member_ids),
        body_name=body_name,
    )
    with transaction.atomic():
        report = OpinionReport(
            committee=committee,
            title=title.strip(),
            body=body.strip(),
            category=category,
            body_kind=body_kind,
            body_name=body_name.strip(),
            created_by=actor,
        )
        stamp(report, actor=actor, reason=_("新建"), at=at)
        report.save()
        report.members.set(members)
        index_report(report)
        if submit:
            report = apply_action(report=report, actor=actor, action="submit", at=at)
    return report


def update_report(
    *,
    report: OpinionReport,
    actor: User,
    title: str,
    body: str,
    category: str = "",
    member_ids: Iterable[int] = (),
    body_kind: str = "",
    body_name: str = "",
    submit: bool = False,
) -> OpinionReport:
    """Authors rework drafts and returned reports (and may submit them in the same step);
    editors rework what is in the intake. Locks the report row."""
    _validate_content(
        committee_id=report.committee_id,
        title=title,
        body=body,
        body_kind=body_kind,
        body_name=body_name,
    )
    with transaction.atomic():
        report = OpinionReport.objects.select_for_update().get(pk=report.pk)
        perms.check_edit_report_permission(actor, report)
        # An author editing stays an author; an editor who also sits as a member does not
        # become one by editing.
        ids = {int(pk) for pk in member_ids}
        member = active_seat(actor)
        if member is not None and report.members.filter(pk=member.pk).exists():
            ids.add(member.pk)
        members = _authors(committee_id=report.committee_id, ids=ids, body_name=body_name)
        report.title, report.body, report.category = title.strip(), body.strip(), category
        report.body_kind, report.body_name = body_kind, body_name.strip()
        stamp(report, actor=actor, reason=_("修改"))
        report.save(update_fields=["title", "body", "category", "body_kind", "body_name"])
        report.members.set(members)
        index_report(report)
        if submit:
            report = apply_action(report=report, actor=actor, action="submit")
    return report


def discard_draft(*, report: OpinionReport, actor: User) -> OpinionReport:
    """An author throws a draft away. Soft: the row and its history stay. Locks the row."""
    with transaction.atomic():
        report = OpinionReport.objects.select_for_update().get(pk=report.pk)
        if report.state != OpinionState.DRAFT or not perms.is_author(actor, report):
            raise PermissionDenied(_("只有作者可以删除自己的草稿。"))
        report.is_deleted = True
        stamp(report, actor=actor, reason=_("删除草稿"))
        report.save(update_fields=["is_deleted"])
    return report


def apply_action(
    *,
    report: OpinionReport,
    actor: User,
    action: str,
    comment: str = "",
    mode: str = "",
    unit: HandlingUnit | None = None,
    at: dt.datetime | None = None,
) -> OpinionReport:
    """Take one step of the opinion report workflow (`workflow.py`) on the report as it is
    now; the engine locks the row, checks who and from which state, and runs the step's
    effects below. `comment` is the step's reason: the editor's comments, or why not. `at`:
    a decision taken earlier and entered now is dated when it was taken (see `Step.moment`)."""
    workflow = workflow_of(OpinionReport)
    if not workflow.has_transition(action):
        raise ValidationError(_("未知的操作。"))
    current = OpinionReport.objects.get(pk=report.pk)
    data = {key: value for key, value in (("mode", mode), ("unit", unit), ("at", at)) if value}
    return apply(current, action, actor, workflow=workflow, reason=comment, **data)


# The steps' effects, named in the workflow table; each reads and sets the locked row.


def stamp_submission(step: Step) -> None:
    """Entering 已报送. A resubmission after a return keeps its first date, so the year it
    counts in stays put. 提案转为社情民意信息的，不重复计分 (延边州政协 2022): converted
    reports earn no submit credit; the duty ledger makes a repeat a no-op."""
    report, when = step.record, step.moment()
    step.touch(submitted_at=report.submitted_at or when)
    if report.source_type_id is None:
        credit_authors(
            report=report,
            kind=DutyKind.OPINION_SUBMITTED,
            source=report,
            occurred_on=timezone.localdate(when),
            role="",
        )


def clear_submission(step: Step) -> None:
    """Entering 草稿 again: the submission and its credit are undone."""
    for member in step.record.members.all():
        revoke_duty(member=member, kind=DutyKind.OPINION_SUBMITTED, source=step.record, note="撤回")
    step.touch(submitted_at=None)


def add_editor_comment(step: Step) -> None:
    """The step's reason joins the dated editor's comments the authors read."""
    comment = step.reason.strip()
    if comment:
        dated = f"{timezone.localdate(step.moment()).isoformat()} {comment}"
        step.touch(editor_comments=f"{step.record.editor_comments}\n{dated}".strip())


def check_adoption_mode(step: Step) -> None:
    if step.data.get("mode") not in AdoptionMode.values:
        raise ValidationError({"mode": _("请选择采用方式：单篇采用或综合编发。")})


def set_adoption_mode(step: Step) -> None:
    step.touch(adoption_mode=step.data["mode"])


def record_adoption(step: Step) -> None:
    """Entering 已采用: dated, and every member author earns the adoption credit; a report
    handed up from below credits its original's authors, once for this level. An office
    override names no mode; it counts as combined, the mode an issue of several takes."""
    mode, when = step.record.adoption_mode or AdoptionMode.COMBINED, step.moment()
    step.touch(adoption_mode=mode, decided_at=when)
    credit_authors(
        report=original_of(step.record),
        kind=DutyKind.OPINION_ADOPTED,
        source=step.record,
        occurred_on=timezone.localdate(when),
        role=adoption_credit_role(step.record, mode),
    )


def check_forward_unit(step: Step) -> None:
    unit = step.data.get("unit")
    if unit is None or unit.committee_id != step.record.committee_id:
        raise ValidationError({"unit": _("请选择本级的转送部门。")})


def set_forwarded_unit(step: Step) -> None:
    step.touch(forwarded_unit=step.data["unit"])


def stamp_decision(step: Step) -> None:
    step.touch(decided_at=step.moment())


def tell_authors(step: Step) -> None:
    """Every outcome reaches every author, with the editor's words."""
    report = step.record
    notify_authors(
        report=report,
        title=_("社情民意信息“%(title)s”：%(state)s")
        % {"title": report.title[:30], "state": report.get_state_display()},
        body=step.reason,
    )
