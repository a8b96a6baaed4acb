"""The duty workflows as data (zhengxie.core.workflow): a member's warning, from the list to the
talk (约谈). Issuing the list clears the warnings no longer due and reopens those due again;
staff record each talk from the warnings page.

Ledger rows, recognitions (withdrawn by a soft delete that reverses their credit), points schemes
(one active per committee) and published years are records and settings, not state machines.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.core.workflow import Reason, State, Workflow, office, transition

from .forms import DeedRevisionForm, TalkForm
from .models import DeedState as D
from .models import DutyWarning, PracticalDeed
from .models import WarningStatus as W
from .permissions import DEED_CONFIRMER, DEED_OWNER
from .services.deeds import (
    credit_confirmed,
    keep_return_reason,
    revise_deed,
    revoke_unconfirmed,
    stamp_decision,
    tell_confirmers_again,
    tell_member_of_decision,
)
from .services.warnings import check_talk, note_talk, refresh_detail

OFFICE = office()


def warnings_page(warning: DutyWarning) -> str:
    url = reverse("duty:warnings")
    return f"{url}?committee={warning.committee_id}&year={warning.year}#w{warning.pk}"


DUTY_WARNING = Workflow(
    name="duty_warning",
    label=_("履职预警"),
    model=DutyWarning,
    state_field="status",
    states=(
        State(W.OPEN, W.OPEN.label),
        State(W.TALKED, W.TALKED.label),
        State(W.CLEARED, W.CLEARED.label),
    ),
    transitions=(
        # A later talk may be recorded too: the latest is the one kept.
        transition(
            "talk", _("记录约谈"), {W.OPEN, W.TALKED}, W.TALKED, OFFICE,
            form=TalkForm, guards=(check_talk,), before=(note_talk,), style="primary",
        ),
        # Both taken by issuing the list (issue_warnings), from the member's figures.
        transition("clear", _("解除预警"), {W.OPEN}, W.CLEARED, OFFICE, button=False),
        transition(
            "reopen", _("重新列入预警"), {W.CLEARED}, W.OPEN, OFFICE,
            before=(refresh_detail,), button=False,
        ),
    ),
    override_by=OFFICE,
    record_url=warnings_page,
    description=_("达到预警条件的委员：列入预警名单、约谈，不再达到条件即解除。"),
)  # fmt: skip


def deeds_with_people():
    return PracticalDeed.objects.select_related("member", "venue")


UNCREDITED = (revoke_unconfirmed,)

PRACTICAL_DEED = Workflow(
    name="practical_deed",
    label=_("兴办实事"),
    model=PracticalDeed,
    states=(
        State(D.SUBMITTED, D.SUBMITTED.label, on_enter=UNCREDITED),
        State(D.CONFIRMED, D.CONFIRMED.label, on_enter=(credit_confirmed,)),
        State(D.RETURNED, D.RETURNED.label, on_enter=UNCREDITED),
        State(D.WITHDRAWN, D.WITHDRAWN.label, terminal=True, on_enter=UNCREDITED),
    ),
    transitions=(
        transition(
            "confirm", _("确认"), {D.SUBMITTED}, D.CONFIRMED, DEED_CONFIRMER,
            reason=Reason.OPTIONAL, reason_label=_("确认意见"), before=(stamp_decision,),
            notify=(tell_member_of_decision,), style="primary",
        ),
        transition(
            "return", _("退回"), {D.SUBMITTED}, D.RETURNED, DEED_CONFIRMER,
            reason=Reason.REQUIRED, reason_label=_("退回理由（委员可见）"),
            before=(stamp_decision, keep_return_reason), notify=(tell_member_of_decision,),
        ),
        # The member corrects what the confirmer asked for and sends it again.
        transition(
            "resubmit", _("修改后重新提交"), {D.RETURNED}, D.SUBMITTED, DEED_OWNER,
            form=DeedRevisionForm, form_kwargs=lambda deed: {"deed": deed},
            before=(revise_deed,), notify=(tell_confirmers_again,), style="primary",
        ),
        transition("withdraw", _("撤回"), {D.SUBMITTED, D.RETURNED}, D.WITHDRAWN, DEED_OWNER),
    ),
    override_by=office(),
    queryset=deeds_with_people,
    description=_(
        "委员记录兴办的实事，所在场所召集人或政协机关确认后计入履职档案和“五个一”；"
        "退回的可修改后重新提交。"
    ),
)  # fmt: skip
