"""Writing and submitting a proposal: drafts, the format rules, the plenary intake window that
makes a proposal 大会提案 or 平时提案 (the proposal's submit steps; co-signing is cosigning.py)."""

import datetime as dt
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from zhengxie.core import selectors
from zhengxie.core.models import Committee, Member, Plenary, Role, User
from zhengxie.core.permissions import active_seat, check_office, committee_ids_with_role, has_role
from zhengxie.core.rules import rule
from zhengxie.core.workflow import Step, WorkflowError

from .. import rules
from ..models import (
    Proposal,
    ProposalState,
    Proposer,
    ProposerKind,
)
from ..workflow import EDIT, allows, take

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
    """The plenary whose intake has opened most recently: its window decides 大会/平时. The
    committees page reads the same selector, so both name the same plenary."""
    return selectors.current_plenary(committee, on)


def committee_for_new_draft(user: User) -> Committee:
    """Where the person's new proposal goes: their seat's committee. The member role decides,
    not the seat record: a departed member (离任) keeps the record only."""
    ids = committee_ids_with_role(user, Role.MEMBER)
    if not ids:
        raise PermissionDenied(_("只有委员可以提交提案。"))
    member = getattr(user, "member", None)
    if member is not None and member.committee_id in ids:
        return member.committee
    return Committee.objects.get(pk=min(ids))


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
        if not allows(locked.state, EDIT):
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
    joint = proposal.proposer_kind == ProposerKind.JOINT
    signed = proposal.proposers.count() > 1  # a paper joint proposal entered with its signers
    if joint and not cosigners and not signed and proposal.state == ProposalState.DRAFT:
        validate_for_submission(proposal)
        raise ValidationError({"cosigners": _("联名人：联名提案至少邀请一位委员。")})
    return take(
        proposal,
        "start_cosigning" if joint and cosigners else "submit",
        actor,
        submitted_at=submitted_at or timezone.now(),
        cosigners=list(cosigners or []),
    )


def check_submission(step: Step) -> None:
    validate_for_submission(step.record)


def stamp_submission(step: Step) -> None:
    """The plenary whose intake is current, and whether its window makes this a 大会提案."""
    proposal, now = step.record, step.data.get("submitted_at") or timezone.now()
    today = timezone.localdate(now)
    plenary = current_plenary(proposal.committee, today)
    if plenary is None:
        raise WorkflowError(_("本级政协尚未设置会议，暂不能提交提案。"))
    step.touch(
        plenary=plenary,
        is_plenary_proposal=plenary.intake_opens_on <= today <= plenary.intake_closes_on,
        submitted_at=now,
    )
