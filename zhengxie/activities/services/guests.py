"""Guests and the office's cadres at an activity: the office adds them, signs them in and
strikes a wrong entry. None of this touches invitations, attendance or the duty ledger, so
members' participation and duty figures stay what members did."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import Role, User
from zhengxie.core.permissions import has_role

from ..models import Activity, ActivityState, Guest, GuestKind, GuestStatus
from ..permissions import check_manage_activity_permission


def _check_cadre(activity: Activity, kind: str, user: User | None) -> None:
    if user is None:
        return
    if kind != GuestKind.CADRE:
        raise ValidationError({"user": _("只有机关干部可以关联平台账号。")})
    if not has_role(user, activity.committee_id, Role.STAFF):
        raise ValidationError({"user": _("所选账号不是本级政协机关工作人员。")})


def add_guest(
    *,
    actor: User,
    activity: Activity,
    kind: str,
    name: str = "",
    unit: str = "",
    user: User | None = None,
) -> Guest:
    """The office adds a guest or a cadre (a cadre may be an existing staff account, whose
    name fills in when none is typed). Refused on a cancelled activity; allowed after it is
    held, so a paper sign-in sheet can be typed in."""
    check_manage_activity_permission(actor, activity.committee_id)
    if kind not in GuestKind.values:
        raise ValidationError({"kind": _("请选择特邀人员类别。")})
    _check_cadre(activity, kind, user)
    name = (name or (str(user) if user else "")).strip()
    if not name:
        raise ValidationError({"name": _("请填写特邀人员姓名。")})
    if activity.state == ActivityState.CANCELLED:
        raise ValidationError(_("活动已取消，不能添加特邀人员。"))
    guest = Guest(
        activity=activity,
        committee_id=activity.committee_id,
        kind=kind,
        name=name,
        unit=unit.strip() or (activity.committee.name if kind == GuestKind.CADRE else ""),
        user=user,
        added_by=actor,
    )
    guest._history_user = actor
    try:
        with transaction.atomic():
            guest.save()
    except IntegrityError:
        raise ValidationError({"name": _("该人员已在本次活动的特邀名单中。")}) from None
    return guest


def _transition(actor: User, guest: Guest, status: str, reason: str) -> Guest:
    """Locks the guest row, then writes its status with history."""
    check_manage_activity_permission(actor, guest.committee_id)
    with transaction.atomic():
        row = Guest.objects.select_for_update().get(pk=guest.pk)
        if row.status == GuestStatus.CANCELLED:
            raise ValidationError(_("该特邀人员已撤销。"))
        if row.status == status:
            raise ValidationError(_("该特邀人员已签到。"))
        row.status = status
        fields = ["status"]
        if status == GuestStatus.PRESENT:
            row.signed_in_at = timezone.now()
            fields.append("signed_in_at")
        row._history_user = actor
        row._change_reason = reason
        row.save(update_fields=fields)
    return row


def sign_in_guest(*, actor: User, guest: Guest) -> Guest:
    """Staff sign a guest in at the desk (or from the paper sheet afterwards)."""
    if guest.activity.state == ActivityState.CANCELLED:
        raise ValidationError(_("活动已取消，不能签到。"))
    return _transition(actor, guest, GuestStatus.PRESENT, _("特邀人员签到"))


def cancel_guest(*, actor: User, guest: Guest) -> Guest:
    """Staff strike a guest who did not come or was entered by mistake."""
    return _transition(actor, guest, GuestStatus.CANCELLED, _("撤销特邀人员"))
