"""Who may do what with a proposal. The workflow table names actors relative to a proposal
(proposer, office, unit); these predicates decide whether a person is that actor."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core.models import Role, User
from zhengxie.core.permissions import (
    active_seat,
    committee_ids_with_role,
    has_departed,
    has_role,
    is_office,
    office_committee_ids,
    readable_committee_ids,
    unit_ids_of,
)
from zhengxie.core.workflow import Who, office

from .models import (
    Assignment,
    AssignmentRole,
    CoSignature,
    CoSignatureState,
    Letter,
    Proposal,
    Proposer,
)
from .workflow import HANDLING_STATES, UNSUBMITTED_STATES

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


def _taking_part(member, units, *, correlated: bool) -> Q | None:
    """The proposals the person takes part in, whatever their committees: proposing, invited
    to co-sign, or handling as a unit; None when they take part in none. Beside a committee's
    register they are correlated EXISTS: `pk IN` is an index of its own, and SQLite would answer
    the OR with several index lookups and a sort of every visible row, where EXISTS lets it walk
    the register's order and stop at a page. Alone, the small sets drive the query as `pk IN`."""
    sets = []
    if member is not None:
        sets.append(Proposer.objects.filter(member=member))
        sets.append(CoSignature.objects.filter(member=member, state__in=READING_INVITATIONS))
    if units:
        sets.append(Assignment.objects.filter(unit_id__in=units, is_active=True))
    taking_part = None
    for rows in sets:
        one = (
            Q(Exists(rows.filter(proposal=OuterRef("pk"))))
            if correlated
            else Q(pk__in=rows.values("proposal_id"))
        )
        taking_part = one if taking_part is None else taking_part | one
    return taking_part


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
    if not readers:
        taking_part = _taking_part(member, units, correlated=False)
        written = Q(created_by=user)
        return queryset.filter(written if taking_part is None else written | taking_part)
    # Within the committees read: every submitted proposal, and the person's own drafts. The
    # committee stays the leading condition, so the committee's index serves the order.
    own = Q(created_by=user)
    taking_part = _taking_part(member, units, correlated=True)
    if taking_part is None:
        return queryset.filter(
            Q(committee_id__in=readers) & (~Q(state__in=UNSUBMITTED_STATES) | own)
        )
    # Beyond them, only what they take part in. No branch is an index lookup of its own, so
    # the database walks the order of every committee (proposal_register_all) to a page.
    within = Q(committee_id__in=readers) & (~Q(state__in=UNSUBMITTED_STATES) | own | taking_part)
    return queryset.filter(within | (~Q(committee_id__in=readers) & taking_part))


def whole_register_committee_ids(user: User) -> set[int]:
    """The committees whose register the person reads whole when that is all they read: no
    member seat and no handling unit to widen it (the office, leaders, administrators).
    filter_visible_proposals then reads the proposal rows alone (committee, state, deletion,
    author), which lets the register cache its count; empty for everyone else."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if getattr(user, "member", None) is not None or unit_ids_of(user):
        return set()
    wide = committee_ids_with_role(user, Role.STAFF, Role.ADMIN, Role.LEADER, rollup=True)
    return wide | committee_ids_with_role(user, Role.MEMBER)


def key_proposal_committee_ids(user: User) -> list[int]:
    """The committees whose key proposals (重点提案督办) the person follows: their leaders and
    office staff, a city's with its counties; refused to everyone else."""
    ids = committee_ids_with_role(user, Role.LEADER, Role.STAFF, Role.ADMIN, rollup=True)
    if not ids:
        raise PermissionDenied(_("只有领导和机关工作人员可以查看重点提案督办情况。"))
    return sorted(ids)


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


def raters_of(proposal: Proposal) -> QuerySet:
    """Who rates: the proposers of the proposal and of every proposal merged into it."""
    return Proposer.objects.filter(
        proposal__in=[proposal.pk, *proposal.merged_proposals.values_list("pk", flat=True)]
    )


def awaits_rating(user: User | None, proposal: Proposal) -> bool:
    """A rater of the proposal who has not rated this round yet."""
    member = active_seat(user)
    return member is not None and (
        raters_of(proposal)
        .filter(member=member)
        .exclude(feedbacks__round=proposal.redo_round)
        .exists()
    )


def _units_of(user: User | None) -> set[int]:
    return unit_ids_of(user) if user is not None else set()


def _is_invitee(user: User | None, invitation: CoSignature) -> bool:
    member = active_seat(user)
    return member is not None and member.pk == invitation.member_id


def _is_co_unit(user: User | None, reply) -> bool:
    units = _units_of(user)
    return (
        bool(units)
        and reply.proposal.assignments.filter(
            is_active=True, role=AssignmentRole.CO, unit_id__in=units
        ).exists()
    )


# Who takes each step of the workflows (workflow/), relative to the record; the user is None
# when a scheduled task acts.
OFFICE = office()
PROPOSER = Who("proposer", gettext_lazy("提案者"), is_proposer)
HANDLING_UNIT = Who(
    "unit",
    gettext_lazy("承办单位"),
    lambda user, proposal: bool(_units_of(user)) and bool(handling_unit_ids(user, proposal)),
)
RATER = Who("rater", gettext_lazy("尚未评价的提案者"), awaits_rating)
# Returning replies leads back to handling in the first round and to the redo in later ones.
OFFICE_FIRST_ROUND = Who(
    "office",
    gettext_lazy("本级政协机关（首轮办理）"),
    lambda user, proposal: OFFICE(user, proposal) and proposal.redo_round == 1,
)
OFFICE_LATER_ROUND = Who(
    "office",
    gettext_lazy("本级政协机关（重新办理）"),
    lambda user, proposal: OFFICE(user, proposal) and proposal.redo_round > 1,
)
INVITEE = Who("invitee", gettext_lazy("被邀请的委员"), _is_invitee)
INVITING_PROPOSER = Who(
    "proposer",
    gettext_lazy("提案者"),
    lambda user, invitation: is_proposer(user, invitation.proposal),
)
REPLY_UNIT = Who(
    "unit",
    gettext_lazy("答复单位"),
    lambda user, reply: reply.unit_id in _units_of(user) and reply.assignment.is_active,
)
CO_UNIT = Who("co_unit", gettext_lazy("会办单位"), _is_co_unit)
# A unit asks for more time while it handles the proposal.
ASSIGNED_UNIT = Who(
    "unit",
    gettext_lazy("承办单位（办理期间）"),
    lambda user, assignment: (
        assignment.is_active
        and assignment.unit_id in _units_of(user)
        and assignment.proposal.state in HANDLING_STATES
    ),
)


# --- 委员来信 ---------------------------------------------------------------------------------


def can_read_letter(user: User, letter: Letter) -> bool:
    """The office of its committee, the unit it was forwarded to, and its proposers."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_office(user, letter.committee_id):
        return True
    if letter.unit_id is not None and letter.unit_id in unit_ids_of(user):
        return True
    return is_any_proposer(user, letter.proposal)


def check_read_letter(user: User, letter: Letter) -> None:
    if not can_read_letter(user, letter):
        raise PermissionDenied(_("您无权查看该委员来信。"))


def check_letter_desk(user: User) -> set[int]:
    committee_ids = office_committee_ids(user)
    if not committee_ids:
        raise PermissionDenied(_("只有政协机关工作人员可以查看委员来信台账。"))
    return committee_ids
