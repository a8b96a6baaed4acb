"""The job board (家门口就业): the search and a job's page, open to guests as on the web; the
seeker's two-tap apply with their résumé and their applications; the employer's jobs and the
applications received, the applicant's number masked exactly as on the web. Withdrawing,
inviting to an interview and the rest are steps of /api/v1/job_application/<id>/transitions."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from zhengxie.core.selectors import get_home_committee
from zhengxie.jobs.forms import SearchForm, TalentSearchForm
from zhengxie.jobs.permissions import check_talent_pool_permission
from zhengxie.jobs.selectors import search, talent, work
from zhengxie.jobs.services.seekers import apply_to_job
from zhengxie.jobs.services.talent import accept_invitation, decline_invitation, invite_to_apply

from ..auth import token_or_guest
from ..errors import ERRORS
from ..pagination import Keyset

router = Router(tags=["jobs"])


class JobOut(Schema):
    id: int
    title: str
    employer_name: str
    town_name: str
    category_name: str
    pay_unit: str
    pay_min: int
    pay_max: int
    pay_text: str = Field(description="如 4000–6000 元/月")
    headcount: int
    published_at: datetime | None
    expires_on: date | None
    state: str

    @staticmethod
    def resolve_employer_name(job) -> str:
        return job.employer.name

    @staticmethod
    def resolve_town_name(job) -> str:
        return job.town.name

    @staticmethod
    def resolve_category_name(job) -> str:
        return job.category.name


class JobDetailOut(JobOut):
    address: str
    benefits: str
    hours: str
    starts_on: date | None
    description: str
    expired: bool = Field(description="已过截止日期")
    has_resume: bool = Field(description="本人已填写简历")
    applied: bool = Field(description="本人已投递（未撤回）")


class JobSearchOut(Schema):
    items: list[JobOut]
    next: str | None = Field(description="下一页的翻页标记；没有下一页时为 null")


class SearchIn(Schema):
    q: str = Field("", description="关键词")
    town: int | None = Field(None, description="乡镇街道")
    category: int | None = Field(None, description="岗位类别")
    pay_at_least: int | None = Field(None, description="月薪不低于（元）")
    days: int | None = Field(None, description="发布时间：1、3、7 或 30 天内")
    cursor: str = Field("", description="上一页答复中的 next")
    limit: int = Field(search.PAGE_SIZE, ge=1, le=100)


class MyJobOut(JobOut):
    applied: int = Field(description="投递总数")
    live: int = Field(description="在办投递数")


class ApplicationOut(Schema):
    id: int
    state: str
    state_label: str
    applied_at: datetime
    interview_at: datetime | None
    interview_place: str
    job_id: int
    job_title: str

    @staticmethod
    def resolve_state_label(application) -> str:
        return application.get_state_display()

    @staticmethod
    def resolve_job_title(application) -> str:
        return application.job.title


class MyApplicationOut(ApplicationOut):
    employer_name: str

    @staticmethod
    def resolve_employer_name(application) -> str:
        return application.job.employer.name


class ReceivedApplicationOut(ApplicationOut):
    applicant_name: str
    mobile: str = Field(description="接受面试邀请前隐去中间四位，与网页一致")
    education: str

    @staticmethod
    def resolve_applicant_name(application) -> str:
        return application.resume.name if application.resume else ""

    @staticmethod
    def resolve_mobile(application) -> str:
        return application.shown_mobile

    @staticmethod
    def resolve_education(application) -> str:
        return application.resume.education if application.resume else ""


class TalentOut(Schema):
    """A résumé of the pool: what it holds, never the full number (a résumé has no ID number
    and no address; numbers typed into 工作经历 are masked too)."""

    id: int
    name: str
    gender: str
    birth_year: int | None
    education: str
    mobile: str = Field(description="隐去中间四位")
    experience: str
    desired_town: str | None
    desired_category: str | None
    updated_at: datetime

    @staticmethod
    def resolve_mobile(resume) -> str:
        return resume.masked_mobile

    @staticmethod
    def resolve_experience(resume) -> str:
        return resume.shown_experience

    @staticmethod
    def resolve_desired_town(resume) -> str | None:
        return resume.desired_town.name if resume.desired_town else None

    @staticmethod
    def resolve_desired_category(resume) -> str | None:
        return resume.desired_category.name if resume.desired_category else None


class TalentIn(Schema):
    q: str = Field("", description="简历中的关键词")
    town: int | None = Field(None, description="期望工作地点")
    category: int | None = Field(None, description="期望岗位类别")


class InviteIn(Schema):
    job_id: int = Field(description="本单位正在招聘的岗位")


class JobInvitationOut(Schema):
    id: int
    job: JobOut
    answer: str = Field(description="pending 待答复, accepted 已投递, declined 已婉拒")
    answer_label: str
    created_at: datetime
    answered_at: datetime | None

    @staticmethod
    def resolve_answer_label(invitation) -> str:
        return invitation.get_answer_display()


class SentInvitationOut(Schema):
    id: int
    job_id: int
    resume_id: int
    created_at: datetime


@router.get("", response={200: JobSearchOut, **ERRORS}, auth=token_or_guest)
def search_jobs(request: HttpRequest, filters: Query[SearchIn]):
    """Open jobs, newest first, by keyword, town, category, pay and posting date; the web
    search's own form and selector, `next` paging on (published_at, id)."""
    data = filters.dict()
    data["after"] = data.pop("cursor")
    size = data.pop("limit")
    form = SearchForm({k: v for k, v in data.items() if v not in (None, "")},
                      committee=get_home_committee())  # fmt: skip
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    cleaned = form.cleaned_data
    page = search.search_jobs(
        search.JobQuery(
            text=cleaned["q"],
            town_id=cleaned["town"].pk if cleaned["town"] else None,
            category_id=cleaned["category"].pk if cleaned["category"] else None,
            pay_at_least=cleaned["pay_at_least"],
            posted_within_days=cleaned["days"],
            after=cleaned["after"],
        ),
        size=size,
    )
    return {"items": page.jobs, "next": page.next_cursor or None}


