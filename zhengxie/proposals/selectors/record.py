"""What a person may do on a record page: the workflow table's buttons plus the handling steps
that have their own pages."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.core.permissions import is_office

from ..models import CoSignatureState, Proposal, ProposalState, ReplyState
from ..permissions import answering_unit_ids, can_take, handling_unit_ids, is_proposer
from ..services.feedback import raters_of
from ..workflow import HANDLING_STATES, REGISTERED_STATES, allowed_from

S = ProposalState


@dataclass(frozen=True)
class Action:
    label: str
    url: str
    style: str = ""


def available_actions(user: User, proposal: Proposal) -> list[Action]:
    pk = proposal.pk
    actions = [
        Action(str(t.label), reverse("proposals:act", args=[pk, t.action]), t.style)
        for t in allowed_from(proposal.state)
        if t.button and can_take(user, proposal, t)
    ]
    actions += _proposer_actions(user, proposal)
    actions += _unit_actions(user, proposal)
    actions += _office_actions(user, proposal)
    return actions


def _proposer_actions(user: User, proposal: Proposal) -> list[Action]:
    pk, out = proposal.pk, []
    if proposal.state in (S.DRAFT, S.RETURNED) and is_proposer(user, proposal):
        out.append(Action(_("编辑并提交"), reverse("proposals:edit", args=[pk]), "primary"))
    member = getattr(user, "member", None)
    if member is not None and proposal.state == S.COSIGNING:
        invited = proposal.cosignatures.filter(member=member, state=CoSignatureState.INVITED)
        if invited.exists():
            out.append(Action(_("确认联名"), reverse("proposals:cosign", args=[pk]), "primary"))
    if proposal.state == S.REPLIED and member is not None:
        rater = raters_of(proposal).filter(member=member).first()
        if rater and not rater.feedbacks.filter(round=proposal.redo_round).exists():
            out.append(Action(_("评价办理结果"), reverse("proposals:rate", args=[pk]), "primary"))
    return out


def _unit_actions(user: User, proposal: Proposal) -> list[Action]:
    pk, out = proposal.pk, []
    if not handling_unit_ids(user, proposal):
        return out
    if proposal.state in HANDLING_STATES:
        out.append(Action(_("记录沟通"), reverse("proposals:contact", args=[pk])))
        out.append(Action(_("申请调整承办"), reverse("proposals:reassign", args=[pk])))
        out.append(Action(_("申请延期"), reverse("proposals:extension", args=[pk])))
        if answering_unit_ids(user, proposal):
            out.append(Action(_("拟写答复"), reverse("proposals:reply", args=[pk]), "primary"))
    if proposal.replies.filter(state=ReplyState.CO_REVIEW).exists():
        out.append(Action(_("会办意见"), reverse("proposals:co_opinion", args=[pk]), "primary"))
    return out


def _office_actions(user: User, proposal: Proposal) -> list[Action]:
    pk = proposal.pk
    if not is_office(user, proposal.committee_id):
        return []
    out = [Action(_("强制调整状态"), reverse("proposals:act", args=[pk, "override"]), "secondary")]
    if proposal.state in REGISTERED_STATES and not hasattr(proposal, "key"):
        out.append(Action(_("确定为重点提案"), reverse("proposals:key_select", args=[pk])))
    return out


def can_supervise(user: User, proposal: Proposal) -> bool:
    key = getattr(proposal, "key", None)
    if key is None:
        return False
    return key.supervisor_id == user.pk or is_office(user, proposal.committee_id)
