"""The grassroots workflows as data: a case from its report to 销号, and each action agreed on
it. The services, the record pages' buttons, the act page, the guide's diagrams and
`manage.py workflows` all read these tables (zhengxie.core.workflow).

Case: raised → accepted | referred → consulting → acting → resolved → rated → closed; an
accepted, consulting or acting case about work is resolved by referring its reporter to open
jobs (推荐岗位); a 不满意 rating sends a resolved case back to consulting (重新协商). Every
state's entry writes the case's public timeline row (write_timeline), on the office's override
too.
Agreed action: open → done; the last one done resolves its case (resolve_case_when_all_done).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.core.workflow import SYSTEM, Reason, State, Workflow, office, transition

from .forms import ActionForm, CompletionForm, ReferForm
from .models import Action, ActionState, Case
from .models import CaseState as S
from .permissions import ACTION_UPDATER, RATER, TRIAGER, VENUE_MANAGER
from .services.actions import (
    ask_unit_to_claim,
    check_agreed_action,
    create_agreed_action,
    forget_done_on,
    not_reminded_yet,
    note_action_done,
    record_final_progress,
    remind_responsible,
    resolve_case_when_all_done,
    stamp_done_on,
    stamp_reminded_on,
)
from .services.cases import (
    check_accepting_venue,
    note_referral,
    take_onto_venue_list,
    tell_reporter_accepted,
    tell_reporter_referred,
)
from .services.job_referrals import (
    check_referable_jobs,
    record_job_referrals,
    tell_reporter_of_jobs,
)
from .services.resolution import (
    ask_convenor_to_reconsult,
    ask_reporter_to_rate,
    check_rating,
    count_reopening,
    enter_resolution,
    leave_resolution,
    record_rating,
    stamp_closed_on,
)
from .services.timeline import write_timeline

OFFICE = office()


def case_page(case: Case) -> str:
    return reverse("grassroots:case_detail", args=[case.pk])


def page_of_actions_case(action: Action) -> str:
    return reverse("grassroots:case_detail", args=[action.case_id])


def units_of_case_committee(case: Case) -> dict:
    return {"committee_id": case.committee_id}


OPEN_CASE = (leave_resolution, write_timeline)
RESOLVED_CASE = (enter_resolution, write_timeline)

CASE = Workflow(
    name="case",
    label=_("一线协商问题"),
    model=Case,
    states=(
        State(S.RAISED, S.RAISED.label, on_enter=OPEN_CASE),
        State(S.ACCEPTED, S.ACCEPTED.label, on_enter=OPEN_CASE),
        State(S.REFERRED, S.REFERRED.label, on_enter=OPEN_CASE),
        State(S.CONSULTING, S.CONSULTING.label, on_enter=OPEN_CASE),
        State(S.ACTING, S.ACTING.label, on_enter=OPEN_CASE),
        State(S.RESOLVED, S.RESOLVED.label, on_enter=(*RESOLVED_CASE, ask_reporter_to_rate)),
        State(S.RATED, S.RATED.label, on_enter=RESOLVED_CASE),
        State(
            S.CLOSED, S.CLOSED.label, terminal=True, on_enter=(*RESOLVED_CASE, stamp_closed_on)
        ),
    ),
    transitions=(
        # The venue is picked from the person's own venues: the step has its own page.
        transition(
            "accept", _("列入议题清单"), {S.RAISED, S.REFERRED}, S.ACCEPTED, TRIAGER,
            guards=(check_accepting_venue,), before=(take_onto_venue_list,),
            notify=(tell_reporter_accepted,), page="grassroots:case_accept", style="primary",
        ),
        transition(
            "refer", _("转交办理"), {S.RAISED, S.ACCEPTED}, S.REFERRED, TRIAGER,
            reason=Reason.REQUIRED, reason_label=_("转交理由（反映人可见）"), form=ReferForm,
            before=(note_referral,), notify=(tell_reporter_referred,),
        ),
        # A session is recorded on the venue's session form, for several cases at once.
        transition(
            "consult", _("召开协商会"), {S.ACCEPTED, S.CONSULTING}, S.CONSULTING, VENUE_MANAGER,
            page="grassroots:case_session", style="primary",
        ),
        transition(
            "agree_action", _("确定落实措施"), {S.CONSULTING, S.ACTING}, S.ACTING, VENUE_MANAGER,
            form=ActionForm, form_kwargs=units_of_case_committee,
            guards=(check_agreed_action,), after=(create_agreed_action,),
            notify=(ask_unit_to_claim,),
        ),
        # Taken when the case's last agreed action is done (resolve_case_when_all_done).
        transition(
            "resolve", _("措施全部完成"), {S.ACTING}, S.RESOLVED, SYSTEM, button=False,
        ),
        # 推荐岗位: a case about work resolved by referring the reporter to open jobs; the
        # form is on the case page.
        transition(
            "refer_to_job", _("推荐岗位并办结"), {S.ACCEPTED, S.CONSULTING, S.ACTING},
            S.RESOLVED, VENUE_MANAGER, guards=(check_referable_jobs,),
            after=(record_job_referrals,), notify=(tell_reporter_of_jobs,),
            page="grassroots:case_job_referral", button=False,
        ),
        # One rating form: 满意 and 基本满意 rate the case, 不满意 reopens it.
        transition(
            "rate", _("群众评价"), {S.RESOLVED}, S.RATED, RATER,
            guards=(check_rating,), before=(record_rating,), page="grassroots:case_rate",
            style="primary",
        ),
        transition(
            "reopen", _("评价不满意，重新协商"), {S.RESOLVED}, S.CONSULTING, RATER,
            guards=(check_rating,), before=(count_reopening, record_rating),
            notify=(ask_convenor_to_reconsult,), page="grassroots:case_rate", button=False,
        ),
        transition("close", _("销号"), {S.RATED}, S.CLOSED, VENUE_MANAGER, style="primary"),
    ),
    override_by=OFFICE,
    record_url=case_page,
    description=_("群众和委员反映的问题，从受理、协商、落实到群众评价和销号。"),
)  # fmt: skip

AGREED_ACTION = Workflow(
    name="agreed_action",
    label=_("落实措施"),
    model=Action,
    states=(
        State(ActionState.OPEN, ActionState.OPEN.label, on_enter=(forget_done_on,)),
        State(
            ActionState.DONE,
            ActionState.DONE.label,
            terminal=True,
            on_enter=(stamp_done_on, note_action_done, resolve_case_when_all_done),
        ),
    ),
    transitions=(
        # Taken from the progress form on the case page (a note, ticked 已完成).
        transition(
            "complete", _("完成"), {ActionState.OPEN}, ActionState.DONE, ACTION_UPDATER,
            form=CompletionForm, after=(record_final_progress,), button=False,
        ),
        # The daily reminder: the mark and the inbox messages are saved together.
        transition(
            "remind", _("到期提醒"), {ActionState.OPEN}, ActionState.OPEN, SYSTEM,
            guards=(not_reminded_yet,), before=(stamp_reminded_on,),
            after=(remind_responsible,), button=False,
        ),
    ),
    override_by=OFFICE,
    record_url=page_of_actions_case,
    description=_("协商议定的落实措施：谁在何时前做什么，完成后问题即告解决。"),
)  # fmt: skip

# States in which a venue may still bring the case to a session (an acting case too).
CONSULTABLE_STATES = CASE.transition("consult").sources | {S.ACTING}
