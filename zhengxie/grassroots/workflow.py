"""The case workflow as data: services, the action buttons and the diagram read this table.

raised → accepted | referred → consulting → acting → resolved → rated → closed;
a 不满意 rating sends a resolved case back to consulting (重新协商).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import CaseState as S


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    target: str
    # venue: the venue's convenor or the committee's staff; reporter: the person who
    # reported, or the convenor recording residents' representatives; system: a service.
    actor: str
    needs_reason: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition(
            "accept", _("列入议题清单"), frozenset({S.RAISED, S.REFERRED}), S.ACCEPTED, "venue"
        ),
        Transition(
            "refer", _("转交办理"), frozenset({S.RAISED, S.ACCEPTED}), S.REFERRED, "venue", True
        ),
        Transition(
            "consult", _("召开协商会"), frozenset({S.ACCEPTED, S.CONSULTING}), S.CONSULTING, "venue"
        ),
        Transition(
            "agree_action",
            _("确定落实措施"),
            frozenset({S.CONSULTING, S.ACTING}),
            S.ACTING,
            "venue",
        ),
        Transition("resolve", _("措施全部完成"), frozenset({S.ACTING}), S.RESOLVED, "system"),
        Transition("rate", _("评价满意"), frozenset({S.RESOLVED}), S.RATED, "reporter"),
        Transition(
            "reopen", _("评价不满意，重新协商"), frozenset({S.RESOLVED}), S.CONSULTING, "reporter"
        ),
        Transition("close", _("销号"), frozenset({S.RATED}), S.CLOSED, "venue"),
    ]
}

# States in which the case counts as resolved for the figures.
RESOLVED_STATES = frozenset({S.RESOLVED, S.RATED, S.CLOSED})
# States in which a venue may still bring the case to a session.
CONSULTABLE_STATES = TRANSITIONS["consult"].sources | {S.ACTING}


def allowed(action: str, state: str) -> bool:
    return state in TRANSITIONS[action].sources


def actions_from(state: str, *, actor: str) -> list[Transition]:
    """The buttons a person acting as `actor` sees on a case in `state`."""
    return [t for t in TRANSITIONS.values() if state in t.sources and t.actor == actor]
