"""The activity workflow as data: services, the action buttons and the diagram read this table.

planned → notice sent → held (attendance settled) → outcome recorded → adoption followed up.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import ActivityState as S


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    target: str


TRANSITIONS = {
    t.action: t
    for t in (
        Transition("send_notice", _("发出通知"), frozenset({S.PLANNED}), S.NOTIFIED),
        Transition("mark_held", _("确认召开并结算考勤"), frozenset({S.NOTIFIED}), S.HELD),
        Transition(
            "record_outcome",
            _("报送成果"),
            frozenset({S.HELD, S.OUTCOME_RECORDED, S.FOLLOWED_UP}),
            S.OUTCOME_RECORDED,
        ),
        Transition(
            "follow_up",
            _("记录采纳与批示"),
            frozenset({S.OUTCOME_RECORDED, S.FOLLOWED_UP}),
            S.FOLLOWED_UP,
        ),
        Transition("cancel", _("取消活动"), frozenset({S.PLANNED, S.NOTIFIED}), S.CANCELLED),
    )
}

# The buttons a staff member sees on the activity page; outcomes and follow-ups have own forms.
BUTTON_ACTIONS = ("send_notice", "mark_held", "cancel")

# States in which members may still sign up, ask for leave and sign in.
OPEN_STATES = frozenset({S.PLANNED, S.NOTIFIED})
# States that count as "held" in the figures.
HELD_STATES = frozenset({S.HELD, S.OUTCOME_RECORDED, S.FOLLOWED_UP})
DIAGRAM = (S.PLANNED, S.NOTIFIED, S.HELD, S.OUTCOME_RECORDED, S.FOLLOWED_UP)


def can_apply(state: str, action: str) -> bool:
    return state in TRANSITIONS[action].sources


def available_actions(state: str) -> list[Transition]:
    return [TRANSITIONS[a] for a in BUTTON_ACTIONS if can_apply(state, a)]
