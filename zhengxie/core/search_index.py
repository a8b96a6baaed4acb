"""Members (委员) in the shared Chinese full-text index (read by `manage.py reindex_search`):
name, sector, town, work title and special committee, found by their committee's office staff
only; nobody else searches the roster (phone numbers are never indexed)."""

from django.utils.translation import gettext_lazy as _

from zhengxie.search.services import IndexEntry, index_documents
from zhengxie.search.sources import SearchKind, SearchSource, url_by_pk

from .models import Member
from .permissions import office_committee_ids

KIND = "member"


def member_entry(member: Member) -> IndexEntry:
    related = (member.sector, member.town, member.special_committee)
    return IndexEntry(
        obj=member,
        committee_id=member.committee_id,
        kind=KIND,
        title=member.name,
        body="\n".join(
            [*(str(record) for record in related if record), member.work_title, member.party]
        ),
    )


def index_members(members) -> None:
    """After a member is added, edited or imported: `members` with their sector, town and
    special committee loaded."""
    index_documents(member_entry(member) for member in members)


def _members():
    members = Member.objects.select_related("sector", "town", "special_committee")
    return (member_entry(m) for m in members.order_by("id").iterator(chunk_size=2000))


def visible_members(user):
    return Member.objects.filter(committee_id__in=office_committee_ids(user))


SEARCH_SOURCES = [SearchSource(KIND, _members)]
SEARCH_KINDS = [SearchKind(KIND, _("委员"), visible_members, url_by_pk("core:member_detail"))]
