"""What the opinions app puts on people's 今日待办. Registered by OpinionsConfig.ready; each
provider costs a constant number of queries."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core.models import Role, User
from zhengxie.core.permissions import active_seat, office_committee_ids
from zhengxie.core.todos import TodoItem, TodoProvider, item

from .models import OpinionReport, OpinionState


def returned_reports(user: User) -> list[TodoItem]:
    """Reports the editors returned to their authors for revision."""
    mine = Q(created_by=user)
    member = active_seat(user)
    if member is not None:
        mine |= Q(members=member)
    ids = OpinionReport.objects.filter(mine, state=OpinionState.RETURNED, is_deleted=False).values(
        "pk"
    )
    return [
        item(
            "opinions.returned",
            _("社情民意信息退回修改：%(t)s") % {"t": report.title},
            reverse("opinions:edit", args=[report.pk]),
        )
        for report in OpinionReport.objects.filter(pk__in=ids).order_by("-pk")
    ]


def intake_queue(user: User) -> list[TodoItem]:
    count = OpinionReport.objects.filter(
        committee_id__in=office_committee_ids(user),
        state=OpinionState.SUBMITTED,
        is_deleted=False,
    ).count()
    if not count:
        return []
    url = f"{reverse('opinions:queue')}?state={OpinionState.SUBMITTED}"
    return [item("opinions.queue", _("待处理的社情民意信息：%(n)s 篇") % {"n": count}, url)]


PROVIDERS = [
    TodoProvider(
        "opinions.returned", gettext_lazy("退回修改的社情民意"), returned_reports, order=30
    ),
    TodoProvider(
        "opinions.queue",
        gettext_lazy("社情民意信息待处理"),
        intake_queue,
        frozenset({Role.STAFF, Role.ADMIN}),
        31,
    ),
]
