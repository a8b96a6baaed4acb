"""举报: anyone reports a listing, guests too (with an optional way to reach them), at most a
few times an hour from one address; the office takes it down or dismisses the report."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.chinese import normalize_text
from zhengxie.core.throttle import Throttle, Throttled
from zhengxie.core.workflow import Step, apply

from ..models import Job, JobReport, JobState, ReportState
from ..permissions import filter_public_jobs

# A neighbour who saw a dubious listing reports it once or twice; a script, hundreds.
REPORTS_PER_ADDRESS = Throttle("job-reports", limit=5, window=60 * 60)
MAX_CONTACT = 50


def report_job(
    *, reporter, job: Job, reason: str, contact: str = "", address: str = ""
) -> JobReport:
    """A report from a signed-in person (`reporter`) or a guest (an anonymous or no user);
    `address` is the client's (core.throttle.client_address), counted against the limit."""
    if address:
        if REPORTS_PER_ADDRESS.is_exhausted(address):
            raise Throttled(
                _("举报过于频繁，请一小时后再试。"), retry_after=REPORTS_PER_ADDRESS.window
            )
        REPORTS_PER_ADDRESS.record(address)
    signed_in = getattr(reporter, "is_authenticated", False)
    reason, contact = normalize_text(reason), normalize_text(contact)
    if not reason:
        raise ValidationError({"reason": _("请填写举报理由。")})
    if len(contact) > MAX_CONTACT:
        raise ValidationError({"contact": _("联系方式：不超过 50 个字。")})
    public = filter_public_jobs(Job.objects.filter(pk=job.pk), today=timezone.localdate())
    if not public.exists():
        raise ValidationError({"reason": _("该岗位已不在招聘中。")})
    try:
        with transaction.atomic():
            report = JobReport(
                committee_id=job.committee_id, job=job, reporter=reporter if signed_in else None,
                reason=reason[:200], contact=contact,
            )  # fmt: skip
            report._history_user = reporter if signed_in else None
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
