"""The instruction workflow (领导批示件办理): written → passed to the department concerned →
the department reports back → the office accepts (办结) or returns it. On the platform's one
engine: the services, the buttons on the instruction's page, the diagram and
`manage.py workflows` all read this table."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.core.workflow import SYSTEM, Reason, State, Workflow, office, register, transition

from .forms import AssignForm, FeedbackForm
from .models import Instruction
from .models import InstructionState as S
from .permissions import UNIT, WRITER
from .services import (
    accept_follow_up,
    check_assignment,
    not_reminded_yet,
    record_follow_up,
    remind_unit,
    return_follow_up,
    set_assignment,
    stamp_reminded_on,
    tell_office_and_writer,
    tell_unit_and_writer,
    tell_unit_assigned,
)

OFFICE = office()


def _committee(instruction: Instruction) -> dict:
    return {"committee": instruction.committee}


INSTRUCTION = Workflow(
    name="instruction",
    label=_("领导批示"),
    model=Instruction,
    description=_("领导批示后，交落实部门办理并按期反馈；机关审核反馈后办结或退回补充。"),
    states=(
        State(S.WRITTEN, S.WRITTEN.label),
        State(S.ASSIGNED, S.ASSIGNED.label),
        State(S.REPORTED, S.REPORTED.label),
        State(S.RETURNED, S.RETURNED.label),
        State(S.CLOSED, S.CLOSED.label, terminal=True),
    ),
    transitions=(
        transition("assign", _("交落实部门"), {S.WRITTEN}, S.ASSIGNED, (OFFICE, WRITER),
                   form=AssignForm, form_kwargs=_committee, guards=(check_assignment,),
                   before=(set_assignment,), notify=(tell_unit_assigned,), style="primary"),
        transition("close", _("无需落实，办结"), {S.WRITTEN}, S.CLOSED, OFFICE,
                   reason=Reason.REQUIRED, reason_label=_("办结说明")),
        transition("report", _("提交落实反馈"), {S.ASSIGNED, S.RETURNED}, S.REPORTED, UNIT,
                   form=FeedbackForm, after=(record_follow_up,), notify=(tell_office_and_writer,),
                   style="primary"),
        transition("accept", _("采纳反馈并办结"), {S.REPORTED}, S.CLOSED, OFFICE,
                   reason=Reason.OPTIONAL, reason_label=_("意见（选填）"),
                   after=(accept_follow_up,), notify=(tell_unit_and_writer,), style="primary"),
        transition("return", _("退回补充"), {S.REPORTED}, S.RETURNED, OFFICE,
                   reason=Reason.REQUIRED, reason_label=_("退回理由"),
                   after=(return_follow_up,), notify=(tell_unit_and_writer,)),
        # The daily run: once a day while the deadline is near or past.
        transition("remind", _("提醒反馈"), {S.ASSIGNED}, S.ASSIGNED, SYSTEM, button=False,
                   guards=(not_reminded_yet,), before=(stamp_reminded_on,), after=(remind_unit,)),
        transition("remind_returned", _("提醒补充反馈"), {S.RETURNED}, S.RETURNED, SYSTEM,
                   button=False, guards=(not_reminded_yet,), before=(stamp_reminded_on,),
                   after=(remind_unit,)),
    ),
    override_by=OFFICE,
    record_url=lambda instruction: reverse("instructions:detail", args=[instruction.pk]),
)  # fmt: skip


def register_workflows() -> None:
    register(INSTRUCTION)