@router.get("/applications/mine", response={200: list[MyApplicationOut], **ERRORS})
@paginate(Keyset, ordering=("-applied_at", "-id"))
def my_applications(request: HttpRequest):
    """The caller's applications, newest first, withdrawn ones too."""
    return work.list_my_applications(request.user)


@router.get("/employer/jobs", response={200: list[MyJobOut], **ERRORS})
@paginate(Keyset, ordering=("-created_at", "-id"))
def my_jobs(request: HttpRequest):
    """The jobs of the employers the caller owns, in any state, with their applications."""
    return work.list_my_jobs(request.user)


@router.get("/employer/applications", response={200: list[ReceivedApplicationOut], **ERRORS})
@paginate(Keyset, ordering=("-applied_at", "-id"))
def applications_received(request: HttpRequest, job: int | None = None):
    """Applications to the caller's employers' jobs, or to one of them (`job`, as the web
    page's filter); the number shown only once the applicant accepted an interview."""
    owned = work.get_owned_job(request.user, job) if job is not None else None
    return work.list_received_applications(request.user, job=owned)


@router.get("/talent", response={200: list[TalentOut], **ERRORS})
@paginate(Keyset, ordering=("-updated_at", "-id"))
def talent_pool(request: HttpRequest, filters: Query[TalentIn]):
    """人才库, for verified employers only: the résumés their owners made visible, by words,
    desired town and category, the number masked."""
    form = TalentSearchForm({k: v for k, v in filters.dict().items() if v not in (None, "")},
                            committee=get_home_committee())  # fmt: skip
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    data = form.cleaned_data
    query = talent.TalentQuery(
        text=data["q"],
        town_id=data["town"].pk if data["town"] else None,
        category_id=data["category"].pk if data["category"] else None,
    )
    return talent.list_talent(request.user, query)


@router.get("/talent/jobs", response={200: list[JobOut], **ERRORS})
def jobs_to_invite_to(request: HttpRequest):
    """The caller's own open jobs, those a person of the pool may be invited to."""
    check_talent_pool_permission(request.user)
    return talent.jobs_to_invite_to(request.user, today=timezone.localdate())


@router.post("/talent/{resume_id}/invite", response={201: SentInvitationOut, **ERRORS})
def invite(request: HttpRequest, resume_id: int, payload: InviteIn):
    """邀请投递: the person is told and answers by applying or declining."""
    invitation = invite_to_apply(actor=request.user, job_id=payload.job_id, resume_id=resume_id)
    invitation.resume_id = resume_id
    return Status(201, invitation)


@router.get("/invitations", response={200: list[JobInvitationOut], **ERRORS})
@paginate(Keyset, ordering=("-created_at", "-id"))
def my_invitations(request: HttpRequest):
    """The invitations the caller received, newest first, answered ones too."""
    return talent.list_my_invitations(request.user)


@router.post("/invitations/{invitation_id}/accept", response={201: MyApplicationOut, **ERRORS})
def accept(request: HttpRequest, invitation_id: int):
    """Answers yes by applying with the caller's résumé (as 一键投递; a 400 names what is
    missing)."""
    invitation = talent.get_my_invitation(request.user, invitation_id)
    return Status(201, accept_invitation(seeker=request.user, invitation=invitation))


@router.post("/invitations/{invitation_id}/decline", response={200: JobInvitationOut, **ERRORS})
def decline(request: HttpRequest, invitation_id: int):
    """Answers no; the employer is told that the invitation was declined, nothing more."""
    invitation = talent.get_my_invitation(request.user, invitation_id)
    return decline_invitation(seeker=request.user, invitation=invitation)


@router.get("/{job_id}", response={200: JobDetailOut, **ERRORS}, auth=token_or_guest)
def job_detail(request: HttpRequest, job_id: int):
    """A job's page; whether the caller has a résumé and has applied."""
    job = search.get_readable_job(request.user, job_id)
    job.expired = job.is_expired(timezone.localdate())
    for name, value in work.seeker_standing(request.user, job).items():
        setattr(job, name, value)
    return job


@router.post("/{job_id}/apply", response={201: MyApplicationOut, **ERRORS})
def apply(request: HttpRequest, job_id: int):
    """一键投递: sends the caller's résumé to the job (a 400 names what is missing)."""
    application = apply_to_job(
        seeker=request.user, job=search.get_readable_job(request.user, job_id)
    )
    return Status(201, application)
