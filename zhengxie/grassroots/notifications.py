"""The notifications the grassroots app sends. Registered by GrassrootsConfig.ready."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.notifications import NotificationKind
from zhengxie.core.notifications.defaults import INBOX, INBOX_SMS

# Residents raise cases too; their phone is how they hear back.
CASE_UPDATE = NotificationKind("grassroots.case_update", _("反映问题进展"), INBOX_SMS, order=40)
CASE_TO_HANDLE = NotificationKind(
    "grassroots.case_to_handle",
    _("待处理的反映问题"),
    INBOX_SMS,
    roles=frozenset({Role.CONVENOR}),
    order=41,
)
ACTION_ASSIGNED = NotificationKind(
    "grassroots.action_assigned",
    _("待认领的落实措施"),
    INBOX,
    roles=frozenset({Role.UNIT}),
    order=42,
)
ACTION_REMINDER = NotificationKind(
    "grassroots.action_reminder",
    _("落实措施到期提醒"),
    INBOX_SMS,
    roles=frozenset({Role.UNIT, Role.CONVENOR}),
    order=43,
)

# A case about work resolved by referring its reporter to open jobs: the links to apply.
JOB_REFERRAL = NotificationKind(
    "grassroots.job_referral", _("反映问题推荐的岗位"), INBOX_SMS, order=44
)

KINDS = [CASE_UPDATE, CASE_TO_HANDLE, ACTION_ASSIGNED, ACTION_REMINDER, JOB_REFERRAL]
