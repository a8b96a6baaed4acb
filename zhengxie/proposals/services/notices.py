"""Who is told a proposal's outcomes, and the messages the proposal's steps send them: every
proposer of the proposal and of the proposals merged into it, and the draft's author. These
are the workflow's notify effects, run after the step's transaction commits."""

from django.urls import reverse
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.core.notifications import NotificationKind
from zhengxie.core.services.notifications import notify
from zhengxie.core.workflow import Step

from ..models import Proposal, Proposer
from ..notifications import PROGRESS


def recipients_of(proposal: Proposal) -> list[User]:
    """Every proposer of the proposal and of those merged into it, plus the draft's author."""
    users = {proposal.created_by_id: proposal.created_by} if proposal.created_by_id else {}
    rows = Proposer.objects.filter(
        proposal__in=[proposal.pk, *proposal.merged_proposals.values_list("pk", flat=True)],
        member__user__isnull=False,
    ).select_related("member__user")
    for row in rows:
        users[row.member.user_id] = row.member.user
    return list(users.values())


def tell_proposers(
    proposal: Proposal, *, title: str, body: str = "", kind: NotificationKind = PROGRESS
) -> None:
    """One message per proposer; call after commit (a notify effect)."""
    url = reverse("proposals:detail", args=[proposal.pk])
    notify(kind=kind, recipients=recipients_of(proposal), title=title, body=body, url=url)


def tell_outcome(step: Step) -> None:
    """The step and its reason (退回修改)."""
    proposal = step.record
    title = _("提案“%(title)s”：%(action)s") % {"title": proposal.title, "action": step.label}
    tell_proposers(proposal, title=title, body=step.reason)


def tell_decision(step: Step) -> None:
    """The committee's decision and its reasons (立案, 并案, 不予立案, 转办, 撤案)."""
    proposal = step.record
    title = _("提案“%(t)s”审查结果：%(r)s") % {"t": proposal.title, "r": step.label}
    tell_proposers(proposal, title=title, body=proposal.decision_reason)
