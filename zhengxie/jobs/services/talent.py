"""邀请投递: a verified employer invites a person whose résumé is in the talent pool to apply to
one of its own open jobs. The person is told and decides by applying through the normal flow
(seekers.apply_to_job); nothing of theirs reaches the employer before that."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.core.services.notifications import notify

from ..models import Application, ApplicationState, Invitation, Job, Resume
from ..notifications import INVITATION
from ..permissions import check_talent_pool_permission, filter_public_jobs


def invite_to_apply(*, actor: User, job_id: int, resume_id: int) -> Invitation:
    """Invites the owner of the visible résumé `resume_id` to apply to the person's own job
    `job_id`, once; the job must be open. The invited person is told after commit."""
    check_talent_pool_permission(actor)
    resume = Resume.objects.filter(pk=resume_id, is_public=True).exclude(user=actor).first()
    if resume is None:
        raise PermissionDenied(_("该简历不在人才库中。"))
    job = Job.objects.select_related("employer").filter(pk=job_id, employer__owner=actor).first()
    if job is None:
        raise PermissionDenied(_("只能邀请求职者投递本单位的岗位。"))
    today = timezone.localdate()
    if not filter_public_jobs(Job.objects.filter(pk=job.pk), today=today).exists():
        raise ValidationError(
            {"job": _("岗位“%(t)s”已停止招聘，不能邀请投递。") % {"t": job.title}}
        )
    applied = Application.objects.filter(job=job, seeker_id=resume.user_id).exclude(
        state=ApplicationState.WITHDRAWN
    )
    if applied.exists():
        raise ValidationError({"job": _("该求职者已投递岗位“%(t)s”。") % {"t": job.title}})
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                committee_id=job.committee_id, job=job, seeker_id=resume.user_id, invited_by=actor
            )
    except IntegrityError:
        raise ValidationError(
            {"job": _("已邀请该求职者投递岗位“%(t)s”。") % {"t": job.title}}
        ) from None
    transaction.on_commit(lambda: _tell_seeker(invitation, job))
    return invitation


def _tell_seeker(invitation: Invitation, job: Job) -> None:
    notify(
        kind=INVITATION,
        recipients=[invitation.seeker],
        title=_("%(e)s邀请您投递岗位“%(t)s”") % {"e": job.employer.name, "t": job.title},
        body=_("%(pay)s。如有意向，请打开岗位页面一键投递。") % {"pay": job.pay_text},
        url=job.get_absolute_url(),
    )
