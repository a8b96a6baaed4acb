"""举报: anyone signed in reports a listing; the office takes it down or dismisses the report."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.chinese import normalize_text
from zhengxie.core.models import User
from zhengxie.core.workflow import Step, apply

from ..models import Job, JobReport, JobState, ReportState
from ..permissions import filter_public_jobs


def report_job(*, reporter: User, job: Job, reason: str) -> JobReport:
    if not getattr(reporter, "is_authenticated", False):
        raise PermissionDenied(_("请先登录再举报。"))
    reason = normalize_text(reason)
    if not reason:
        raise ValidationError({"reason": _("请填写举报理由。")})
    public = filter_public_jobs(Job.objects.filter(pk=job.pk), today=timezone.localdate())
    if not public.exists():
        raise ValidationError({"reason": _("该岗位已不在招聘中。")})
    try:
        with transaction.atomic():
            report = JobReport(
                committee_id=job.committee_id, job=job, reporter=reporter, reason=reason[:200]
            )
            report._history_user = reporter
            report.save()
    except IntegrityError:
        raise ValidationError({"reason": _("您已举报过该岗位，正在处理中。")}) from None
    return report


# --- the report workflow's effects ---------------------------------------------------------


def mark_handler(step: Step) -> None:
    step.touch(handled_by=step.actor)


def take_down_reported_job(step: Step) -> None:
    """Handling a report takes its listing down (once) and settles the other open reports."""
    job = step.record.job
    if job.state == JobState.OPEN:
        apply(job, "take_down", step.actor, reason=step.reason or step.record.reason)
    others = JobReport.objects.filter(job=job, state=ReportState.OPEN).exclude(pk=step.record.pk)
    for other in others:
        apply(other, "settle", step.actor, reason=step.reason)
