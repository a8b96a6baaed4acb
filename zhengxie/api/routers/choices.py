"""The choices the app's forms offer: towns, proposal categories, case categories and job
categories, read from the selectors and rules the web forms read. Each is short and whole
(no paging) and answers 304 to If-None-Match, so an app keeps its copy until it changes."""

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.decorators import decorate_view

from zhengxie.core.selectors import get_home_committee
from zhengxie.grassroots import rules as grassroots_rules
from zhengxie.grassroots.selectors import get_active_town
from zhengxie.jobs.selectors.work import job_categories_of, towns_of
from zhengxie.proposals import rules as proposal_rules
from zhengxie.proposals.services import committee_for_new_draft

from ..auth import token_or_guest
from ..caching import polled
from ..errors import ERRORS

router = Router(tags=["choices"])


class TownOut(Schema):
    id: int
    name: str
    committee_id: int
    region: str

    @staticmethod
    def resolve_region(town) -> str:
        return town.committee.region


class TownsOut(Schema):
    items: list[TownOut]


class ProposalCategoryOut(Schema):
    main: str
    subs: list[str]


class ProposalCategoriesOut(Schema):
    items: list[ProposalCategoryOut]


class CodeLabel(Schema):
    code: str
    label: str


class CaseCategoriesOut(Schema):
    items: list[CodeLabel]


class JobCategoryOut(Schema):
    id: int
    name: str


class JobCategoriesOut(Schema):
    items: list[JobCategoryOut]


@router.get("/towns", response={200: TownsOut, 304: None, **ERRORS}, auth=token_or_guest)
@decorate_view(polled)
def towns(request: HttpRequest):
    """乡镇街道 of the portal's committee and its counties, as the case and job forms offer
    them; `region` names the county for a label like "某某县 某某镇"."""
    home = get_home_committee()
    rows = towns_of(home.pk).select_related("committee") if home else []
    return {"items": list(rows)}


@router.get("/proposal-categories", response={200: ProposalCategoriesOut, 304: None, **ERRORS})
@decorate_view(polled)
def proposal_categories(request: HttpRequest):
    """The categories of the committee the member writes proposals in (`category` of a
    draft takes a sub-category, or a main one where it has none)."""
    committee = committee_for_new_draft(request.user)
    grouped = proposal_rules.categories(committee.pk)
    return {"items": [{"main": main, "subs": subs} for main, subs in grouped.items()]}


@router.get(
    "/case-categories", response={200: CaseCategoriesOut, 304: None, **ERRORS}, auth=token_or_guest
)
@decorate_view(polled)
def case_categories(request: HttpRequest, town: int | None = None):
    """问题类别 for raising a case in `town` (its committee's), or the portal's committee's."""
    committee = get_active_town(pk=town).committee if town is not None else get_home_committee()
    codes = grassroots_rules.categories(committee) if committee else {}
    return {"items": [{"code": code, "label": label} for code, label in codes.items()]}


@router.get(
    "/job-categories", response={200: JobCategoriesOut, 304: None, **ERRORS}, auth=token_or_guest
)
@decorate_view(polled)
def job_categories(request: HttpRequest):
    """岗位类别 of the portal's job board, for the search and the employer's job form."""
    home = get_home_committee()
    return {"items": list(job_categories_of(home.pk)) if home else []}
