"""Writing and submitting a proposal: drafts, the format rules, joint proposals' co-signing,
the plenary intake window that makes a proposal 大会提案 or 平时提案."""

import datetime as dt
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from zhengxie.core.models import Committee, HandlingUnit, Member, Plenary, Role, User
from zhengxie.core.permissions import active_seat, check_office, has_role
from zhengxie.core.rules import rule
from zhengxie.core.services.notifications import notify

from .. import rules
from ..models import (
    CoSignature,
    CoSignatureState,
    Proposal,
    ProposalState,
    Proposer,
    ProposerKind,
)
from .transitions import WorkflowError, lock_for, save_state, tell_proposers

DRAFT_FIELDS = (
    "title",
    "situation",
    "analysis",
    "suggestion",
    "category",
    "proposer_kind",
    "body_name",
    "suggested_unit",
    "publish_consent",
)
TITLE_PATTERN = re.compile(r"^关于.+的(建议|提案)$")


def current_plenary(committee: Committee, on: dt.date) -> Plenary | None:
    """The plenary whose intake has opened most recently: its window decides 大会/平时."""
    return (
        Plenary.objects.filter(committee=committee, intake_opens_on__lte=on)
        .order_by("-intake_opens_on")
        .first()
    )


def create_draft(
    *, author: User, committee: Committee, proposers: list[Member] | None = None, **data
) -> Proposal:
    """A new draft; the author's member record becomes the first proposer. The office may enter
    a paper proposal naming its proposers (the first one first, co-signers already signed)."""
    if proposers:
        check_office(author, committee)
    elif not has_role(author, committee, Role.MEMBER):
        raise PermissionDenied(_("只有委员可以提交提案。"))
    member = active_seat(author)
    people = list(proposers or ([member] if member is not None else []))
    with transaction.atomic():
        proposal = Proposal(committee=committee, created_by=author)
        _apply(proposal, data)
        proposal._history_user = author
        proposal.save()
        bulk_create_with_history(
            [
                Proposer(
                    committee=committee,
                    proposal=proposal,
                    member=person,
                    name=person.name,
                    position=index,
                    is_first=index == 0,
                )
                for index, person in enumerate(people)
            ],
            Proposer,
            default_user=author,
            default_change_reason=_("创建提案草稿"),
        )
    return proposal


def save_draft(*, proposal: Proposal, author: User, **data) -> Proposal:
    """Autosave: only the proposer, only while the proposal is a draft or returned."""
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.created_by_id != author.pk:
            raise WorkflowError(_("只有提案者本人可以修改草稿。"))
        if locked.state not in (ProposalState.DRAFT, ProposalState.RETURNED):
            raise WorkflowError(_("提案已提交，不能再修改。"))
        _apply(locked, data)
        locked._history_user = author
        locked.save(update_fields=[*_field_names(data), "category_main", "updated_at"])
    return locked


def _field_names(data: dict) -> list[str]:
    return [name for name in DRAFT_FIELDS if name in data]


def _apply(proposal: Proposal, data: dict) -> None:
    for name in _field_names(data):
        setattr(proposal, name, data[name])
    proposal.category_main = rules.category_main_of(proposal.committee_id, proposal.category)


def validate_for_submission(proposal: Proposal) -> None:
    """The format rules of §1.2; every message names its field."""
    errors: dict[str, str] = {}
    limit = rule(proposal.committee_id, rules.TITLE_MAX_CHARS)
    title = proposal.title.strip()
    if not TITLE_PATTERN.match(title):
        errors["title"] = _("案由：须写成“关于……的建议”或“关于……的提案”。")
    elif len(title) > limit:
        errors["title"] = _("案由：不能超过%(n)s个字。") % {"n": limit}
    section_limit = rule(proposal.committee_id, rules.SECTION_MAX_CHARS)
    for name, label in (
        ("situation", _("情况")),
        ("analysis", _("分析")),
        ("suggestion", _("建议")),
    ):
        text = getattr(proposal, name).strip()
        if not text:
            errors[name] = _("%(f)s：不能为空（提案须有情况、有分析、有建议）。") % {"f": label}
        elif len(text) > section_limit:
            errors[name] = _("%(f)s：不能超过%(n)s个字。") % {"f": label, "n": section_limit}
    if not proposal.category_main:
        errors["category"] = _("类别：请从类别表中选择。")
    collective = proposal.proposer_kind not in (ProposerKind.INDIVIDUAL, ProposerKind.JOINT)
    if collective and not proposal.body_name.strip():
        errors["body_name"] = _("集体提案者名称：集体提案须填写党派、团体、界别或专委会名称。")
    if errors:
        raise ValidationError(errors)


