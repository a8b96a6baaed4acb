"""What the grassroots app puts on people's 今日待办. Registered by GrassrootsConfig.ready; each
provider costs a constant number of queries."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core.models import Role, User
from zhengxie.core.permissions import unit_ids_of
from zhengxie.core.todos import TodoItem, TodoProvider, item

from .models import Action, ActionState, Case, CaseState

# A convenor's cases: new ones raised in the towns of their venues wait for triage, those on
# their venues' lists wait for a session or for the agreed actions to be done.
TO_HANDLE = (CaseState.RAISED, CaseState.ACCEPTED, CaseState.CONSULTING, CaseState.ACTING)


def cases_to_handle(user: User) -> list[TodoItem]:
    cases = Case.objects.filter(
        Q(venue__convenor=user) | Q(state=CaseState.RAISED, town__venues__convenor=user),
        state__in=TO_HANDLE,
    ).distinct()
    return [
        item(
            "grassroots.cases",
            _("%(state)s：%(t)s") % {"state": case.get_state_display(), "t": case.title},
            reverse("grassroots:case_detail", args=[case.pk]),
        )
        for case in cases.order_by("pk")
    ]


def actions_due(user: User) -> list[TodoItem]:
    """The agreed actions a unit answers for, still open, soonest due first."""
    actions = Action.objects.filter(
        responsible_unit_id__in=unit_ids_of(user), state=ActionState.OPEN
    ).order_by("due_on", "pk")
    return [
        item(
            "grassroots.actions",
            _("落实措施：%(a)s") % {"a": action.description},
            reverse("grassroots:case_detail", args=[action.case_id]),
            action.due_on,
        )
        for action in actions
    ]


PROVIDERS = [
    TodoProvider(
        "grassroots.cases",
        gettext_lazy("待处理的反映问题"),
        cases_to_handle,
        frozenset({Role.CONVENOR}),
        40,
    ),
    TodoProvider(
        "grassroots.actions",
        gettext_lazy("待落实的措施"),
        actions_due,
        frozenset({Role.UNIT}),
        41,
    ),
]
