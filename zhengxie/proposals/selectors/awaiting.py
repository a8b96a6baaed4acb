"""What waits for a member's answer: co-signature invitations and replies to rate. Both are
cards on 我的履职 (registered in apps.py), one query each, limited to what the member may open."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import Member

from ..models import CoSignature, CoSignatureState, Feedback, Proposal, ProposalState, Proposer
from ..permissions import filter_visible_proposals


def cosignatures_awaiting(*, member: Member) -> QuerySet[CoSignature]:
    """Invitations the member has not answered on proposals still collecting co-signers,
    before their deadline; soonest deadline first."""
    # Correlated, so the check reads the few invited proposals, not the whole register.
    visible = filter_visible_proposals(
        member.user, Proposal.objects.filter(pk=OuterRef("proposal_id"), is_deleted=False)
    )
    deadline_open = Q(proposal__cosign_deadline__isnull=True) | Q(
        proposal__cosign_deadline__gte=timezone.now()
    )
    return (
        CoSignature.objects.filter(
            deadline_open,
            Exists(visible),
            member=member,
            state=CoSignatureState.INVITED,
            proposal__state=ProposalState.COSIGNING,
        )
        .select_related("proposal")
        .order_by("proposal__cosign_deadline", "pk")
    )


def replies_awaiting_rating(*, member: Member) -> QuerySet[Proposal]:
    """Replied proposals the member rates (as a proposer of it or of a proposal merged into
    it) and has not rated this round, while the feedback window is open."""
    own = Proposer.objects.filter(member=member).values("proposal_id")
    merged_into = Proposal.objects.filter(pk__in=own, merged_into__isnull=False)
    rated = Feedback.objects.filter(
        proposal=OuterRef("pk"), round=OuterRef("redo_round"), proposer__member=member
    )
    replied = Proposal.objects.filter(
        Q(pk__in=own) | Q(pk__in=merged_into.values("merged_into_id")),
        Q(feedback_deadline__isnull=True) | Q(feedback_deadline__gte=timezone.localdate()),
        state=ProposalState.REPLIED,
        is_deleted=False,
    ).exclude(Exists(rated))
    return filter_visible_proposals(member.user, replied).order_by("feedback_deadline", "pk")


def list_cosignatures_awaiting(*, member: Member) -> list[dict]:
    """The 我的履职 card of cosignatures_awaiting."""
    invitations = cosignatures_awaiting(member=member)
    return [
        {
            "title": invitation.proposal.title,
            "url": reverse("proposals:cosign", args=[invitation.pk]),
            "when": _by(_local(invitation.proposal.cosign_deadline), _("%(deadline)s 前确认")),
        }
        for invitation in invitations
    ]


def list_replies_awaiting_rating(*, member: Member) -> list[dict]:
    """The 我的履职 card of replies_awaiting_rating."""
    due = replies_awaiting_rating(member=member)
    return [
        {
            "title": proposal.title,
            "url": reverse("proposals:rate", args=[proposal.pk]),
            "when": _by(proposal.feedback_deadline, _("%(deadline)s 前评价")),
        }
        for proposal in due
    ]


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    return timezone.localtime(moment) if moment else None


def _by(deadline: dt.date | None, template: str) -> str:
    """The deadline in the reader's language ("6月1日 前确认"); none set, nothing shown."""
    if deadline is None:
        return ""
    shape = "DATETIME_FORMAT" if isinstance(deadline, dt.datetime) else "DATE_FORMAT"
    return template % {"deadline": formats.date_format(deadline, shape)}
