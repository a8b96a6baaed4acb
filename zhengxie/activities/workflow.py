"""The state machines of activities, as tables on the platform's workflow engine: the activity,
the leave request, the outcome's adoption, the essay call and its essays, the plan's topics.

The services take these steps (through `steps.take`), the record pages show them as buttons,
and the guide page (业务流程) draws them. Attendance rows are not a workflow: they record what
happened at the meeting, settled by rule when the activity is held (settle_attendance).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.core.workflow import SYSTEM, Reason, State, Workflow, office, transition

from .forms import AwardForm
from .models import (
    Activity,
    ActivityState,
    Adoption,
    Essay,
    EssayCall,
    EssayCallState,
    EssayState,
    LeaveRequest,
    LeaveStatus,
    Outcome,
    PlanTopic,
    TopicStatus,
)
from .models.activities import COUNTS_HELD, TAKE_PART
from .permissions import LEAVE_APPROVER, LEAVE_ASKER
from .services.activities import (
    activity_url,
    send_notice_to_invitees,
    stamp_notice_time,
    tell_invitees_cancelled,
)
from .services.attendance import settle_attendance
from .services.essays import clear_award, fill_award, grade_essays, set_award
from .services.invitations import (
    reroute_leave,
    stamp_decision,
    tell_approvers,
    tell_member_of_decision,
    while_activity_takes_part,
)
from .services.outcomes import follow_up_activity, keep_adoption_note
from .services.plans import stamp_decider

OFFICE = office()
# Steps the office takes, which the scheduled notice task and the demo loader also take.
BY_OFFICE = (OFFICE, SYSTEM)

S = ActivityState
HELD_STATES = (S.HELD, S.OUTCOME_RECORDED, S.FOLLOWED_UP)


def _held(code: ActivityState, terminal: bool = False) -> State:
    """Every held state has its attendance settled, also when the office moves it there."""
    return State(
        code, code.label, terminal, frozenset({COUNTS_HELD}), on_enter=(settle_attendance,)
    )


ACTIVITY = Workflow(
    name="activity",
    label=_("协商与履职活动"),
    description=_("计划 → 发出通知 → 召开并结算考勤 → 报送成果 → 跟踪采纳与批示。"),
    model=Activity,
    states=(
        State(S.PLANNED, S.PLANNED.label, allows=frozenset({TAKE_PART})),
        State(
            S.NOTIFIED,
            S.NOTIFIED.label,
            allows=frozenset({TAKE_PART}),
            on_enter=(stamp_notice_time,),
        ),
        _held(S.HELD),
        _held(S.OUTCOME_RECORDED),
        _held(S.FOLLOWED_UP, terminal=True),
        State(S.CANCELLED, S.CANCELLED.label, terminal=True),
    ),
    transitions=(
        transition(
            "send_notice", _("发出通知"), {S.PLANNED}, S.NOTIFIED, BY_OFFICE,
            after=(send_notice_to_invitees,), style="primary",
        ),
        transition(
            "mark_held", _("确认召开并结算考勤"), {S.NOTIFIED}, S.HELD, BY_OFFICE,
            style="primary",
        ),
        transition(
            "record_outcome", _("报送成果"), HELD_STATES, S.OUTCOME_RECORDED, BY_OFFICE,
            page="activities:outcome_create", style="primary",
        ),
        # Taken when an outcome of the activity gets its adoption or a leader's instruction.
        transition(
            "follow_up", _("记录采纳与批示"), {S.OUTCOME_RECORDED, S.FOLLOWED_UP}, S.FOLLOWED_UP,
            BY_OFFICE, page="activities:follow_up",
        ),
        transition(
            "cancel", _("取消活动"), {S.PLANNED, S.NOTIFIED}, S.CANCELLED, OFFICE,
            reason=Reason.OPTIONAL, reason_label=_("取消原因（将告知受邀委员）"),
            after=(tell_invitees_cancelled,),
        ),
    ),
    override_by=OFFICE,
    record_url=activity_url,
)  # fmt: skip

L = LeaveStatus
LEAVE = Workflow(
    name="leave",
    label=_("请假"),
    description=_("委员请假，由活动类型指定的审批人（主席会议成员或机关）审批。"),
    model=LeaveRequest,
    state_field="status",
    states=(
        State(L.PENDING, L.PENDING.label),
        State(L.APPROVED, L.APPROVED.label, terminal=True, on_enter=(stamp_decision,)),
        State(L.DECLINED, L.DECLINED.label, on_enter=(stamp_decision,)),
    ),
    transitions=(
        transition(
            "approve", _("批准请假"), {L.PENDING}, L.APPROVED, LEAVE_APPROVER,
            reason=Reason.OPTIONAL, reason_label=_("审批意见"),
            after=(tell_member_of_decision,), style="primary",
        ),
        transition(
            "decline", _("不予批准"), {L.PENDING}, L.DECLINED, LEAVE_APPROVER,
            reason=Reason.OPTIONAL, reason_label=_("审批意见"),
            after=(tell_member_of_decision,),
        ),
        # The member's leave form on the activity page.
        transition(
            "ask_again", _("重新请假"), {L.DECLINED}, L.PENDING, LEAVE_ASKER,
            reason=Reason.REQUIRED, reason_label=_("请假事由"),
            guards=(while_activity_takes_part,), before=(reroute_leave,),
            after=(tell_approvers,), button=False,
        ),
    ),
    override_by=OFFICE,
    record_url=lambda leave: reverse("activities:detail", args=[leave.activity_id]),
)  # fmt: skip

A = Adoption
ANY_ADOPTION = tuple(A)


def _adoption(name: str, label, target: Adoption):
    """The office records the party's or government's answer, again when it changes."""
    return transition(
        name, label, ANY_ADOPTION, target, BY_OFFICE, reason=Reason.OPTIONAL,
        reason_label=_("采纳说明"), before=(keep_adoption_note,),
    )  # fmt: skip


OUTCOME = Workflow(
    name="outcome",
    label=_("履职成果采纳"),
    description=_("成果报送党委政府后，记录采纳情况；有反馈即视为来源活动已跟踪。"),
    model=Outcome,
    state_field="adoption",
    states=(
        State(A.PENDING, A.PENDING.label),
        *(
            State(code, code.label, terminal=True, on_enter=(follow_up_activity,))
            for code in (A.ADOPTED, A.PARTLY, A.NOT_ADOPTED)
        ),
    ),
    transitions=(
        _adoption("adopt", _("记录为已采纳"), A.ADOPTED),
        _adoption("adopt_partly", _("记录为部分采纳"), A.PARTLY),
        _adoption("not_adopt", _("记录为未采纳"), A.NOT_ADOPTED),
    ),
    override_by=OFFICE,
    queryset=lambda: Outcome.objects.filter(is_deleted=False),
    record_url=lambda outcome: reverse("activities:outcome", args=[outcome.pk]),
)

C = EssayCallState
ESSAY_CALL = Workflow(
    name="essay_call",
    label=_("理论征文"),
    model=EssayCall,
    states=(
        State(C.OPEN, C.OPEN.label),
        State(C.REVIEWING, C.REVIEWING.label),
        State(C.PUBLISHED, C.PUBLISHED.label, terminal=True, on_enter=(grade_essays,)),
    ),
    transitions=(
        transition(
            "close_submissions", _("截止征集，进入评审"), {C.OPEN}, C.REVIEWING, BY_OFFICE,
            style="primary",
        ),
        transition(
            "publish_results", _("公布结果"), {C.REVIEWING}, C.PUBLISHED, BY_OFFICE,
            style="primary",
        ),
    ),
    override_by=OFFICE,
    record_url=lambda call: reverse("activities:essay_call", args=[call.pk]),
)  # fmt: skip

E = EssayState
ESSAY = Workflow(
    name="essay",
    label=_("征文评定"),
    model=Essay,
    states=(
        State(E.SUBMITTED, E.SUBMITTED.label, on_enter=(clear_award,)),
        State(E.AWARDED, E.AWARDED.label, terminal=True, on_enter=(fill_award,)),
    ),
    transitions=(
        # Taken for each essay when its call's results are published (grade_essays).
        transition(
            "award", _("评定奖项"), {E.SUBMITTED, E.AWARDED}, E.AWARDED, BY_OFFICE,
            form=AwardForm, before=(set_award,), button=False,
        ),
    ),
    override_by=OFFICE,
    record_url=lambda essay: reverse("activities:essay_call", args=[essay.call_id]),
)  # fmt: skip

T = TopicStatus
PLAN_TOPIC = Workflow(
    name="plan_topic",
    label=_("年度协商计划议题"),
    model=PlanTopic,
    state_field="status",
    states=(
        State(T.COLLECTED, T.COLLECTED.label),
        State(T.APPROVED, T.APPROVED.label, terminal=True, on_enter=(stamp_decider,)),
        State(T.DECLINED, T.DECLINED.label, terminal=True, on_enter=(stamp_decider,)),
    ),
    transitions=(
        transition("approve", _("列入计划"), {T.COLLECTED}, T.APPROVED, BY_OFFICE, style="primary"),
        transition("decline", _("不列入"), {T.COLLECTED}, T.DECLINED, BY_OFFICE),
    ),
    override_by=OFFICE,
    record_url=lambda topic: f"{reverse('activities:plan')}?year={topic.plan.year}",
)

WORKFLOWS = (ACTIVITY, LEAVE, OUTCOME, ESSAY_CALL, ESSAY, PLAN_TOPIC)
