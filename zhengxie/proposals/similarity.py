"""Proposals in the search app's engines: full-text search for the register's search box,
the five most similar proposals (with score and outcome) for the writing and review pages,
and likely duplicate pairs within a plenary."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from zhengxie.core.models import Committee, Plenary, User
from zhengxie.core.workflow import Step
from zhengxie.search.selectors import search_object_ids
from zhengxie.search.services import IndexEntry, index_documents, remove_document
from zhengxie.search.similar.queries import duplicate_pairs, similar_documents

from .models import Proposal, ProposalState, Reply, ReplyState
from .permissions import filter_visible_proposals
from .workflow import REGISTERED_STATES

KIND = "proposal"
REPLY_KIND = "reply"
SEARCH_LIMIT = 5000  # the register filters by at most this many best hits


def is_indexed(proposal: Proposal) -> bool:
    """Every proposal past its draft is compared with new ones, whatever its outcome."""
    return not proposal.is_deleted and proposal.state != ProposalState.DRAFT


def entry_of(proposal: Proposal) -> IndexEntry:
    return IndexEntry(
        obj=proposal,
        committee_id=proposal.committee_id,
        kind=KIND,
        title=proposal.title,
        body=proposal.full_text,
        # Public pages show registered proposals whose proposers consented.
        is_public=proposal.state in REGISTERED_STATES and proposal.publish_consent,
        dated=proposal.submitted_at or proposal.created_at,
    )


def index_proposal(*, proposal: Proposal) -> None:
    """Call after submit, register, publish or edit: (re)indexes or drops the proposal."""
    if is_indexed(proposal):
        index_documents([entry_of(proposal)])
    else:
        remove_document(obj=proposal)


def reply_entry(reply: Reply) -> IndexEntry:
    return IndexEntry(
        obj=reply,
        committee_id=reply.committee_id,
        kind=REPLY_KIND,
        title=f"{reply.proposal.title}（{reply.unit.name}答复）",
        body=reply.text,
        dated=reply.sent_at,
    )


def index_reply(step) -> None:
    """After the office approves a reply (it is sent): in the step's transaction."""
    reply = Reply.objects.select_related("proposal", "unit").get(pk=step.record.pk)
    index_documents([reply_entry(reply)])


def reindex_proposal(step: Step) -> None:
    """On entering any state, in the step's transaction: a rolled-back step leaves the index as
    it was; drafts leave it, submissions enter it, registration makes it public."""
    index_proposal(proposal=step.record)


def index_proposals(proposals: Iterable[Proposal]) -> int:
    """The bulk path (imports, reindex)."""
    return index_documents(entry_of(p) for p in proposals if is_indexed(p))


def all_entries():
    """Every indexable proposal, for `manage.py reindex_search`."""
    queryset = Proposal.objects.filter(is_deleted=False).exclude(state=ProposalState.DRAFT)
    return (entry_of(p) for p in queryset.order_by("id").iterator(chunk_size=2000))


def search_proposals(queryset: QuerySet, text: str) -> QuerySet:
    """The register's search box over the Chinese full-text index: the queryset (already
    filtered to what the person may read) narrowed to the proposals matching every term."""
    if not text.strip():
        return queryset
    ids = search_object_ids(query=text, kinds=[KIND], limit=SEARCH_LIMIT)
    return queryset.filter(pk__in=ids)


@dataclass(frozen=True)
class SimilarProposal:
    proposal: Proposal
    score: float

    @property
    def outcome(self) -> str:
        """The state, with the reply's class once answered (e.g. 已答复（A）)."""
        label = self.proposal.get_state_display()
        classes = [r.result_class for r in self.proposal.replies.all() if r.result_class]
        return f"{label}（{'、'.join(dict.fromkeys(classes))}）" if classes else label


def _with_outcomes(ids: list[int], reader: User | None) -> dict[int, Proposal]:
    sent = Reply.objects.filter(state=ReplyState.SENT).order_by("round", "id")
    proposals = Proposal.objects.all()
    if reader is not None:
        proposals = filter_visible_proposals(reader, proposals)
    return (
        proposals.select_related("plenary")
        .prefetch_related(Prefetch("replies", queryset=sent))
        .in_bulk(ids)
    )


def similar_proposals(
    *,
    committee: Committee | int,
    text: str,
    reader: User | None,
    top: int = 5,
    exclude: Iterable[int] = (),
) -> list[SimilarProposal]:
    """The `top` proposals of the committee (all plenaries) most similar to the text, best
    first, in three queries. Only those the reader may open are listed: a title is already
    a disclosure (`reader` None is the command line, which sees all)."""
    committee_id = getattr(committee, "pk", committee)
    hits = similar_documents(
        text=text, kind=KIND, committee_ids=[committee_id], top=top, exclude_object_ids=exclude
    )
    proposals = _with_outcomes([hit.object_id for hit in hits], reader)
    return [
        SimilarProposal(proposals[hit.object_id], hit.score)
        for hit in hits
        if hit.object_id in proposals and not proposals[hit.object_id].is_deleted
    ]


def similar_to(proposal: Proposal, *, reader: User, top: int = 5) -> list[SimilarProposal]:
    """For a proposal's page: the most similar other proposals the reader may open."""
    text = f"{proposal.title}\n{proposal.full_text}"
    return similar_proposals(
        committee=proposal.committee_id, text=text, reader=reader, top=top, exclude=[proposal.pk]
    )


@dataclass(frozen=True)
class ProposalPair:
    first: Proposal
    second: Proposal
    overlap: float
    score: float


def likely_duplicates(*, plenary: Plenary) -> list[ProposalPair]:
    """Pairs within a plenary that are probably the same proposal, most alike first."""
    ids = list(
        Proposal.objects.filter(plenary=plenary, is_deleted=False)
        .exclude(state=ProposalState.DRAFT)
        .values_list("pk", flat=True)
    )
    pairs = duplicate_pairs(kind=KIND, object_ids=ids)
    proposals = Proposal.objects.in_bulk([i for p in pairs for i in (p.first_id, p.second_id)])
    return [
        ProposalPair(proposals[p.first_id], proposals[p.second_id], p.overlap, p.score)
        for p in pairs
    ]


def current_duplicates(*, committee: Committee, on) -> tuple[Plenary | None, list[ProposalPair]]:
    """The likely duplicate pairs of the committee's current plenary (疑似重复提案)."""
    from .services.submission import current_plenary

    plenary = current_plenary(committee, on)
    return plenary, (likely_duplicates(plenary=plenary) if plenary else [])
