"""Inviting members, sign-up and leave requests routed to the approver the kind names."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from zhengxie.core.models import LeaderKind, Member, Role, RoleGrant, Sector, SpecialCommittee, User
from zhengxie.core.services.notifications import notify
from zhengxie.core.workflow import WorkflowError

from ..models import (
    Activity,
    Invitation,
    InvitationSource,
    LeaveApprover,
    LeaveRequest,
    LeaveStatus,
)
from ..notifications import INVITATION, LEAVE_DECISION, LEAVE_REQUEST
from ..permissions import (
    check_approve_leave_permission,
    check_manage_activity_permission,
    check_take_part_permission,
)
from ..steps import take
from .activities import _notice_body, activity_url, takes_part


def _invitees(
    activity: Activity,
    source: str,
    sector: Sector | None,
    special_committee: SpecialCommittee | None,
    member_ids: list[int],
):
    members = Member.objects.filter(committee_id=activity.committee_id, is_active=True)
    if source == InvitationSource.STANDING:
        return members.filter(is_standing=True)
    if source == InvitationSource.SECTOR:
        if sector is None or sector.committee_id != activity.committee_id:
            raise ValidationError({"sector": _("请选择本级政协的界别。")})
        return members.filter(sector=sector)
    if source == InvitationSource.SPECIAL:
        if special_committee is None or special_committee.committee_id != activity.committee_id:
            raise ValidationError({"special_committee": _("请选择本级政协的专门委员会。")})
        return members.filter(special_committee=special_committee)
    if source == InvitationSource.MANUAL:
        chosen = members.filter(pk__in=member_ids)
        if not member_ids or chosen.count() != len(set(member_ids)):
            raise ValidationError({"members": _("请选择本级政协的在任委员。")})
        return chosen
    return members


def invite_members(
    *,
    actor: User | None,
    activity: Activity,
    source: str,
    sector: Sector | None = None,
    special_committee: SpecialCommittee | None = None,
    member_ids: list[int] | None = None,
) -> int:
    """Invite a group or chosen members; returns how many were newly invited. When the notice
    is already out, the newcomers get it at once."""
    if actor is not None:
        check_manage_activity_permission(actor, activity.committee_id)
    if not takes_part(activity):
        raise ValidationError(_("活动已召开或已取消，不能再邀请委员。"))
    # The office's own activities are its cadres': a member there would earn duty credit
    # for an activity the figures count apart from members' work.
    if activity.office_own:
        raise ValidationError(
            _("机关自身活动不邀请委员：请在“特邀人员与机关干部”中添加参加的机关干部。")
        )
    members = _invitees(activity, source, sector, special_committee, member_ids or [])
    with transaction.atomic():
        Activity.objects.select_for_update().filter(pk=activity.pk).first()
        already = set(activity.invitations.values_list("member_id", flat=True))
        new_ids = [pk for pk in members.values_list("pk", flat=True) if pk not in already]
        bulk_create_with_history(
            [
                Invitation(
                    activity=activity,
                    committee_id=activity.committee_id,
                    member_id=pk,
                    source=source,
                )
                for pk in new_ids
            ],
            Invitation,
            default_user=actor,
            batch_size=500,
        )
        if activity.notice_sent_at and new_ids:
            users = User.objects.filter(member__pk__in=new_ids)
            notify(
                kind=INVITATION,
                recipients=list(users),
                title=_("活动通知：%(title)s") % {"title": activity.title},
                body=_notice_body(activity),
                url=activity_url(activity),
            )
    return len(new_ids)


def _own_invitation(user: User, activity: Activity) -> tuple[Member, Invitation]:
    member = check_take_part_permission(user, activity)
    invitation = Invitation.objects.filter(activity=activity, member=member).first()
    if invitation is None:
        raise PermissionDenied(_("您不在本次活动的邀请名单中。"))
    if not takes_part(activity):
        raise ValidationError(_("活动已召开或已取消。"))
    return member, invitation


def sign_up(*, user: User, activity: Activity) -> Invitation:
    _member, invitation = _own_invitation(user, activity)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.signed_up_at is None:
            invitation.signed_up_at = timezone.now()
            invitation._history_user = user
            invitation.save(update_fields=["signed_up_at"])
    return invitation


def leave_approvers(*, committee_id: int, approver: str) -> list[User]:
    grants = RoleGrant.objects.filter(committee_id=committee_id)
    if approver == LeaveApprover.CHAIR:
        grants = grants.filter(role=Role.LEADER, leader_kind=LeaderKind.CHAIR_MEMBER)
    else:
        grants = grants.filter(Q(role=Role.STAFF) | Q(role=Role.ADMIN))
    return list(User.objects.filter(role_grants__in=grants).distinct())


def _tell_approvers(leave: LeaveRequest) -> None:
    activity = leave.activity
    notify(
        kind=LEAVE_REQUEST,
        recipients=leave_approvers(committee_id=leave.committee_id, approver=leave.approver),
        title=_("请假待审批：%(m)s · %(t)s") % {"m": leave.member.name, "t": activity.title},
        body=leave.reason,
        url=activity_url(activity),
    )


def request_leave(*, user: User, activity: Activity, reason: str) -> LeaveRequest:
    """A member asks for leave with a reason; the request goes to the kind's approver. A
    member whose request was declined may ask again."""
    member, _invitation = _own_invitation(user, activity)
    if not reason.strip():
        raise ValidationError({"reason": _("请填写请假事由。")})
    asked = LeaveRequest.objects.filter(activity=activity, member=member).first()
    if asked is not None:
        return take(asked, "ask_again", user, reason=reason.strip())
    with transaction.atomic():
        leave = LeaveRequest(
            activity=activity,
            member=member,
            committee_id=activity.committee_id,
            reason=reason.strip(),
            approver=activity.kind.leave_approver,
        )
        leave._history_user = user
        leave.save()
        _tell_approvers(leave)
    return leave


def record_leave_slips(
    *,
    actor: User | None,
    activity: Activity,
    member_ids: list[int],
    reason: str,
    signed_by: str,
    at: dt.datetime | None = None,
) -> list[LeaveRequest]:
    """Paper leave slips (请假条) the office enters for invited members, already approved by
    the approver the kind names, whose name the slip bears (a chair member need not have an
    account). One call takes one activity's slips for many members; a bad one refuses them
    all. `at`: when the slips were approved, for slips entered later; the leave, its decision
    and its history row are dated then. A loader passes no actor."""
    if actor is not None:
        check_manage_activity_permission(actor, activity.committee_id)
    reason, signed_by = (reason or "").strip(), (signed_by or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("请填写请假事由。")
    if not signed_by:
        errors["signed_by"] = _("请填写请假条上的批准人。")
    if at is not None and at > timezone.now():
        errors["at"] = _("批准时间不能晚于现在。")
    if errors:
        raise ValidationError(errors)
    ids = set(member_ids)
    if not ids:
        raise ValidationError({"members": _("请选择请假的委员。")})
    with transaction.atomic():
        if not takes_part(Activity.objects.select_for_update().get(pk=activity.pk)):
            raise ValidationError(_("活动已召开或已取消，不能再登记请假。"))
        invited = set(
            activity.invitations.filter(member_id__in=ids).values_list("member_id", flat=True)
        )
        if strangers := sorted(ids - invited):
            raise ValidationError(
                {
                    "members": _("委员编号 %(ids)s 不在本次活动的邀请名单中。")
                    % {"ids": "、".join(map(str, strangers))}
                }
            )
        asked = LeaveRequest.objects.filter(activity=activity, member_id__in=ids)
        if names := sorted(asked.values_list("member__name", flat=True)):
            raise ValidationError(
                {
                    "members": _("%(names)s 已有请假记录，请在参加人员名单中办理。")
                    % {"names": "、".join(names)}
                }
            )
        moment = at or timezone.now()
        leaves = bulk_create_with_history(
            [
                LeaveRequest(
                    activity=activity,
                    committee_id=activity.committee_id,
                    member_id=pk,
                    reason=reason,
                    approver=activity.kind.leave_approver,
                    # The slip was decided on paper: it is entered as it stands, approved.
                    status=LeaveStatus.APPROVED,
                    decided_at=moment,
                    signed_by=signed_by,
                    created_at=moment,
                )
                for pk in sorted(ids)
            ],
            LeaveRequest,
            batch_size=500,
            default_user=actor,
            default_change_reason=_("登记请假条：%(who)s批准") % {"who": signed_by},
            default_date=moment,
        )
        notify(
            kind=LEAVE_DECISION,
            recipients=User.objects.filter(member__pk__in=ids),
            title=_("请假已批准：%(t)s") % {"t": activity.title},
            body=_("请假条由%(who)s批准。") % {"who": signed_by},
            url=activity_url(activity),
        )
    return leaves


def while_activity_takes_part(step) -> None:
    if not takes_part(step.record.activity):
        raise WorkflowError(_("活动已召开或已取消。"))


def reroute_leave(step) -> None:
    """Asking again: the new reason, routed to the approver the kind names now."""
    step.touch(reason=step.reason, approver=step.record.activity.kind.leave_approver)


def tell_approvers(step) -> None:
    _tell_approvers(step.record)


def stamp_decision(step) -> None:
    """A decided request says who decided, when, and what they wrote (also when the office
    overrides it)."""
    step.touch(decided_by=step.actor, decided_at=timezone.now(), decision_note=step.reason[:200])


def tell_member_of_decision(step) -> None:
    leave = step.record
    if leave.member.user_id:
        notify(
            kind=LEAVE_DECISION,
            recipients=[leave.member.user],
            title=_("请假%(r)s：%(t)s")
            % {"r": leave.get_status_display(), "t": leave.activity.title},
            body=leave.decision_note,
            url=activity_url(leave.activity),
        )


def decide_leave(
    *, actor: User, leave: LeaveRequest, approve: bool, note: str = ""
) -> LeaveRequest:
    """The approver the request was routed to approves or declines it."""
    check_approve_leave_permission(actor, leave.committee_id, leave.approver)
    return take(leave, "approve" if approve else "decline", actor, reason=note)
