"""推荐岗位: a case about work resolved by referring its reporter to open jobs of the job board.

The venue's convenor or the office takes the case workflow's step `refer_to_job`, which resolves
the case like its other resolving step (the resolved state's effects: the date, the members'
credit, the reporter asked to rate); the step records which jobs and sends the reporter their
links. Only jobs open to the public (open, not expired, employer verified) may be referred."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.core.services.notifications import notify
from zhengxie.core.workflow import Step, apply
from zhengxie.jobs.models import Job
from zhengxie.jobs.permissions import filter_public_jobs

from ..models import Case, CaseJobReferral
from ..notifications import JOB_REFERRAL
from ..permissions import check_manage_venue_permission
from .cases import fresh
from .timeline import step_date


def refer_case_to_jobs(*, actor: User, case: Case, job_ids: list[int]) -> Case:
    """Resolves the case by referring its reporter to the jobs `job_ids` (the step
    `refer_to_job`, whose guard checks each job is still open)."""
    case = fresh(case)
    check_manage_venue_permission(actor, case.venue)
    return apply(case, "refer_to_job", actor, job_ids=list(job_ids))


def check_referable_jobs(step: Step) -> None:
    """Guard of `refer_to_job`: at least one job, each open to the public on the step's day;
    a closed or expired one is named. Leaves the jobs and the timeline's note in the step."""
    ids = list(dict.fromkeys(step.data.get("job_ids") or ()))
    if not ids:
        raise ValidationError({"jobs": _("请选择推荐的岗位。")})
    chosen = Job.objects.filter(pk__in=ids).select_related("employer")
    open_ids = set(filter_public_jobs(chosen, today=step_date(step)).values_list("pk", flat=True))
    jobs = sorted(chosen, key=lambda job: ids.index(job.pk))
    closed = [job.title for job in jobs if job.pk not in open_ids]
    if closed or len(jobs) != len(ids):
        names = "、".join(closed) or _("所选岗位")
        raise ValidationError(
            {"jobs": _("岗位“%(t)s”已停止招聘或已过截止日期，不能推荐。") % {"t": names}}
        )
    step.data["jobs"] = jobs
    named = "、".join(f"{job.title}（{job.employer.name}）" for job in jobs)
    step.data["note"] = _("推荐岗位：%(jobs)s") % {"jobs": named}


def record_job_referrals(step: Step) -> None:
    """After `refer_to_job`: one row per job, each with its history."""
    for job in step.data["jobs"]:
        CaseJobReferral.objects.create(
            case=step.record, job=job, referred_by=step.actor, referred_on=step_date(step)
        )


def tell_reporter_of_jobs(step: Step) -> None:
    """After commit: the reporter gets each job's link (the first opens from the message)."""
    case, jobs = step.record, step.data["jobs"]
    if not case.reporter_id:
        return
    lines = [f"{job.title}（{job.employer.name}）：{job.get_absolute_url()}" for job in jobs]
    notify(
        kind=JOB_REFERRAL,
        recipients=[case.reporter],
        title=_("您反映的问题“%(t)s”已为您推荐%(n)s个岗位") % {"t": case.title, "n": len(jobs)},
        body="\n".join(lines),
        url=jobs[0].get_absolute_url(),
    )
