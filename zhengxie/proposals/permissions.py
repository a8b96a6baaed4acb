"""Who may do what with a proposal. The workflow table names actors relative to a proposal
(proposer, office, unit); these predicates decide whether a person is that actor."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from zhengxie.core.models import Role, User
from zhengxie.core.permissions import (
    active_seat,
    committee_ids_with_role,
    has_departed,
    has_role,
    is_office,
    readable_committee_ids,
    unit_ids_of,
)

from .models import (
    Assignment,
    AssignmentRole,
    CoSignature,
    CoSignatureState,
    Proposal,
    Proposer,
)
from .workflow import UNSUBMITTED_STATES, Actor, Transition

# An invitation lets the member read the draft they are asked to sign; a refusal ends that.
READING_INVITATIONS = (CoSignatureState.INVITED, CoSignatureState.CONFIRMED)


def is_proposer(user: User, proposal: Proposal) -> bool:
    """The first proposer or whoever wrote the draft."""
    if not getattr(user, "is_authenticated", False) or has_departed(user):
        return False
    if proposal.created_by_id == user.pk:
        return True
    member = active_seat(user)
    return bool(member) and proposal.proposers.filter(member=member, is_first=True).exists()


def is_any_proposer(user: User, proposal: Proposal) -> bool:
    """The first proposer or any confirmed co-signer, of this proposal or one merged into it."""
    member = getattr(user, "member", None) if user.is_authenticated else None
    if member is None:
        return is_proposer(user, proposal)
    return (
        proposal.proposers.filter(member=member).exists()
        or proposal.merged_proposals.filter(proposers__member=member).exists()
    )


def answering_unit_ids(user: User, proposal: Proposal) -> set[int]:
    """The person's units that answer this proposal (active lead or split assignments)."""
    mine = unit_ids_of(user)
    if not mine:
        return set()
    return set(
        proposal.assignments.filter(
            is_active=True, unit_id__in=mine, role__in=[AssignmentRole.LEAD, AssignmentRole.SPLIT]
        ).values_list("unit_id", flat=True)
    )


def handling_unit_ids(user: User, proposal: Proposal) -> set[int]:
    """The person's units with any active assignment (co-units included)."""
    mine = unit_ids_of(user)
    return set(
        proposal.assignments.filter(is_active=True, unit_id__in=mine).values_list(
            "unit_id", flat=True
        )
    )


def is_actor(user: User | None, proposal: Proposal, actor: str) -> bool:
    if actor == Actor.SYSTEM:
        return user is None
    if user is None:
        return False
    if actor == Actor.OFFICE:
        return is_office(user, proposal.committee_id)
    if actor == Actor.PROPOSER:
        return is_proposer(user, proposal)
    if actor == Actor.UNIT:
        return bool(answering_unit_ids(user, proposal))
    return False


def can_take(user: User | None, proposal: Proposal, step: Transition) -> bool:
    return any(is_actor(user, proposal, actor) for actor in step.actors)


def check_take(user: User | None, proposal: Proposal, step: Transition) -> None:
    if not can_take(user, proposal, step):
        raise PermissionDenied(_("您无权对该提案执行“%(action)s”。") % {"action": step.label})


def is_writer(user: User, proposal: Proposal) -> bool:
    """Whoever may read a proposal the office has not received yet: its author, its
    proposers, and the members invited to co-sign it."""
    if proposal.created_by_id == user.pk or is_any_proposer(user, proposal):
        return True
    member = getattr(user, "member", None)
    return (
        member is not None
        and proposal.cosignatures.filter(member=member, state__in=READING_INVITATIONS).exists()
    )


def can_read_proposal(user: User, proposal: Proposal) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if proposal.state in UNSUBMITTED_STATES:
        return is_writer(user, proposal)
    if proposal.committee_id in readable_committee_ids(user) and not has_role(
        user, proposal.committee_id, Role.MEMBER, Role.UNIT, Role.CONVENOR
    ):
        return True
    if has_role(user, proposal.committee_id, Role.MEMBER):
        return True
    return is_any_proposer(user, proposal) or bool(handling_unit_ids(user, proposal))


def check_read_proposal(user: User, proposal: Proposal) -> None:
    """A draft someone else may not read is not found, rather than refused: its id would
    otherwise tell that the member is writing something."""
    if can_read_proposal(user, proposal):
        return
    if proposal.state in UNSUBMITTED_STATES:
        raise Http404
    raise PermissionDenied(_("您无权查看该提案。"))


def check_write_proposal(user: User, proposal: Proposal) -> None:
    """The editor's pages (form, autosave, attachments) are the proposer's; anyone else is
    answered before their form is read, and a draft not theirs is not found."""
    check_read_proposal(user, proposal)
    if not is_proposer(user, proposal):
        raise PermissionDenied(_("只有提案者可以修改提案。"))


def _invited_or_proposing(member) -> Q:
    invited = CoSignature.objects.filter(member=member, state__in=READING_INVITATIONS)
    return Q(pk__in=Proposer.objects.filter(member=member).values("proposal_id")) | Q(
        pk__in=invited.values("proposal_id")
    )


def filter_visible_proposals(user: User, queryset: QuerySet) -> QuerySet:
    """The register: office, leaders and admins see their committees (with roll-up); members
    see their committee's submitted proposals; units their assignments; and everyone the
    proposals they write or are invited to co-sign, drafts included. Nobody else sees a
    draft, whatever their role."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    wide = committee_ids_with_role(user, Role.STAFF, Role.ADMIN, Role.LEADER, rollup=True)
    readers = wide | committee_ids_with_role(user, Role.MEMBER)
    units = unit_ids_of(user)
    member = getattr(user, "member", None)
    # The committee IN stays the leading condition, so the register's query keeps to one
    # index for office and leaders (an OR makes SQLite sort the whole table); their own
    # drafts (paper proposals the office types in) are a filter within it.
    submitted_or_own = ~Q(state__in=UNSUBMITTED_STATES) | Q(created_by=user)
    visible = Q(committee_id__in=readers) & submitted_or_own
    # Each extra branch is added only when it can add rows.
    if not readers:
        visible |= Q(created_by=user)
    if member is not None:
        visible |= _invited_or_proposing(member)
    if units:
        assigned = Assignment.objects.filter(unit_id__in=units, is_active=True)
        visible |= Q(pk__in=assigned.values("proposal_id"))
    return queryset.filter(visible)


def check_office_of(user: User, proposal: Proposal) -> None:
    if not is_office(user, proposal.committee_id):
        raise PermissionDenied(_("只有本级政协机关工作人员可以操作。"))


def can_see_similar_while_writing(
    user: User, committee_id: int, proposal: Proposal | None = None
) -> bool:
    """The writer of the text (a member of the committee, or the proposer of the draft) and
    the committee's office, which reviews what comes in; a draft's panel is its writers'."""
    if not getattr(user, "is_authenticated", False):
        return False
    if proposal is not None and proposal.state in UNSUBMITTED_STATES:
        return is_proposer(user, proposal)
    if is_office(user, committee_id):
        return True
    if proposal is not None:
        return is_proposer(user, proposal)
    return has_role(user, committee_id, Role.MEMBER)


def check_see_similar_while_writing(
    user: User, committee_id: int, proposal: Proposal | None = None
) -> None:
    if proposal is not None:
        check_read_proposal(user, proposal)
    if not can_see_similar_while_writing(user, committee_id, proposal):
        raise PermissionDenied(_("只有提案者或本级政协机关工作人员可以查看相似提案。"))
