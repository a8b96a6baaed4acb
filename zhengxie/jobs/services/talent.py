"""邀请投递: a verified employer invites a person whose résumé is in the talent pool to apply to
one of its own open jobs. The person is told and decides by applying through the normal flow
(seekers.apply_to_job, which answers the invitation) or declines it; nothing of theirs reaches
the employer before an application, and a refusal tells the employer only that it was
declined."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.core.services.notifications import notify

from ..models import Application, ApplicationState, Invitation, InvitationAnswer, Job, Resume
from ..notifications import EMPLOYER, INVITATION
from ..permissions import check_talent_pool_permission, filter_public_jobs
from .seekers import apply_to_job


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


def _lock_pending(*, seeker: User, invitation: Invitation) -> Invitation:
    """Locks the invitation row; only the invited person answers it, and only once."""
    if invitation.seeker_id != getattr(seeker, "pk", None):
        raise PermissionDenied(_("只有被邀请的求职者本人可以答复。"))
    locked = (
        Invitation.objects.select_for_update().select_related("job__employer").get(pk=invitation.pk)
    )
    if locked.answer != InvitationAnswer.PENDING:
        raise ValidationError(_("该邀请已答复：%(a)s。") % {"a": locked.get_answer_display()})
    return locked


def accept_invitation(*, seeker: User, invitation: Invitation) -> Application:
    """Answers yes by applying to the invited job with the person's résumé, exactly as the
    job page's 一键投递 (its checks and its notice to the employer); locks the invitation."""
    with transaction.atomic():
        locked = _lock_pending(seeker=seeker, invitation=invitation)
        return apply_to_job(seeker=seeker, job=locked.job)


def decline_invitation(*, seeker: User, invitation: Invitation) -> Invitation:
    """Answers no; the employer is told after commit (no name: the résumé stays in the pool
    on its owner's terms). Locks the invitation."""
    with transaction.atomic():
        locked = _lock_pending(seeker=seeker, invitation=invitation)
        locked.answer, locked.answered_at = InvitationAnswer.DECLINED, timezone.now()
        locked.save(update_fields=["answer", "answered_at"])
    transaction.on_commit(lambda: _tell_employer_declined(locked))
    return locked


def _tell_employer_declined(invitation: Invitation) -> None:
    owner = invitation.invited_by or invitation.job.employer.owner
    if owner is None:
        return
    notify(
        kind=EMPLOYER,
        recipients=[owner],
        title=_("一位求职者婉拒了投递岗位“%(t)s”的邀请") % {"t": invitation.job.title},
        url=invitation.job.get_absolute_url(),
    )
