"""Proposals (提案): the member's, the register and its search, the public register, a record
with its replies and history, similar proposals while writing, drafts, submission, co-signing,
rating, and the handling unit's desk and reply.

Input is cleaned by the web's own forms (ProposalForm, ReplyForm, RateForm), so a field is
refused over the API exactly as on the page; every read and write is one selector or service
of zhengxie.proposals.
"""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from zhengxie.proposals import selectors, services
from zhengxie.proposals.forms import ProposalForm, RateForm, ReplyForm
from zhengxie.proposals.selectors import reading
from zhengxie.proposals.services.submission import DRAFT_FIELDS

from ..errors import ERRORS
from ..pagination import Keyset
from ..schemas import CommitteeRef

router = Router(tags=["proposals"])
# Newest plenary and number first, drafts (no number yet) before the numbered: the order the
# register's (plenary, number) index serves.
REGISTER_ORDER = ("-plenary_id", "-number", "-id")


class ProposalRow(Schema):
    id: int
    number: int | None
    title: str
    state: str
    state_label: str
    category: str
    committee: CommitteeRef
    plenary: str | None
    proposers: list[str]
    units: list[str]
    submitted_at: datetime | None

    @staticmethod
    def resolve_state_label(proposal) -> str:
        return proposal.get_state_display()

    @staticmethod
    def resolve_plenary(proposal) -> str | None:
        return proposal.plenary.name if proposal.plenary else None

    @staticmethod
    def resolve_proposers(proposal) -> list[str]:
        return [p.name for p in proposal.proposers.all()]

    @staticmethod
    def resolve_units(proposal) -> list[str]:
        return [a.unit.name for a in proposal.assignments.all() if a.is_active]


class ProposalReplyOut(Schema):
    id: int
    unit: str
    round: int
    result_class: str
    summary: str
    text: str
    sent_at: datetime | None

    @staticmethod
    def resolve_unit(reply) -> str:
        return reply.unit.name

    @staticmethod
    def resolve_text(reply) -> str:
        return reply.text if reply.publish_mode == "full" else ""


class HistoryOut(Schema):
    when: datetime
    who: str
    action: str
    reason: str


class ProposalOut(ProposalRow):
    situation: str
    analysis: str
    suggestion: str
    proposer_kind: str
    body_name: str
    publish_consent: bool


class RecordOut(Schema):
    """The record page: the proposal, its published replies, its history (office only)."""

    proposal: ProposalOut
    replies: list[ProposalReplyOut]
    history: list[HistoryOut]


class DraftIn(Schema):
    title: str = Field("", max_length=200)
    proposer_kind: str = Field("individual", max_length=20)
    body_name: str = Field("", max_length=100)
    category: str = Field("", max_length=20)
    situation: str = ""
    analysis: str = ""
    suggestion: str = ""
    suggested_unit: int | None = None
    publish_consent: bool = True


class SubmitIn(Schema):
    cosigners: list[int] = Field(default_factory=list, description="联名委员（Member id）")


class SimilarIn(Schema):
    text: str = Field(max_length=20000, description="案由、情况、分析、建议的文字")
    proposal_id: int | None = Field(None, description="正在修改的草稿；新提案不填")


class SimilarOut(Schema):
    id: int
    title: str
    number: int | None
    outcome: str
    score: float


class CosignInvitationOut(Schema):
    id: int
    state: str
    proposal_id: int
    title: str
    cosign_deadline: datetime | None

    @staticmethod
    def resolve_title(invitation) -> str:
        return invitation.proposal.title

    @staticmethod
    def resolve_cosign_deadline(invitation) -> datetime | None:
        return invitation.proposal.cosign_deadline


class AnswerIn(Schema):
    accept: bool


class RateIn(Schema):
    rating: Literal["satisfied", "basically", "dissatisfied"]
    comment: str = Field("", max_length=2000)


class FeedbackOut(Schema):
    id: int
    rating: str
    comment: str


class AssignmentOut(Schema):
    id: int
    proposal_id: int
    number: int | None
    title: str
    unit: str
    role: str
    deadline: date

    @staticmethod
    def resolve_number(assignment) -> int | None:
        return assignment.proposal.number

    @staticmethod
    def resolve_title(assignment) -> str:
        return assignment.proposal.title

    @staticmethod
    def resolve_unit(assignment) -> str:
        return assignment.unit.name


