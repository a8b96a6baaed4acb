"""Reads that carry their own permission check, for callers that are only a skin (the JSON
API): each raises Http404 or PermissionDenied exactly as the web pages refuse, so a person
gets over the API what the web gives them, and nothing more."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from zhengxie.core.history import HistoryEntry, history_of
from zhengxie.core.models import Member, Role, User
from zhengxie.core.permissions import (
    active_seat,
    committee_ids_with_role,
    is_office,
    office_committee_ids,
    unit_ids_of,
)

from ..models import CoSignature, CoSignatureState, Proposal, ProposalState, Reply
from ..permissions import check_read_proposal, check_see_similar_while_writing
from ..similarity import similar_proposals
from .handling import list_unit_assignments
from .register import get_proposal, published_replies

SIMILAR_MIN_CHARS = 4  # fewer characters match almost anything


@dataclass(frozen=True)
class ProposalRecord:
    proposal: Proposal
    replies: list[Reply]  # the published ones, as the public page shows them
    history: list[HistoryEntry]  # the office reads the history; others get none


def get_readable_proposal(*, user: User, pk: int) -> Proposal:
    try:
        proposal = get_proposal(pk)
    except Proposal.DoesNotExist as error:
        raise Http404 from error
    check_read_proposal(user, proposal)
    return proposal


def get_proposal_record(*, user: User, pk: int) -> ProposalRecord:
    """The record page's content: the proposal, its published replies, and its history for
    the office of its committee (the page's rule)."""
    proposal = get_readable_proposal(user=user, pk=pk)
    office = is_office(user, proposal.committee_id)
    return ProposalRecord(
        proposal=proposal,
        replies=published_replies(proposal),
        history=history_of(proposal) if office else [],
    )


def writing_committee_id(user: User) -> int:
    """A new proposal's committee: the member's own, else the office's the person works in."""
    member = getattr(user, "member", None)
    if member is not None:
        return member.committee_id
    ids = committee_ids_with_role(user, Role.MEMBER) or office_committee_ids(user)
    if not ids:
        raise PermissionDenied(_("只有提案者或本级政协机关工作人员可以查看相似提案。"))
    return min(ids)


def list_similar_while_writing(*, user: User, text: str, proposal_id: int | None = None):
    """The five proposals of this and past terms most like the text being typed (empty for a
    text too short to compare)."""
    proposal = None
    if proposal_id is not None:
        proposal = Proposal.objects.filter(pk=proposal_id, is_deleted=False).first()
        if proposal is None:
            raise Http404
    committee_id = proposal.committee_id if proposal else writing_committee_id(user)
    check_see_similar_while_writing(user, committee_id, proposal)
    if len(text.strip()) < SIMILAR_MIN_CHARS:
        return []
    exclude = [proposal.pk] if proposal else []
    return similar_proposals(committee=committee_id, text=text, reader=user, top=5, exclude=exclude)


def get_invitation(*, user: User, pk: int) -> CoSignature:
    """A co-signing invitation addressed to the person, on a proposal still collecting."""
    invitation = (
        CoSignature.objects.select_related("proposal")
        .filter(pk=pk, proposal__state=ProposalState.COSIGNING)
        .first()
    )
    if invitation is None:
        raise Http404
    member = active_seat(user)
    if member is None or member.pk != invitation.member_id:
        raise PermissionDenied(_("您没有收到该提案的联名邀请。"))
    return invitation


def list_invitations(*, user: User) -> QuerySet[CoSignature]:
    """Every co-signing invitation the person received, the proposal loaded."""
    member: Member | None = active_seat(user)
    if member is None:
        return CoSignature.objects.none()
    return CoSignature.objects.filter(
        member=member, state__in=[CoSignatureState.INVITED, CoSignatureState.CONFIRMED,
                                  CoSignatureState.DECLINED],
    ).select_related("proposal")  # fmt: skip


def list_unit_desk(*, user: User) -> QuerySet:
    """The unit's assigned proposals; only a unit's liaison has a desk."""
    if not unit_ids_of(user):
        raise PermissionDenied(_("只有承办单位联络员可以进入办理工作台。"))
    return list_unit_assignments(user=user)
