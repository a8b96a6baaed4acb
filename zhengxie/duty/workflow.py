"""The duty workflows as data (zhengxie.core.workflow): a member's warning, from the list to the
talk (约谈). Issuing the list clears the warnings no longer due and reopens those due again;
staff record each talk from the warnings page.

Ledger rows, recognitions (withdrawn by a soft delete that reverses their credit), points schemes
(one active per committee) and published years are records and settings, not state machines.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.core.workflow import State, Workflow, office, transition

from .forms import TalkForm
from .models import DutyWarning
from .models import WarningStatus as W
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
