"""The opinion report workflow (社情民意信息工作条例: 收集、编辑、报送、反馈) on the platform's
one engine: the services, the buttons on the record page, the guide page's diagram and
`manage.py workflows` all read this table. The effects live with the services."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.core.workflow import Reason, State, Workflow, office, register, transition

from .forms import AdoptForm, DeclineForm, ForwardForm
from .models import OpinionReport
from .models import OpinionState as S
from .permissions import AUTHOR, AUTHOR_EDITS, OFFICE_EDITS
from .services.answers import tell_forwarded_unit
from .services.handoffs import relay_decision
from .services.reports import (
    add_editor_comment,
    check_adoption_mode,
    check_forward_unit,
    clear_submission,
    record_adoption,
    set_adoption_mode,
    set_forwarded_unit,
    stamp_decision,
    stamp_submission,
    tell_authors,
)

OFFICE = office()


def _committee(report: OpinionReport) -> dict:
    return {"committee": report.committee}


OPINION_REPORT = Workflow(
    name="opinion_report",
    label=_("社情民意信息"),
    model=OpinionReport,
    description=_("委员或单位报送，信息科编辑后采用、转送部门或不予采用；采用的信息编入期刊。"),
    states=(
        State(S.DRAFT, S.DRAFT.label, allows=frozenset({AUTHOR_EDITS}),
              on_enter=(clear_submission,)),
        State(S.SUBMITTED, S.SUBMITTED.label, allows=frozenset({OFFICE_EDITS}),
              on_enter=(stamp_submission,)),
        State(S.EDITING, S.EDITING.label, allows=frozenset({OFFICE_EDITS})),
        State(S.RETURNED, S.RETURNED.label, allows=frozenset({AUTHOR_EDITS}),
              on_enter=(relay_decision,)),
        State(S.ADOPTED, S.ADOPTED.label, terminal=True,
              on_enter=(record_adoption, relay_decision)),
        State(S.FORWARDED, S.FORWARDED.label, terminal=True,
              on_enter=(stamp_decision, relay_decision)),
        State(S.DECLINED, S.DECLINED.label, terminal=True,
              on_enter=(stamp_decision, relay_decision)),
    ),
    transitions=(
        transition("submit", _("报送"), {S.DRAFT, S.RETURNED}, S.SUBMITTED, AUTHOR,
                   style="primary"),
        transition("withdraw", _("撤回"), {S.SUBMITTED}, S.DRAFT, AUTHOR),
        transition("accept", _("开始编辑"), {S.SUBMITTED}, S.EDITING, OFFICE),
        transition("return", _("退回修改"), {S.SUBMITTED, S.EDITING}, S.RETURNED, OFFICE,
                   reason=Reason.REQUIRED, reason_label=_("编辑意见"),
                   before=(add_editor_comment,), notify=(tell_authors,)),
        transition("adopt", _("采用"), {S.SUBMITTED, S.EDITING}, S.ADOPTED, OFFICE,
                   form=AdoptForm, reason=Reason.OPTIONAL, reason_label=_("意见（选填）"),
                   guards=(check_adoption_mode,), before=(set_adoption_mode, add_editor_comment),
                   notify=(tell_authors,), style="primary"),
        transition("forward", _("转送部门"), {S.SUBMITTED, S.EDITING}, S.FORWARDED, OFFICE,
                   form=ForwardForm, form_kwargs=_committee, reason=Reason.OPTIONAL,
                   reason_label=_("意见（选填）"), guards=(check_forward_unit,),
                   before=(set_forwarded_unit, add_editor_comment),
                   notify=(tell_authors, tell_forwarded_unit)),
        transition("decline", _("不予采用"), {S.SUBMITTED, S.EDITING}, S.DECLINED, OFFICE,
                   form=DeclineForm, form_kwargs=_committee, reason=Reason.REQUIRED,
                   reason_label=_("不予采用理由"), before=(add_editor_comment,),
                   notify=(tell_authors,)),
    ),
    override_by=OFFICE,
    queryset=lambda: OpinionReport.objects.filter(is_deleted=False),
    record_url=lambda report: reverse("opinions:detail", args=[report.pk]),
)  # fmt: skip


def progress(state: str) -> list[tuple[str, str]]:
    """The progress line on the record page, drawn from the table's states: each stage's
    label and done/current/todo. The last stage is the outcome reached, or 采用 while none
    is; a return sits at 编辑."""
    final = state if state in OPINION_REPORT.terminal_states() else S.ADOPTED
    middle = S.RETURNED if state == S.RETURNED else S.EDITING
    path = [S.DRAFT, S.SUBMITTED, middle, final]
    here = path.index(state)
    marks = ["done" if i < here else "current" if i == here else "todo" for i in range(len(path))]
    return [
        (str(OPINION_REPORT.state(stage).label), mark)
        for stage, mark in zip(path, marks, strict=True)
    ]


def register_workflows() -> None:
    register(OPINION_REPORT)
