"""What the grassroots app puts on people's 今日待办. Registered by GrassrootsConfig.ready; each
provider costs a constant number of queries."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core.models import Role, User
from zhengxie.core.permissions import active_seat, unit_ids_of
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


def cases_at_my_venues(user: User) -> list[TodoItem]:
    """A member's venues: the cases taken on there that wait for a consultation, where the
    venue's members sit at the table."""
    member = active_seat(user)
    if member is None:
        return []
    cases = Case.objects.filter(
        venue__members=member, state__in=(CaseState.ACCEPTED, CaseState.CONSULTING)
    ).select_related("venue")
    return [
        item(
            "grassroots.venue_cases",
            _("%(v)s待协商：%(t)s") % {"v": case.venue.name, "t": case.title},
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
        "grassroots.venue_cases",
        gettext_lazy("所在委员之家待协商的问题"),
        cases_at_my_venues,
        frozenset({Role.MEMBER}),
        42,
    ),
    TodoProvider(
        "grassroots.actions",
        gettext_lazy("待落实的措施"),
        actions_due,
        frozenset({Role.UNIT}),
        41,
    ),
]
