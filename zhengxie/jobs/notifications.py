"""The notifications the job board sends. Registered by JobsConfig.ready."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.notifications import NotificationKind
from zhengxie.core.notifications.defaults import INBOX, INBOX_SMS

# The office's review queues: employers to verify, listings to review.
REVIEW = NotificationKind(
    "jobs.review", _("就业服务待审核"), INBOX, roles=frozenset({Role.STAFF}), order=80
)
# An employer's own account: verification and listing decisions, applications received.
EMPLOYER = NotificationKind("jobs.employer", _("用人单位与岗位审核结果、收到投递"), INBOX, order=81)
# A seeker hears of every step of their application by SMS too: an interview invitation
# read a day late is an interview lost.
APPLICATION = NotificationKind("jobs.application", _("求职投递进展"), INBOX_SMS, order=82)

# A verified employer read the seeker's visible résumé and invites them to apply to a job.
INVITATION = NotificationKind("jobs.invitation", _("用人单位邀请投递"), INBOX_SMS, order=83)

KINDS = [REVIEW, EMPLOYER, APPLICATION, INVITATION]