def submit_proposal(
    *,
    proposal: Proposal,
    actor: User,
    cosigners: list[Member] | None = None,
    submitted_at: dt.datetime | None = None,
) -> Proposal:
    """Submits a draft; a joint proposal first goes to its co-signers, who confirm before the
    deadline. The intake window of the current plenary decides 大会提案 or 平时提案.
    submitted_at: when the office enters a paper proposal, the day it was handed in."""
    validate_for_submission(proposal)
    joint = proposal.proposer_kind == ProposerKind.JOINT
    signed = proposal.proposers.count() > 1  # a paper joint proposal entered with its signers
    if joint and not cosigners and not signed and proposal.state == ProposalState.DRAFT:
        raise ValidationError({"cosigners": _("联名人：联名提案至少邀请一位委员。")})
    action = "start_cosigning" if joint and cosigners else "submit"
    now = submitted_at or timezone.now()
    with transaction.atomic():
        locked, step = lock_for(proposal=proposal, action=action, actor=actor)
        plenary = current_plenary(locked.committee, timezone.localdate(now))
        if plenary is None:
            raise WorkflowError(_("本级政协尚未设置会议，暂不能提交提案。"))
        locked.plenary = plenary
        today = timezone.localdate(now)
        locked.is_plenary_proposal = plenary.intake_opens_on <= today <= plenary.intake_closes_on
        locked.submitted_at = now
        fields = ["plenary", "is_plenary_proposal", "submitted_at"]
        if action == "start_cosigning":
            days = rule(locked.committee_id, rules.COSIGN_DAYS)
            locked.cosign_deadline = now + dt.timedelta(days=days)
            fields.append("cosign_deadline")
            _invite(locked, cosigners)
        save_state(
            proposal=locked, target=step.target, actor=actor, label=step.label, fields=fields
        )
    return locked


def _invite(proposal: Proposal, cosigners: list[Member]) -> None:
    first = proposal.proposers.filter(is_first=True).values_list("member_id", flat=True).first()
    people = [m for m in dict.fromkeys(cosigners) if m.pk != first]
    for member in people:
        if member.committee_id != proposal.committee_id:
            raise ValidationError(
                {"cosigners": _("联名人：%(n)s 不是本级政协委员。") % {"n": member}}
            )
        CoSignature.objects.get_or_create(
            committee_id=proposal.committee_id, proposal=proposal, member=member
        )
    deadline = timezone.localtime(proposal.cosign_deadline).strftime("%Y-%m-%d %H:%M")
    users = [m.user for m in people if m.user_id]
    transaction.on_commit(
        lambda: notify(
            recipients=users,
            title=_("联名邀请：%(t)s") % {"t": proposal.title},
            body=_("请在 %(d)s 前确认是否联名。") % {"d": deadline},
            url=f"/proposals/{proposal.pk}/",
        )
    )


def respond_cosignature(*, cosignature: CoSignature, actor: User, accept: bool) -> CoSignature:
    """The invited member confirms or declines; when nobody is left to answer, the proposal
    goes on to review by itself."""
    member = active_seat(actor)
    if member is None or member.pk != cosignature.member_id:
        raise WorkflowError(_("只有被邀请的委员本人可以确认联名。"))
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=cosignature.proposal_id)
        row = CoSignature.objects.select_for_update().get(pk=cosignature.pk)
        if proposal.state != ProposalState.COSIGNING or row.state != CoSignatureState.INVITED:
            raise WorkflowError(_("联名已结束或您已答复。"))
        if proposal.cosign_deadline and timezone.now() > proposal.cosign_deadline:
            raise WorkflowError(_("联名确认已过截止时间。"))
        row.state = CoSignatureState.CONFIRMED if accept else CoSignatureState.DECLINED
        row.responded_at = timezone.now()
        row._history_user = actor
        row.save(update_fields=["state", "responded_at"])
        if accept:
            _add_proposer(proposal, row.member)
        if not proposal.cosignatures.filter(state=CoSignatureState.INVITED).exists():
            _close(proposal, actor=None)
    return row


def _add_proposer(proposal: Proposal, member: Member) -> None:
    position = proposal.proposers.count()
    Proposer.objects.get_or_create(
        proposal=proposal,
        member=member,
        defaults={"committee_id": proposal.committee_id, "name": member.name, "position": position},
    )


def close_cosigning(*, proposal: Proposal, actor: User | None) -> Proposal:
    """Ends co-signing (the proposer early, or the deadline task): who has not confirmed drops."""
    with transaction.atomic():
        locked, _step = lock_for(proposal=proposal, action="close_cosigning", actor=actor)
        return _close(locked, actor=actor)


def _close(locked: Proposal, *, actor: User | None) -> Proposal:
    dropped = locked.cosignatures.filter(state=CoSignatureState.INVITED).update(
        state=CoSignatureState.DROPPED
    )
    reason = _("%(n)s 位联名人逾期未确认，不计入。") % {"n": dropped} if dropped else ""
    step_label = _("结束联名并提交")
    save_state(
        proposal=locked,
        target=ProposalState.SUBMITTED,
        actor=actor,
        label=step_label,
        reason=reason,
    )
    tell_proposers(
        proposal=locked, title=_("提案“%(t)s”已提交审查") % {"t": locked.title}, body=reason
    )
    return locked


def drop_expired_cosignatures(*, now: dt.datetime | None = None) -> int:
    """The deadline task: closes every joint proposal whose co-signing time is up."""
    now = now or timezone.now()
    due = Proposal.objects.filter(state=ProposalState.COSIGNING, cosign_deadline__lt=now)
    closed = 0
    for proposal in due:
        try:
            close_cosigning(proposal=proposal, actor=None)
            closed += 1
        except WorkflowError:
            continue  # someone closed it meanwhile
    return closed


def unit_choices(committee: Committee):
    return HandlingUnit.objects.filter(committee=committee, is_active=True)
