"""The members' letter (委员来信): opened by the review's 转委员来信, forwarded by the office to
the unit concerned, closed with the answer the proposers read."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.workflow import Reason, State, Workflow, transition

from ..forms import ForwardLetterForm
from ..models import Letter
from ..models import LetterState as S
from ..permissions import OFFICE
from ..services import letters


def _committee(letter: Letter) -> dict:
    return {"committee": letter.committee}


LETTER = Workflow(
    name="letter",
    label=_("委员来信"),
    model=Letter,
    description=_("提案审查转为委员来信后，由政协机关转交有关单位办理，并以答复办结。"),
    states=(
        State(S.OPEN, S.OPEN.label),
        State(S.FORWARDED, S.FORWARDED.label),
        State(S.ANSWERED, S.ANSWERED.label, terminal=True),
    ),
    transitions=(
        transition("forward", _("转办"), {S.OPEN}, S.FORWARDED, OFFICE,
                   form=ForwardLetterForm, form_kwargs=_committee, guards=(letters.check_unit,),
                   reason=Reason.OPTIONAL, reason_label=_("转办说明"),
                   before=(letters.set_forwarded,), notify=(letters.tell_forwarded,),
                   style="primary"),
        transition("answer", _("答复并办结"), {S.OPEN, S.FORWARDED}, S.ANSWERED, OFFICE,
                   reason=Reason.REQUIRED, reason_label=_("答复内容"),
                   before=(letters.record_answer,), notify=(letters.tell_answered,),
                   style="primary"),
    ),
    override_by=OFFICE,
)  # fmt: skip
