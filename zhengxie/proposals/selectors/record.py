"""What a person may do on a proposal's page: the steps the engine lets them take on the
proposal and on the records around it that are theirs to act on (their co-signature
invitation, the replies waiting for the office, their unit's assignment), then the pages that
add a record rather than move one (editing the draft, a reply, contact, a reassignment
request, the key-proposal choice)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.core.permissions import active_seat, is_office, unit_ids_of
from zhengxie.core.workflow.actions import ActionLink, actions_for

from ..models import CoSignatureState, Proposal, ReplyState
from ..permissions import answering_unit_ids, handling_unit_ids, is_proposer
from ..workflow import EDIT, HANDLING_STATES, REGISTERED_STATES, allows


def record_actions(user: User, proposal: Proposal) -> list[ActionLink]:
    actions = actions_for(proposal, user)
    for related in _related_records(user, proposal):
        actions += actions_for(related, user, with_override=False)
    actions += _proposer_links(user, proposal) + _unit_links(user, proposal)
    return actions + _office_links(user, proposal)


def _related_records(user: User, proposal: Proposal) -> list:
    """The records around the proposal whose steps this person may find buttons for, read from
    the lists the record page has already loaded (get_proposal)."""
    related = [r for r in proposal.replies.all() if r.state == ReplyState.OFFICE_REVIEW]
    member = active_seat(user)
    if member is not None:
        related += [
            c
            for c in proposal.cosignatures.all()
            if c.member_id == member.pk and c.state == CoSignatureState.INVITED
        ]
    units = unit_ids_of(user)
    if units:
        related += [a for a in proposal.assignments.all() if a.is_active and a.unit_id in units]
    return related


def _link(name: str, label: str, url_name: str, proposal: Proposal, style: str = "") -> ActionLink:
    return ActionLink(name, label, reverse(url_name, args=[proposal.pk]), style)


def _proposer_links(user: User, proposal: Proposal) -> list[ActionLink]:
    if allows(proposal.state, EDIT) and is_proposer(user, proposal):
        return [_link("edit", _("编辑并提交"), "proposals:edit", proposal, "primary")]
    return []


def _unit_links(user: User, proposal: Proposal) -> list[ActionLink]:
    out = []
    if not handling_unit_ids(user, proposal):
        return out
    if proposal.state in HANDLING_STATES:
        out.append(_link("contact", _("记录沟通"), "proposals:contact", proposal))
        out.append(_link("reassign", _("申请调整承办"), "proposals:reassign", proposal))
        if answering_unit_ids(user, proposal):
            out.append(_link("reply", _("拟写答复"), "proposals:reply", proposal, "primary"))
    if any(r.state == ReplyState.CO_REVIEW for r in proposal.replies.all()):
        out.append(_link("co_opinion", _("会办意见"), "proposals:co_opinion", proposal, "primary"))
    return out


def _office_links(user: User, proposal: Proposal) -> list[ActionLink]:
    if not is_office(user, proposal.committee_id):
        return []
    if proposal.state in REGISTERED_STATES and not hasattr(proposal, "key"):
        return [_link("key", _("确定为重点提案"), "proposals:key_select", proposal)]
    return []


def can_supervise(user: User, proposal: Proposal) -> bool:
    key = getattr(proposal, "key", None)
    if key is None:
        return False
    return key.supervisor_id == user.pk or is_office(user, proposal.committee_id)
