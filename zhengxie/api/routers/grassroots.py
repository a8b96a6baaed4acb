"""Grassroots consultation (基层协商) for residents and members: the venues of a town, raising
a case (with photos, as a multipart form like the web's), one's own cases with their timeline,
and rating a resolved one. The convenors' and the office's steps (accept, refer, consult,
close) go through /api/v1/case/<id>/transitions or their web pages, except 推荐岗位 (a case
about work resolved by referring its reporter to open jobs), which has its own pair here as
on the web."""

from datetime import date

from django.http import HttpRequest
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from zhengxie.core.throttle import client_address
from zhengxie.grassroots import selectors
from zhengxie.grassroots.services.cases import rate_case, report_case
from zhengxie.grassroots.services.job_referrals import refer_case_to_jobs

from ..caching import polled
from ..errors import ERRORS
from ..pagination import Keyset
from ..schemas import CommitteeRef

router = Router(tags=["grassroots"])


class TownRef(Schema):
    id: int
    name: str


class VenueOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    committee: CommitteeRef
    town: TownRef
    address: str
    duty_days: str = Field(description="接待日")
    star_rating: int | None
    convenor: str | None
    member_count: int
    session_count: int
    open_cases: int

    @staticmethod
    def resolve_kind_label(venue) -> str:
        return venue.get_kind_display()

    @staticmethod
    def resolve_convenor(venue) -> str | None:
        return str(venue.convenor) if venue.convenor else None


class CaseOut(Schema):
    id: int
    title: str
    category: str
    state: str
    state_label: str
    town: str
    venue: str | None
    raised_on: date
    resolved_on: date | None

    @staticmethod
    def resolve_state_label(case) -> str:
        return case.get_state_display()

    @staticmethod
    def resolve_town(case) -> str:
        return case.town.name

    @staticmethod
    def resolve_venue(case) -> str | None:
        return case.venue.name if case.venue else None


class EventOut(Schema):
    action: str
    state: str
    state_label: str
    note: str
    occurred_on: date

    @staticmethod
    def resolve_state(event) -> str:
        return event.to_state

    @staticmethod
    def resolve_state_label(event) -> str:
        return event.get_to_state_display()


class ActionOut(Schema):
    description: str
    responsible_name: str
    due_on: date
    state: str
    done_on: date | None


class SessionOut(Schema):
    title: str
    held_on: date
    consensus: str


class ReferredJobOut(Schema):
    id: int
    title: str
    employer_name: str
    pay_text: str = Field(description="如 4000–6000 元/月")

    @staticmethod
    def resolve_employer_name(job) -> str:
        return job.employer.name


class CaseDetailOut(CaseOut):
    description: str
    place: str
    referred_to: str
    referral_reason: str
    timeline: list[EventOut]
    actions: list[ActionOut] = Field(description="协商议定的落实措施")
    sessions: list[SessionOut]
    can_rate: bool = Field(description="反映人现在能否评价")
    referred_jobs: list[ReferredJobOut] = Field(description="推荐岗位并办结时推荐的岗位")

    @staticmethod
    def resolve_timeline(case) -> list:
        return list(case.events.all())

    @staticmethod
    def resolve_actions(case) -> list:
        return list(case.actions.all())

    @staticmethod
    def resolve_sessions(case) -> list:
        return list(case.sessions.all())


class CaseIn(Schema):
    town_id: int
    category: str = Field(max_length=20)
    title: str = Field(max_length=100)
    description: str = Field(max_length=2000)
    place: str = Field(max_length=120)
    phone: str = Field("", pattern=r"^([0-9-]{7,20})?$", description="仅召集人和机关可见")


class RatingIn(Schema):
    value: str = Field(max_length=12, description="satisfied, basic 或 unsatisfied（重新协商）")
    comment: str = Field("", max_length=300)


class JobReferralIn(Schema):
    job_ids: list[int] = Field(description="推荐的岗位，取自 jobs-to-refer")


class RatingOut(Schema):
    value: str
    value_label: str
    comment: str
    rated_on: date

    @staticmethod
    def resolve_value_label(rating) -> str:
        return rating.get_value_display()


@router.get("/venues", response={200: list[VenueOut], **ERRORS})
@paginate(Keyset, ordering=("sort_order", "id"))
def venues(request: HttpRequest, town: int | None = None):
    """The venues of the committees the caller reads; `town` keeps one town's."""
    return selectors.list_venues_for(user=request.user, town_id=town)


@router.post("/cases", response={201: CaseDetailOut, **ERRORS})
def raise_case(
    request: HttpRequest,
    payload: Form[CaseIn],
    photos: File[list[UploadedFile]] = None,
):
    """A multipart form, as the web's: the fields, and up to the committee's count of photos."""
    town = selectors.get_active_town(pk=payload.town_id)
    case = report_case(
        reporter=request.user,
        address=client_address(request),
        town=town,
        photos=photos or [],
        **payload.dict(exclude={"town_id"}),
    )
    return Status(201, selectors.get_public_case_for(user=request.user, case_id=case.pk))


@router.get("/cases/mine", response={200: list[CaseOut], **ERRORS})
@paginate(Keyset, ordering=("-raised_on", "-id"))
def my_cases(request: HttpRequest):
    """The cases the caller reported, newest first."""
    return selectors.list_my_cases(user=request.user)


@router.get("/cases/{case_id}", response={200: CaseDetailOut, 304: None, **ERRORS})
@decorate_view(polled)
def case_detail(request: HttpRequest, case_id: int):
    """What the public case page shows (never who reported it): the timeline, the agreed
    actions and sessions; `can_rate` for its reporter once it is resolved."""
    return selectors.get_public_case_for(user=request.user, case_id=case_id)


@router.post("/cases/{case_id}/rate", response={200: RatingOut, **ERRORS})
def rate(request: HttpRequest, case_id: int, payload: RatingIn):
    """满意 or 基本满意 rates the case; 不满意 sends it back to consultation."""
    case = selectors.get_case(pk=case_id)
    return rate_case(actor=request.user, case=case, **payload.dict())


@router.get("/cases/{case_id}/jobs-to-refer", response={200: list[ReferredJobOut], **ERRORS})
def jobs_to_refer(request: HttpRequest, case_id: int):
    """The open jobs the case may be referred to, its own town's first (the web's list to tick),
    for the venue's convenor and the office."""
    case = selectors.get_case(pk=case_id)
    return selectors.list_jobs_to_refer(user=request.user, case=case)


@router.post("/cases/{case_id}/refer-to-jobs", response={200: CaseDetailOut, **ERRORS})
def refer_to_jobs(request: HttpRequest, case_id: int, payload: JobReferralIn):
    """推荐岗位并办结: resolves the case by referring its reporter to the jobs (a closed or
    expired one is named in a 400; a case in another state answers 409)."""
    case = selectors.get_case(pk=case_id)
    refer_case_to_jobs(actor=request.user, case=case, job_ids=payload.job_ids)
    return selectors.get_public_case_for(user=request.user, case_id=case_id)