class ProposalReplyIn(Schema):
    result_class: str = Field(max_length=4)
    text: str = Field(max_length=50000)
    summary: str = Field("", max_length=5000)
    signer: str = Field("", max_length=40)
    handler: str = Field("", max_length=40)
    contact_phone: str = Field("", max_length=20)
    publish_mode: str = Field("full", max_length=20)
    publish_reason: str = Field("", max_length=200)
    send: bool = Field(False, description="保存后报送（有会办单位时先送会办）")


class ReplyDraftOut(Schema):
    id: int
    state: str
    result_class: str


class LetterRow(Schema):
    id: int
    title: str
    state: str
    state_label: str
    committee: CommitteeRef
    proposal_id: int
    unit: str | None = Field(description="转办单位")
    forwarded_on: date | None
    answered_on: date | None
    created_at: datetime

    @staticmethod
    def resolve_state_label(letter) -> str:
        return letter.get_state_display()

    @staticmethod
    def resolve_unit(letter) -> str | None:
        return letter.unit.name if letter.unit else None


class LetterOut(LetterRow):
    proposal_title: str = Field(description="原提案案由")
    reason: str = Field(description="转委员来信的理由")
    answer: str = Field(description="答复，答复前为空")

    @staticmethod
    def resolve_proposal_title(letter) -> str:
        return letter.proposal.title

    @staticmethod
    def resolve_reason(letter) -> str:
        return letter.proposal.decision_reason


def _cleaned(form) -> dict:
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form.cleaned_data


def _draft_data(payload: DraftIn, committee) -> tuple[dict, ProposalForm]:
    form = ProposalForm(payload.dict(), committee=committee)
    data = _cleaned(form)
    return {k: v for k, v in data.items() if k in DRAFT_FIELDS}, form


@router.get("/mine", response={200: list[ProposalRow], **ERRORS})
@paginate(Keyset, ordering=("-id",))
def my_proposals(request: HttpRequest):
    """The proposals the person wrote or signed, drafts included, newest first."""
    return selectors.list_my_proposals(user=request.user)


@router.get("", response={200: list[ProposalRow], **ERRORS})
@paginate(Keyset, ordering=REGISTER_ORDER)
def register(
    request: HttpRequest,
    q: str = Query("", max_length=100),
    state: str = Query("", max_length=20),
    category: str = Query("", max_length=20),
    plenary: int | None = None,
):
    """The register the person may read, with the web's filters; `q` searches the text."""
    filters = selectors.RegisterFilters(text=q, state=state, category=category, plenary=plenary)
    return selectors.list_register(user=request.user, filters=filters)


@router.get("/public", response={200: list[ProposalRow], **ERRORS}, auth=None)
@paginate(Keyset, ordering=REGISTER_ORDER)
def public_register(request: HttpRequest):
    """Registered proposals whose proposers agreed to publication; no sign-in needed."""
    return selectors.list_public()


@router.post("/similar", response={200: list[SimilarOut], **ERRORS})
def similar_while_writing(request: HttpRequest, payload: SimilarIn):
    """The five proposals most like the text being written (none for a very short text)."""
    found = reading.list_similar_while_writing(
        user=request.user, text=payload.text, proposal_id=payload.proposal_id
    )
    return [
        SimilarOut(
            id=s.proposal.pk, title=s.proposal.title, number=s.proposal.number,
            outcome=s.outcome, score=s.score,
        )
        for s in found
    ]  # fmt: skip


@router.get("/invitations", response={200: list[CosignInvitationOut], **ERRORS})
@paginate(Keyset, ordering=("-id",))
def invitations(request: HttpRequest):
    """Co-signing invitations the member received."""
    return reading.list_invitations(user=request.user)


@router.post("/invitations/{invitation_id}", response={200: CosignInvitationOut, **ERRORS})
def answer_invitation(request: HttpRequest, invitation_id: int, payload: AnswerIn):
    """Confirms (accept true) or declines a co-signing invitation."""
    invitation = reading.get_invitation(user=request.user, pk=invitation_id)
    return services.respond_cosignature(
        cosignature=invitation, actor=request.user, accept=payload.accept
    )


