"""The activity kinds a committee starts with; staff add or change kinds afterwards."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from zhengxie.core.models import Committee, User

from ..models import AbsenceRule, ActivityKind, LeaveApprover
from ..permissions import check_manage_activity_permission

PLENARY_NOTICE_DAYS = 7  # 全体委员会议一般应提前7日发出通知（无锡 2012）
OTHER_NOTICE_DAYS = 3  # 常委会、专委会、小组活动提前3日

# code, name, leave approver, compulsory, absence rule, consultation, research, study, joint
DEFAULT_KINDS = [
    ("plenary", "全体会议", LeaveApprover.CHAIR, True, AbsenceRule.PLENARY, 1, 0, 0, 0),
    ("standing", "专题议政性常委会议", LeaveApprover.CHAIR, True, AbsenceRule.STANDING, 1, 0, 0, 0),
    ("bimonthly", "双月协商座谈会", LeaveApprover.OFFICE, False, "", 1, 0, 0, 0),
    ("thematic", "专题协商会", LeaveApprover.OFFICE, False, "", 1, 0, 0, 0),
    ("counterpart", "对口协商", LeaveApprover.OFFICE, False, "", 1, 0, 0, 0),
    ("sector", "界别协商", LeaveApprover.OFFICE, False, "", 1, 0, 0, 0),
    ("proposal", "提案办理协商", LeaveApprover.OFFICE, False, "", 1, 0, 0, 0),
    ("research", "调研", LeaveApprover.OFFICE, False, "", 0, 1, 0, 0),
    ("inspection", "专项视察", LeaveApprover.OFFICE, False, "", 0, 1, 0, 0),
    ("supervision", "监督性视察", LeaveApprover.OFFICE, False, "", 0, 1, 0, 0),
    ("study", "理论学习", LeaveApprover.OFFICE, False, "", 0, 0, 1, 0),
    ("reading", "读书交流", LeaveApprover.OFFICE, False, "", 0, 0, 1, 0),
    ("training", "培训", LeaveApprover.OFFICE, False, "", 0, 0, 1, 0),
    ("joint", "联动履职", LeaveApprover.OFFICE, False, "", 0, 1, 0, 1),
]


def seed_default_kinds(*, committee: Committee) -> int:
    """Create the default kinds the committee lacks; returns how many were created.
    Idempotent: an existing code is left as the committee configured it."""
    existing = set(ActivityKind.objects.filter(committee=committee).values_list("code", flat=True))
    rows = []
    for order, row in enumerate(DEFAULT_KINDS):
        code, name, approver, compulsory, absence, consult, research, study, joint = row
        if code in existing:
            continue
        rows.append(
            ActivityKind(
                committee=committee,
                code=code,
                name=name,
                leave_approver=approver,
                notice_days=PLENARY_NOTICE_DAYS if code == "plenary" else OTHER_NOTICE_DAYS,
                attendance_compulsory=compulsory,
                absence_rule=absence,
                counts_as_consultation=bool(consult),
                counts_as_research=bool(research),
                counts_as_study=bool(study),
                joint_with_upper=bool(joint),
                sort_order=order,
            )
        )
    with transaction.atomic():
        bulk_create_with_history(rows, ActivityKind, ignore_conflicts=True)
    return len(rows)


def save_kind(*, actor: User, kind: ActivityKind) -> ActivityKind:
    """Staff add a kind or change one (notice days, approver, figure flags)."""
    check_manage_activity_permission(actor, kind.committee_id)
    if (
        ActivityKind.objects.filter(committee_id=kind.committee_id, code=kind.code)
        .exclude(pk=kind.pk)
        .exists()
    ):
        raise ValidationError({"code": _("代码已被本级其他活动类型使用。")})
    kind._history_user = actor
    kind.save()
    return kind
