"""Opinion reports (社情民意) for their authors: my reports, writing and submitting one,
reworking it when the office returns it, and what became of it (adoption, escalations to upper
committees, hand-offs to the committees above on the platform and their decisions, leaders'
instructions); the office hands an adopted report off to the committee above. The office's
steps (accept, return, adopt, forward, decline) and the author's withdrawal go through
/api/v1/opinion_report/<id>/transitions."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from zhengxie.instructions.selectors import list_on_record
from zhengxie.opinions import selectors, services

from ..caching import polled
from ..errors import ERRORS
from ..pagination import Keyset

router = Router(tags=["opinions"])


class ReportOut(Schema):
    id: int
    title: str
    category: str
    state: str
    state_label: str
    authors: list[str] = Field(description="反映委员")
    body_name: str = Field(description="反映单位")
    created_at: datetime
    submitted_at: datetime | None
    decided_at: datetime | None
    adoption_mode: str = Field(description='"" 未采用, "single" 单篇采用, "combined" 综合编发')

    @staticmethod
    def resolve_state_label(report) -> str:
        return report.get_state_display()

    @staticmethod
    def resolve_authors(report) -> list[str]:
        return [member.name for member in report.members.all()]


class EscalationOut(Schema):
    level: str
    level_label: str
    sent_on: date
    adopted_on: date | None
    note: str

    @staticmethod
    def resolve_level_label(escalation) -> str:
        return escalation.get_level_display()


class ReportInstructionOut(Schema):
    id: int = Field(description="批示编号，/api/v1/instructions/{id} 读其落实反馈")
    leader_name: str
    leader_title: str
    level: str
    level_label: str
    text: str
    instructed_on: date
    is_transcribed: bool = Field(description="纸质批示转录")
    state: str = Field(description="批示办理状态")
    follow_up: str = Field(description="落实情况：最近一次落实反馈，尚无为空")

    @staticmethod
    def resolve_level_label(instruction) -> str:
        return instruction.get_level_display()

    @staticmethod
    def resolve_follow_up(instruction) -> str:
        follow_ups = list(instruction.follow_ups.all())
        return follow_ups[-1].text if follow_ups else ""


class HandedFromOut(Schema):
    id: int
    committee: str = Field(description="报送的下级政协")

    @staticmethod
    def resolve_committee(report) -> str:
        return report.committee.display_name


class UpperHandlingOut(Schema):
    committee: str = Field(description="上级政协")
    state: str
    state_label: str
    adoption_mode: str
    decided_at: datetime | None

    @staticmethod
    def resolve_committee(report) -> str:
        return report.committee.display_name

    @staticmethod
    def resolve_state_label(report) -> str:
        return report.get_state_display()


class ReportDetailOut(ReportOut):
    body: str
    body_kind: str
    editor_comments: str = Field(description="编辑意见，退回修改时写明要改什么")
    forwarded_unit: str | None
    member_ids: list[int]
    editable: bool = Field(description="现在能否修改（草稿或被退回时作者可改）")
    escalations: list[EscalationOut] = Field(description="报送上级及上级采用情况")
    instructions: list[ReportInstructionOut] = Field(description="领导批示")
    escalated_from: HandedFromOut | None = Field(
        description="逐级报送：这条信息来自哪一级下级政协的哪条信息"
    )
    upper_decision: str = Field(description="上级政协办理情况（逐级报送后上级的最新决定）")
    upper_handling: list[UpperHandlingOut] = Field(
        description="逐级报送后各上级政协的办理状态，近的一级在前"
    )

    @staticmethod
    def resolve_forwarded_unit(report) -> str | None:
        return report.forwarded_unit.name if report.forwarded_unit else None

    @staticmethod
    def resolve_member_ids(report) -> list[int]:
        return [member.pk for member in report.members.all()]

    @staticmethod
    def resolve_escalations(report) -> list:
        return list(report.escalations.all())

    @staticmethod
    def resolve_instructions(report) -> list:
        return list(list_on_record(report))

    @staticmethod
    def resolve_upper_handling(report) -> list:
        return selectors.list_upper_handling(report=report)


class ReportIn(Schema):
    title: str = Field(max_length=120)
    body: str
    category: str = Field("", max_length=20)
    member_ids: list[int] = Field(default_factory=list, description="其他反映委员；本人总在其中")
    body_kind: str = Field("", max_length=20)
    body_name: str = Field("", max_length=60)
    submit: bool = Field(False, description="true 直接报送，false 存为草稿")


class HandOffIn(Schema):
    note: str = Field("", max_length=200, description="报送说明（选填）")


class NewReportIn(ReportIn):
    committee_id: int | None = Field(None, description="机关工作人员代报时所在的政协；委员不填")


@router.get("/mine", response={200: list[ReportOut], **ERRORS})
@paginate(Keyset, ordering=("-created_at", "-id"))
def my_reports(request: HttpRequest):
    """The caller's own reports, drafts included, newest first."""
    return selectors.list_my_reports(user=request.user)


@router.post("", response={201: ReportDetailOut, **ERRORS})
def new_report(request: HttpRequest, payload: NewReportIn):
    """A new report, saved as a draft or submitted at once (`submit`)."""
    data = payload.dict()
    committee = selectors.reporting_committee(
        user=request.user, committee_id=data.pop("committee_id")
    )
    report = services.create_report(committee=committee, actor=request.user, **data)
    return Status(201, selectors.get_readable_report(user=request.user, pk=report.pk))


@router.get("/{report_id}", response={200: ReportDetailOut, 304: None, **ERRORS})
@decorate_view(polled)
def report_detail(request: HttpRequest, report_id: int):
    """Status, adoption, escalations and instructions; the editor's comments when returned."""
    return selectors.get_readable_report(user=request.user, pk=report_id)


@router.put("/{report_id}", response={200: ReportDetailOut, **ERRORS})
def edit_report(request: HttpRequest, report_id: int, payload: ReportIn):
    """Reworks a draft or a returned report; `submit: true` submits it again."""
    report = selectors.get_readable_report(user=request.user, pk=report_id)
    services.update_report(report=report, actor=request.user, **payload.dict())
    return selectors.get_readable_report(user=request.user, pk=report_id)


@router.post("/{report_id}/hand-off", response={200: ReportDetailOut, **ERRORS})
def hand_off(request: HttpRequest, report_id: int, payload: HandOffIn):
    """逐级报送: the office sends an adopted report to the committee above on the platform.
    Answers the report itself, whose `upper_handling` now names the level above."""
    report = selectors.get_readable_report(user=request.user, pk=report_id)
    services.hand_off_report(report=report, actor=request.user, note=payload.note)
    return selectors.get_readable_report(user=request.user, pk=report_id)