@router.get("/assigned", response={200: list[AssignmentOut], **ERRORS})
@paginate(Keyset, ordering=("deadline", "id"))
def unit_desk(request: HttpRequest):
    """A handling unit's assigned proposals still to answer, soonest deadline first."""
    return reading.list_unit_desk(user=request.user)


@router.get("/letters/mine", response={200: list[LetterRow], **ERRORS})
@paginate(Keyset, ordering=("-created_at", "-id"))
def my_letters(request: HttpRequest):
    """委员来信: the letters the person's proposals became (转委员来信), newest first."""
    return selectors.list_my_letters(user=request.user)


@router.get("/letters/{letter_id}", response={200: LetterOut, **ERRORS})
def letter_detail(request: HttpRequest, letter_id: int):
    """One letter: where the office forwarded it, and its answer once answered."""
    return selectors.get_readable_letter(user=request.user, pk=letter_id)


@router.post("", response={201: RecordOut, **ERRORS})
def create_draft(request: HttpRequest, payload: DraftIn):
    committee = services.committee_for_new_draft(request.user)
    data, _form = _draft_data(payload, committee)
    proposal = services.create_draft(author=request.user, committee=committee, **data)
    return Status(201, _record(request, proposal.pk))


@router.get("/{proposal_id}", response={200: RecordOut, **ERRORS})
def proposal_record(request: HttpRequest, proposal_id: int):
    """The record: the proposal, its published replies, and for the office its history."""
    return _record(request, proposal_id)


@router.put("/{proposal_id}", response={200: RecordOut, **ERRORS})
def save_draft(request: HttpRequest, proposal_id: int, payload: DraftIn):
    """Saves the draft (or a returned proposal) as a whole."""
    proposal = reading.get_readable_proposal(user=request.user, pk=proposal_id)
    data, _form = _draft_data(payload, proposal.committee)
    services.save_draft(proposal=proposal, author=request.user, **data)
    return _record(request, proposal_id)


@router.post("/{proposal_id}/submit", response={200: RecordOut, **ERRORS})
def submit(request: HttpRequest, proposal_id: int, payload: SubmitIn):
    """Submits the draft; a joint proposal goes to its co-signers first."""
    proposal = reading.get_readable_proposal(user=request.user, pk=proposal_id)
    form = ProposalForm(
        {"cosigners": payload.cosigners, "proposer_kind": proposal.proposer_kind},
        committee=proposal.committee,
    )
    form.is_valid()
    if "cosigners" in form.errors:
        raise ValidationError({"cosigners": form.errors["cosigners"]})
    cosigners = list(form.cleaned_data.get("cosigners") or [])
    services.submit_proposal(proposal=proposal, actor=request.user, cosigners=cosigners)
    return _record(request, proposal_id)


@router.post("/{proposal_id}/rate", response={200: FeedbackOut, **ERRORS})
def rate(request: HttpRequest, proposal_id: int, payload: RateIn):
    """A proposer rates the handling of this round (不满意 needs a comment, opens a redo)."""
    proposal = reading.get_readable_proposal(user=request.user, pk=proposal_id)
    data = _cleaned(RateForm(payload.dict()))
    return services.rate_reply(proposal=proposal, actor=request.user, **data)


@router.post("/{proposal_id}/reply", response={200: ReplyDraftOut, **ERRORS})
def reply(request: HttpRequest, proposal_id: int, payload: ProposalReplyIn):
    """The unit's reply of this round: saved as a draft, and sent on with `send`."""
    proposal = reading.get_readable_proposal(user=request.user, pk=proposal_id)
    data = dict(_cleaned(ReplyForm(payload.dict(), committee=proposal.committee)))
    send = data.pop("send")
    saved = services.draft_reply(proposal=proposal, actor=request.user, **data)
    if send:
        saved = services.send_reply(reply=saved, actor=request.user)
    return saved


def _record(request: HttpRequest, proposal_id: int) -> RecordOut:
    return RecordOut.from_orm(reading.get_proposal_record(user=request.user, pk=proposal_id))
