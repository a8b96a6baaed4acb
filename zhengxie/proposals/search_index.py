"""What the proposals app puts in the search index (read by `manage.py reindex_search`), and
who opens it: the register's readers the proposal's page, everyone else the public page of a
published proposal; a sent reply for whoever reads its proposal's page."""

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.search.sources import SearchKind, SearchSource

from .models import Proposal, Reply, ReplyState
from .permissions import filter_visible_proposals
from .similarity import KIND, REPLY_KIND, all_entries, reply_entry
from .workflow import REGISTERED_STATES


def _published() -> Q:
    return Q(state__in=REGISTERED_STATES, publish_consent=True, is_deleted=False)


def visible_proposals(user):
    """The register's proposals and every published one, as alternatives of one condition:
    the search over everything checks a hit against it by the proposal's key, where a
    `pk IN (the register)` would read the whole register first."""
    return filter_visible_proposals(user, Proposal.objects.all()) | Proposal.objects.filter(
        _published()
    )


def proposal_urls(user, ids: list[int]) -> dict[int, str]:
    readable = set(
        filter_visible_proposals(user, Proposal.objects.filter(pk__in=ids)).values_list(
            "pk", flat=True
        )
    )
    return {
        pk: reverse("proposals:detail" if pk in readable else "proposals:public_detail", args=[pk])
        for pk in ids
    }


def visible_replies(user):
    """Sent replies to a proposal the person reads in the register, checked per reply."""
    readable = filter_visible_proposals(user, Proposal.objects.filter(pk=OuterRef("proposal_id")))
    return Reply.objects.filter(Exists(readable), state=ReplyState.SENT)


def reply_urls(user, ids: list[int]) -> dict[int, str]:
    rows = Reply.objects.filter(pk__in=ids).values_list("pk", "proposal_id")
    return {pk: reverse("proposals:detail", args=[proposal_id]) for pk, proposal_id in rows}


def _reply_entries():
    replies = Reply.objects.filter(state=ReplyState.SENT).select_related("proposal", "unit")
    return (reply_entry(r) for r in replies.order_by("id").iterator(chunk_size=2000))


SEARCH_SOURCES = [SearchSource(KIND, all_entries), SearchSource(REPLY_KIND, _reply_entries)]
SEARCH_KINDS = [
    SearchKind(KIND, _("提案"), visible_proposals, proposal_urls),
    SearchKind(REPLY_KIND, _("提案答复"), visible_replies, reply_urls),
]
