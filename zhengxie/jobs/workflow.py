"""The job board's workflows as data (zhengxie.core.workflow): an employer's verification, a
job's review and publication, a report's moderation, and an application from 投递 to 录用.

Employer: pending → verified | rejected (the office checks the licence and the credit code).
Job: pending → open (published, at most 60 days) | rejected → pending (corrected) ; open →
closed (the employer, the office taking it down, or the daily expiry).
Report: open → handled (the listing is taken down) | dismissed.
Application: applied → viewed → invited → accepted | declined → hired | not hired; the seeker
withdraws any live one. The applicant's number is shown to the employer from accepted on.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.core.workflow import SYSTEM, Reason, State, Workflow, transition

from .forms import InterviewForm
from .models import Application, ApplicationState, Employer, EmployerState, Job, JobReport
from .models import JobState as J
from .models import ReportState as R
from .permissions import APPLICANT, EMPLOYER_OWNER, HIRING_EMPLOYER, OFFICE
from .services.employers import stamp_verified_at, tell_owner_rejected, tell_owner_verified
from .services.jobs import (
    add_to_index,
    check_employer_verified,
    drop_from_index,
    reflag_fee_words,
    stamp_publication,
    tell_employer_published,
    tell_employer_rejected,
    tell_employer_taken_down,
)
from .services.reports import mark_handler, take_down_reported_job
from .services.seekers import (
    check_interview,
    check_job_still_open,
    record_interview,
    tell_employer,
    tell_seeker,
)

E = EmployerState

EMPLOYER = Workflow(
    name="employer",
    label=_("用人单位核验"),
    model=Employer,
    states=(
        State(E.PENDING, E.PENDING.label),
        State(E.VERIFIED, E.VERIFIED.label, on_enter=(stamp_verified_at,)),
        State(E.REJECTED, E.REJECTED.label),
    ),
    transitions=(
        transition(
            "verify", _("核验通过"), {E.PENDING, E.REJECTED}, E.VERIFIED, OFFICE,
            notify=(tell_owner_verified,), style="primary",
        ),
        transition(
            "reject", _("核验不通过"), {E.PENDING}, E.REJECTED, OFFICE,
            reason=Reason.REQUIRED, reason_label=_("不通过的理由（单位可见）"),
            notify=(tell_owner_rejected,),
        ),
    ),
    override_by=OFFICE,
    description=_("用人单位登记后，由政协机关核对营业执照和统一社会信用代码；核验通过前其岗位不能公开。"),
)  # fmt: skip

JOB = Workflow(
    name="job",
    label=_("岗位审核与发布"),
    model=Job,
    states=(
        State(J.PENDING, J.PENDING.label),
        State(J.OPEN, J.OPEN.label, on_enter=(add_to_index,)),
        State(J.REJECTED, J.REJECTED.label),
        State(J.CLOSED, J.CLOSED.label, terminal=True, on_enter=(drop_from_index,)),
    ),
    transitions=(
        transition(
            "approve", _("审核通过并发布"), {J.PENDING}, J.OPEN, OFFICE,
            guards=(check_employer_verified,), before=(stamp_publication,),
            notify=(tell_employer_published,), style="primary",
        ),
        transition(
            "reject", _("退回修改"), {J.PENDING}, J.REJECTED, OFFICE,
            reason=Reason.REQUIRED, reason_label=_("退回理由（单位可见）"),
            notify=(tell_employer_rejected,),
        ),
        # Taken by edit_job when a sent-back listing is corrected.
        transition(
            "resubmit", _("重新提交"), {J.REJECTED}, J.PENDING, EMPLOYER_OWNER,
            before=(reflag_fee_words,), button=False,
        ),
        transition("close", _("停止招聘"), {J.OPEN}, J.CLOSED, (EMPLOYER_OWNER, OFFICE)),
        # Taken when the office handles a report against the listing.
        transition(
            "take_down", _("下架"), {J.OPEN}, J.CLOSED, OFFICE, reason=Reason.REQUIRED,
            notify=(tell_employer_taken_down,), button=False,
        ),
        transition("expire", _("到期关闭"), {J.OPEN}, J.CLOSED, SYSTEM, button=False),
    ),
    override_by=OFFICE,
    description=_("单位提交岗位，机关审核后公开，最长60天；到期、停招或被举报下架后关闭。"),
)  # fmt: skip

JOB_REPORT = Workflow(
    name="job_report",
    label=_("岗位举报"),
    model=JobReport,
    states=(
        State(R.OPEN, R.OPEN.label),
        State(R.HANDLED, R.HANDLED.label, terminal=True, on_enter=(mark_handler,)),
        State(R.DISMISSED, R.DISMISSED.label, terminal=True, on_enter=(mark_handler,)),
    ),
    transitions=(
        transition(
            "take_down", _("下架该岗位"), {R.OPEN}, R.HANDLED, OFFICE,
            reason=Reason.OPTIONAL, after=(take_down_reported_job,), style="warn",
        ),
        # The other open reports on a listing taken down are settled with it.
        transition("settle", _("随岗位下架办结"), {R.OPEN}, R.HANDLED, OFFICE, button=False,
                   reason=Reason.OPTIONAL),
        transition("dismiss", _("驳回举报"), {R.OPEN}, R.DISMISSED, OFFICE,
                   reason=Reason.OPTIONAL),
    ),
    override_by=OFFICE,
    queryset=lambda: JobReport.objects.select_related("job__employer"),
    record_url=lambda report: reverse("jobs:moderation"),
    description=_("任何登录用户可举报岗位；机关下架岗位或驳回举报。"),
)  # fmt: skip

A = ApplicationState
LIVE = {A.APPLIED, A.VIEWED, A.INVITED, A.ACCEPTED}

APPLICATION = Workflow(
    name="job_application",
    label=_("求职投递"),
    model=Application,
    states=(
        State(A.APPLIED, A.APPLIED.label),
        State(A.VIEWED, A.VIEWED.label),
        State(A.INVITED, A.INVITED.label),
        State(A.ACCEPTED, A.ACCEPTED.label),
        State(A.DECLINED, A.DECLINED.label, terminal=True),
        State(A.HIRED, A.HIRED.label, terminal=True),
        State(A.NOT_HIRED, A.NOT_HIRED.label, terminal=True),
        State(A.WITHDRAWN, A.WITHDRAWN.label, terminal=True),
    ),
    transitions=(
        # Taken when the employer first opens the application.
        transition("view", _("查看"), {A.APPLIED}, A.VIEWED, HIRING_EMPLOYER, button=False,
                   notify=(tell_seeker,)),
        transition(
            "invite", _("邀请面试"), {A.APPLIED, A.VIEWED}, A.INVITED, HIRING_EMPLOYER,
            form=InterviewForm, guards=(check_job_still_open, check_interview),
            before=(record_interview,), notify=(tell_seeker,), style="primary",
        ),
        transition("accept", _("接受面试邀请"), {A.INVITED}, A.ACCEPTED, APPLICANT,
                   notify=(tell_employer,), style="primary"),
        transition("decline", _("婉拒面试"), {A.INVITED}, A.DECLINED, APPLICANT,
                   reason=Reason.OPTIONAL, notify=(tell_employer,)),
        transition("hire", _("录用"), {A.ACCEPTED}, A.HIRED, HIRING_EMPLOYER,
                   notify=(tell_seeker,), style="primary"),
        transition("turn_down", _("不录用"), {A.VIEWED, A.ACCEPTED}, A.NOT_HIRED,
                   HIRING_EMPLOYER, reason=Reason.OPTIONAL, notify=(tell_seeker,)),
        transition("withdraw", _("撤回投递"), LIVE, A.WITHDRAWN, APPLICANT,
                   reason=Reason.OPTIONAL, notify=(tell_employer,)),
    ),
    override_by=OFFICE,
    queryset=lambda: Application.objects.select_related("job__employer"),
    description=_("求职者投递后，单位查看、邀请面试；求职者接受后单位才能看到完整手机号；"
                  "之后录用或不录用，求职者可随时撤回。"),
)  # fmt: skip
