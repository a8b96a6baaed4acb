"""Seekers: the one résumé, applying in two taps, withdrawing, deleting one's data, and the
effects of the application workflow (both sides are told at each step)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.chinese import normalize_text
from zhengxie.core.models import User
from zhengxie.core.phones import InvalidMobile, normalize_mobile
from zhengxie.core.rules import rule
from zhengxie.core.services.notifications import notify
from zhengxie.core.workflow import Step, WorkflowError, apply

from ..models import Application, ApplicationState, Invitation, InvitationAnswer, Job, Resume
from ..models.seekers import ACTIVE_APPLICATION_STATES
from ..notifications import APPLICATION, EMPLOYER
from ..permissions import filter_public_jobs
from ..rules import APPLICATIONS_PER_DAY

RESUME_FIELDS = (
    "name",
    "mobile",
    "gender",
    "birth_year",
    "education",
    "experience",
    "desired_category",
    "desired_town",
    "is_public",
)


def _signed_in(user) -> None:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("请先登录。"))


def save_resume(*, user: User, **values) -> Resume:
    """Creates or replaces the person's one résumé."""
    _signed_in(user)
    unknown = set(values) - set(RESUME_FIELDS)
    if unknown:
        raise TypeError(f"unknown résumé fields {sorted(unknown)}")
    errors = {}
    values["name"] = normalize_text(values.get("name", ""))
    if not values["name"]:
        errors["name"] = _("请填写姓名。")
    try:
        values["mobile"] = normalize_mobile(values.get("mobile", ""))
    except InvalidMobile as error:
        errors["mobile"] = _("“%(value)s”不是有效的手机号码。") % {"value": error}
    else:
        if not values["mobile"]:
            errors["mobile"] = _("请填写手机号码，用于接受面试邀请后与单位联系。")
    if errors:
        raise ValidationError(errors)
    resume, _created = Resume.objects.update_or_create(user=user, defaults=values)
    return resume


def apply_to_job(*, seeker: User, job: Job, today: dt.date | None = None) -> Application:
    """The second tap: sends the person's résumé to an open job."""
    _signed_in(seeker)
    resume = Resume.objects.filter(user=seeker).first()
    if resume is None:
        raise ValidationError(_("请先填写简历。"))
    today = today or timezone.localdate()
    if not filter_public_jobs(Job.objects.filter(pk=job.pk), today=today).exists():
        raise ValidationError(_("该岗位已停止招聘。"))
    if job.employer.owner_id == seeker.pk:
        raise ValidationError(_("不能投递本单位的岗位。"))
    _check_daily_limit(seeker, job)
    live = Application.objects.filter(job=job, seeker=seeker).exclude(
        state=ApplicationState.WITHDRAWN
    )
    if live.exists():  # refused before writing; the constraint still catches a double tap
        raise ValidationError(_("您已投递过该岗位。"))
    try:
        with transaction.atomic():
            application = Application(
                committee_id=job.committee_id, job=job, seeker=seeker, resume=resume
            )
            application._history_user = seeker
            application.save()
            _answer_invitation(application)
    except IntegrityError:
        raise ValidationError(_("您已投递过该岗位。")) from None
    transaction.on_commit(lambda: _tell_employer_of(application))
    return application


def _answer_invitation(application: Application) -> None:
    """An application answers the pending invitation (人才库) to that job, however the person
    came to apply: from the invitation or from the job's page."""
    pending = Invitation.objects.select_for_update().filter(
        job_id=application.job_id, seeker_id=application.seeker_id, answer=InvitationAnswer.PENDING
    )
    for invitation in pending:
        invitation.answer, invitation.answered_at = InvitationAnswer.ACCEPTED, timezone.now()
        invitation.save(update_fields=["answer", "answered_at"])


def _check_daily_limit(seeker: User, job: Job) -> None:
    since = timezone.now() - dt.timedelta(days=1)
    sent = Application.objects.filter(seeker=seeker, applied_at__gte=since).count()
    if sent >= rule(job.committee_id, APPLICATIONS_PER_DAY):
        raise ValidationError(_("今天投递的岗位已达上限，请明天再试。"))


def _tell_employer_of(application: Application) -> None:
    owner = application.job.employer.owner
    if owner is not None:
        notify(
            kind=EMPLOYER,
            recipients=[owner],
            title=_("岗位“%(t)s”收到新的投递") % {"t": application.job.title},
            url=application.get_absolute_url(),
        )


def open_application(*, actor: User, application: Application) -> Application:
    """The employer opens an application: the first time, it becomes 已查看."""
    if application.state == ApplicationState.APPLIED and (
        application.job.employer.owner_id == getattr(actor, "pk", None)
    ):
        return apply(application, "view", actor)
    return application


def delete_my_data(*, user: User) -> int:
    """Withdraws the person's live applications and deletes their résumé and the invitations
    they received (人才库): employers then see
    only that an application was withdrawn, with no name and no number. Returns how many
    applications were withdrawn."""
    _signed_in(user)
    withdrawn = 0
    with transaction.atomic():
        live = Application.objects.filter(seeker=user, state__in=ACTIVE_APPLICATION_STATES)
        for application in live:
            apply(application, "withdraw", user, reason=_("求职者删除了个人信息"))
            withdrawn += 1
        Resume.objects.filter(user=user).delete()
        Invitation.objects.filter(seeker=user).delete()
    return withdrawn


# --- the application workflow's effects ----------------------------------------------------


def check_interview(step: Step) -> None:
    when = step.data.get("interview_at")
    if when is None or when <= timezone.now():
        raise ValidationError({"interview_at": _("请填写将来的面试时间。")})
    if not normalize_text(step.data.get("interview_place", "")):
        raise ValidationError({"interview_place": _("请填写面试地点。")})


def record_interview(step: Step) -> None:
    step.touch(
        interview_at=step.data["interview_at"],
        interview_place=normalize_text(step.data["interview_place"]),
    )


def check_job_still_open(step: Step) -> None:
    if step.record.job.expires_on and step.record.job.expires_on < timezone.localdate():
        raise WorkflowError(_("该岗位已过招聘截止日期。"))


def _tell(recipient, title: str, application: Application, body: str = "") -> None:
    if recipient is not None:
        notify(
            kind=APPLICATION,
            recipients=[recipient],
            title=title,
            body=body,
            url=application.get_absolute_url(),
        )


def tell_seeker(step: Step) -> None:
    application = step.record
    _tell(
        application.seeker,
        _("您投递的“%(t)s”：%(s)s")
        % {"t": application.job.title, "s": application.get_state_display()},
        application,
        step.reason,
    )


def tell_employer(step: Step) -> None:
    application = step.record
    _tell(
        application.job.employer.owner,
        _("“%(t)s”的投递：%(s)s")
        % {"t": application.job.title, "s": application.get_state_display()},
        application,
        step.reason,
    )
