"""What the proposals app puts on people's 今日待办. Registered by ProposalsConfig.ready; each
provider costs a constant number of queries."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core.models import Role, User
from zhengxie.core.permissions import active_seat, office_committee_ids
from zhengxie.core.todos import TodoItem, TodoProvider, item

from .models import Proposal, ProposalState
from .selectors import list_unit_assignments
from .selectors.awaiting import cosignatures_awaiting, replies_awaiting_rating

MEMBERS = frozenset({Role.MEMBER})
# The office's queues: the states that wait for the office's next step.
OFFICE_QUEUES = (ProposalState.SUBMITTED, ProposalState.IN_REVIEW, ProposalState.REPLY_REVIEW)


def cosignatures(user: User) -> list[TodoItem]:
    member = active_seat(user)
    if member is None:
        return []
    return [
        item(
            "proposals.cosign",
            _("联名邀请：%(t)s") % {"t": c.proposal.title},
            reverse("proposals:cosign", args=[c.pk]),
            c.proposal.cosign_deadline,
        )
        for c in cosignatures_awaiting(member=member)
    ]


def replies_to_rate(user: User) -> list[TodoItem]:
    """As 我的履职's card reads them (the same selector)."""
    member = active_seat(user)
    if member is None:
        return []
    return [
        item(
            "proposals.rate",
            _("请评价办理结果：%(t)s") % {"t": p.title},
            reverse("proposals:rate", args=[p.pk]),
            p.feedback_deadline,
        )
        for p in replies_awaiting_rating(member=member)
    ]


def drafts(user: User) -> list[TodoItem]:
    """The person's own drafts, and proposals returned to them for revision."""
    mine = Proposal.objects.filter(
        created_by=user,
        state__in=[ProposalState.DRAFT, ProposalState.RETURNED],
        is_deleted=False,
    ).order_by("-pk")
    return [
        item(
            "proposals.drafts",
            (_("退回修改：%(t)s") if p.state == ProposalState.RETURNED else _("草稿：%(t)s"))
            % {"t": p.title or _("（未命名）")},
            reverse("proposals:edit", args=[p.pk]),
        )
        for p in mine
    ]


def unit_assignments(user: User) -> list[TodoItem]:
    return [
        item(
            "proposals.assigned",
            _("办理提案：%(t)s") % {"t": a.proposal.title},
            reverse("proposals:detail", args=[a.proposal_id]),
            a.deadline,
        )
        for a in list_unit_assignments(user=user)
    ]


def office_queues(user: User) -> list[TodoItem]:
    """One item per queue with its size, not one per proposal: the office works the queue."""
    counts = dict(
        Proposal.objects.filter(
            committee_id__in=office_committee_ids(user), state__in=OFFICE_QUEUES, is_deleted=False
        )
        .values_list("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    register = reverse("proposals:register")
    return [
        item(
            "proposals.office",
            _("%(state)s的提案：%(n)s 件") % {"state": ProposalState(s).label, "n": counts[s]},
            f"{register}?state={s}",
        )
        for s in OFFICE_QUEUES
        if counts.get(s)
    ]


PROVIDERS = [
    TodoProvider("proposals.cosign", gettext_lazy("待确认的联名"), cosignatures, MEMBERS, 10),
    TodoProvider("proposals.rate", gettext_lazy("待评价的答复"), replies_to_rate, MEMBERS, 11),
    TodoProvider("proposals.drafts", gettext_lazy("提案草稿与退回修改"), drafts, order=12),
    TodoProvider(
        "proposals.assigned",
        gettext_lazy("承办中的提案"),
        unit_assignments,
        frozenset({Role.UNIT}),
        13,
    ),
    TodoProvider(
        "proposals.office",
        gettext_lazy("待处理的提案"),
        office_queues,
        frozenset({Role.STAFF, Role.ADMIN}),
        14,
    ),
]
