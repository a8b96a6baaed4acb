"""What a leader follows from the phone: the key proposals under supervision (the web's
/proposals/key/) and the cockpit's headline figures (/insights/), read through the same
selectors, so the phone and the big screen cannot disagree. The committees' office staff read
them too, as on the web."""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from zhengxie.insights.scope import dashboard_scope
from zhengxie.insights.selectors import cockpit_headlines
from zhengxie.proposals.permissions import key_proposal_committee_ids
from zhengxie.proposals.selectors import list_key_proposals

from ..errors import ERRORS
from ..pagination import Keyset
from ..schemas import CommitteeRef

router = Router(tags=["leaders"])


class KeyFilters(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    mine: bool = Field(False, description="只列本人督办的重点提案")


class KeyProposalOut(Schema):
    id: int
    year: int
    proposal_id: int
    proposal_number: int | None
    proposal_title: str
    proposal_state: str
    proposal_state_label: str
    supervisor_name: str
    supervisor_kind: str
    supervisor_kind_label: str
    units: list[str] = Field(description="在办的承办单位")
    supervision_count: int = Field(description="督办次数")

    @staticmethod
    def resolve_proposal_number(key) -> int | None:
        return key.proposal.number

    @staticmethod
    def resolve_proposal_title(key) -> str:
        return key.proposal.title

    @staticmethod
    def resolve_proposal_state(key) -> str:
        return key.proposal.state

    @staticmethod
    def resolve_proposal_state_label(key) -> str:
        return key.proposal.get_state_display()

    @staticmethod
    def resolve_supervisor_kind_label(key) -> str:
        return key.get_supervisor_kind_display()

    @staticmethod
    def resolve_units(key) -> list[str]:
        return [a.unit.name for a in key.proposal.assignments.all() if a.is_active]

    @staticmethod
    def resolve_supervision_count(key) -> int:
        return key.log_count


@router.get("/key-proposals", response={200: list[KeyProposalOut], **ERRORS})
@paginate(Keyset, ordering=("-year", "-id"))
def key_proposals(request: HttpRequest, filters: Query[KeyFilters]):
    """重点提案督办: the key proposals of the reader's committees (a city's with its counties),
    newest year first; `mine=true` keeps those the reader supervises in person."""
    return list_key_proposals(
        committee_ids=key_proposal_committee_ids(request.user),
        year=filters.year,
        supervisor=request.user if filters.mine else None,
    )


class ScopeIn(Schema):
    committee_id: int | None = Field(None, description="默认为本人所在的最高一级政协")
    year: int | None = Field(None, ge=2000, le=2100, description="默认为最近一次全会的年度")
    rollup: bool = Field(True, description="市级政协是否含所辖县级政协")


class HeadlineOut(Schema):
    section: str
    key: str
    label: str
    value: float = Field(description="比率为 0–1 的小数")
    is_rate: bool


class DashboardOut(Schema):
    committee: CommitteeRef
    year: int
    rollup: bool
    headlines: list[HeadlineOut]


@router.get("/dashboard", response={200: DashboardOut, **ERRORS})
def dashboard(request: HttpRequest, scope: Query[ScopeIn]):
    """The cockpit's headline figures (领导驾驶舱) for one of the reader's committees."""
    committee, year, rollup = dashboard_scope(
        user=request.user, committee_id=scope.committee_id, year=scope.year, rollup=scope.rollup
    )
    return DashboardOut(
        committee=CommitteeRef.from_orm(committee),
        year=year,
        rollup=rollup,
        headlines=cockpit_headlines(committee=committee, year=year, rollup=rollup),
    )
