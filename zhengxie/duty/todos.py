"""What the duty app puts on people's 今日待办. Registered by DutyConfig.ready; each provider
costs a constant number of queries."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core.models import Role, User
from zhengxie.core.permissions import active_seat, office_committee_ids
from zhengxie.core.todos import TodoItem, TodoProvider, item

from .models import DutyWarning, WarningStatus


def my_warnings(user: User) -> list[TodoItem]:
    member = active_seat(user)
    if member is None:
        return []
    warnings = DutyWarning.objects.filter(member=member, status=WarningStatus.OPEN)
    return [
        item(
            "duty.warnings",
            _("%(y)s年度履职预警：%(r)s") % {"y": w.year, "r": w.get_reason_display()},
            reverse("duty:me"),
        )
        for w in warnings.order_by("-year", "pk")
    ]


def talks_to_hold(user: User) -> list[TodoItem]:
    count = DutyWarning.objects.filter(
        committee_id__in=office_committee_ids(user), status=WarningStatus.OPEN
    ).count()
    if not count:
        return []
    url = reverse("duty:warnings")
    return [item("duty.talks", _("待约谈的预警委员：%(n)s 人") % {"n": count}, url)]


PROVIDERS = [
    TodoProvider(
        "duty.warnings", gettext_lazy("履职预警"), my_warnings, frozenset({Role.MEMBER}), 50
    ),
    TodoProvider(
        "duty.talks",
        gettext_lazy("待约谈的预警"),
        talks_to_hold,
        frozenset({Role.STAFF, Role.ADMIN}),
        51,
    ),
]
