"""Leaders' instructions (领导批示): a leader's own list and pen, the department's list of
instructions to act on, and one instruction with its follow-ups. The steps (pass to a
department, report back with the follow-up text, accept, return) go through
/api/v1/instruction/<id>/transitions: the department's feedback is the `report` step with
`{"data": {"text": "…"}}`, cleaned by the web's own feedback form."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhengxie.instructions import selectors, services
from zhengxie.instructions.forms import WriteForm

from ..errors import ERRORS
from ..pagination import Keyset

router = Router(tags=["instructions"])


class InstructionOut(Schema):
    id: int
    committee_name: str
    leader_name: str
    leader_title: str
    level: str
    level_label: str
    text: str
    instructed_on: date
    target_kind: str = Field(description="批示对象类型，如 opinion_report")
    target_title: str = Field(description="批示对象")
    unit_name: str | None = Field(description="落实部门；尚未交办时为 null")
    due_on: date | None = Field(description="反馈期限")
    state: str
    state_label: str
    is_transcribed: bool = Field(description="纸质批示转录")

    @staticmethod
    def resolve_committee_name(instruction) -> str:
        return instruction.committee.name

    @staticmethod
    def resolve_level_label(instruction) -> str:
        return instruction.get_level_display()

    @staticmethod
    def resolve_state_label(instruction) -> str:
        return instruction.get_state_display()

    @staticmethod
    def resolve_unit_name(instruction) -> str | None:
        return instruction.unit.name if instruction.unit_id else None


class FollowUpOut(Schema):
    id: int
    text: str = Field(description="落实情况")
    submitted_by: str | None
    submitted_at: datetime
    accepted: bool | None = Field(description="null 待审核，true 已采纳，false 退回补充")
    office_note: str = Field(description="机关意见")

    @staticmethod
    def resolve_submitted_by(follow_up) -> str | None:
        user = follow_up.submitted_by
        return (user.display_name or user.get_username()) if user else None


class InstructionDetailOut(InstructionOut):
    follow_ups: list[FollowUpOut] = Field(description="落实反馈，先后为序")

    @staticmethod
    def resolve_follow_ups(instruction) -> list:
        return list(instruction.follow_ups.all())


class WriteIn(Schema):
    text: str = Field(description="批示内容")
    unit_id: int | None = Field(None, description="落实部门；可不选，由政协机关转交")
    due_on: date | None = Field(None, description="反馈期限；不填按本级规定的工作日数计算")


@router.get("/mine", response={200: list[InstructionOut], **ERRORS})
@paginate(Keyset, ordering=("-instructed_on", "-id"))
def my_instructions(request: HttpRequest):
    """我的批示: the instructions the caller wrote as a leader, newest first."""
    return selectors.list_mine(user=request.user)


@router.get("/unit", response={200: list[InstructionOut], **ERRORS})
@paginate(Keyset, ordering=("-instructed_on", "-id"))
def unit_instructions(request: HttpRequest):
    """批示落实工作台: the open instructions passed to the caller's departments."""
    return selectors.list_unit_workspace(user=request.user)


@router.get("/{instruction_id}", response={200: InstructionDetailOut, **ERRORS})
def instruction_detail(request: HttpRequest, instruction_id: int):
    """One instruction and its follow-ups, for its leader, department and office."""
    return selectors.get_readable_instruction(user=request.user, pk=instruction_id)


@router.post("/on/{kind}/{record_id}", response={201: InstructionDetailOut, **ERRORS})
def write(request: HttpRequest, kind: str, record_id: int, payload: WriteIn):
    """A leader's instruction on a record (kind as in the record's transitions, e.g.
    opinion_report), dated today; the web's 作出批示 page."""
    target, record = selectors.get_target_and_record(kind, record_id)
    data = payload.dict()
    form = WriteForm(
        {"text": data["text"], "unit": data["unit_id"], "due_on": data["due_on"]},
        committee=record.committee,
    )
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    instruction = services.write_instruction(
        target=target, record=record, actor=request.user, **form.cleaned_data
    )
    return Status(201, selectors.get_readable_instruction(user=request.user, pk=instruction.pk))
