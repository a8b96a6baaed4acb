"""Grassroots cases and consultation sessions in the shared Chinese full-text index (read by
`manage.py reindex_search`), and who opens them: a case by filter_visible_cases, a session by
its committee's people, its venue's convenor and the residents whose cases it discussed (the
session page's rule)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhengxie.core.permissions import office_committee_ids, readable_committee_ids
from zhengxie.search.services import IndexEntry, index_documents
from zhengxie.search.sources import SearchKind, SearchSource, url_by_pk

from .models import Case, ConsultationSession
from .permissions import filter_visible_cases

CASE_KIND = "case"
SESSION_KIND = "session"


def case_entry(case: Case) -> IndexEntry:
    return IndexEntry(
        obj=case,
        committee_id=case.committee_id,
        kind=CASE_KIND,
        title=case.title,
        body="\n".join(text for text in (case.description, case.place, case.category) if text),
        dated=case.raised_on,
    )


def session_entry(session: ConsultationSession) -> IndexEntry:
    parts = (session.briefing, session.questions, session.answers, session.speeches)
    return IndexEntry(
        obj=session,
        committee_id=session.committee_id,
        kind=SESSION_KIND,
        title=session.title,
        body="\n".join(text for text in (*parts, session.consensus) if text),
        dated=session.held_on,
    )


def index_case(case: Case) -> None:
    """After a case is raised; who reads it is decided live, so its steps leave it be."""
    index_documents([case_entry(case)])


def index_session(session: ConsultationSession) -> None:
    index_documents([session_entry(session)])


def visible_sessions(user):
    if not getattr(user, "is_authenticated", False):
        return ConsultationSession.objects.none()
    readers = Q(committee_id__in=readable_committee_ids(user))
    managers = Q(venue__convenor=user) | Q(committee_id__in=office_committee_ids(user))
    reporters = Q(pk__in=Case.objects.filter(reporter=user).values("sessions"))
    return ConsultationSession.objects.filter(readers | managers | reporters)


def _cases():
    return (case_entry(c) for c in Case.objects.order_by("id").iterator(chunk_size=2000))


def _sessions():
    sessions = ConsultationSession.objects.order_by("id")
    return (session_entry(s) for s in sessions.iterator(chunk_size=2000))


SEARCH_SOURCES = [SearchSource(CASE_KIND, _cases), SearchSource(SESSION_KIND, _sessions)]
SEARCH_KINDS = [
    SearchKind(
        CASE_KIND,
        _("基层协商议题"),
        lambda user: filter_visible_cases(user, Case.objects.all()),
        url_by_pk("grassroots:case_detail"),
    ),
    SearchKind(
        SESSION_KIND, _("协商会议"), visible_sessions, url_by_pk("grassroots:session_detail")
    ),
]
