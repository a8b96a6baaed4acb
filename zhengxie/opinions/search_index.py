"""Opinion reports and bulletin issues in the shared Chinese full-text index (read by
`manage.py reindex_search`), and who opens them: a report by filter_visible_reports (its
authors, the office and leaders once submitted, the unit it was forwarded to), an issue by the
committee's office and leaders, as on the bulletin pages."""

from django.utils.translation import gettext_lazy as _

from zhengxie.search.services import IndexEntry, index_documents
from zhengxie.search.sources import SearchKind, SearchSource, url_by_pk

from .models import BulletinIssue, OpinionReport
from .permissions import filter_visible_reports, reader_committee_ids

REPORT_KIND = "opinion_report"
BULLETIN_KIND = "bulletin_issue"


def report_entry(report: OpinionReport) -> IndexEntry:
    return IndexEntry(
        obj=report,
        committee_id=report.committee_id,
        kind=REPORT_KIND,
        title=report.title,
        body="\n".join(text for text in (report.body, report.body_name) if text),
        dated=report.submitted_at or report.created_at,
    )


def bulletin_entry(issue: BulletinIssue) -> IndexEntry:
    return IndexEntry(
        obj=issue,
        committee_id=issue.committee_id,
        kind=BULLETIN_KIND,
        title=f"{issue.year}年第{issue.number}期 {issue.title}",
        body="\n".join(text for text in (issue.editor, issue.approver, issue.sent_to) if text),
        dated=issue.issued_on,
    )


def index_report(report: OpinionReport) -> None:
    """After a report is written or edited, in its transaction. Who reads it is decided live
    (filter_visible_reports), so its steps leave the document as it is."""
    index_documents([report_entry(report)])


def index_bulletin(issue: BulletinIssue) -> None:
    index_documents([bulletin_entry(issue)])


def _reports():
    reports = OpinionReport.objects.filter(is_deleted=False).order_by("id")
    return (report_entry(r) for r in reports.iterator(chunk_size=2000))


def _bulletins():
    return (bulletin_entry(i) for i in BulletinIssue.objects.order_by("id").iterator())


def visible_bulletins(user):
    return BulletinIssue.objects.filter(committee_id__in=reader_committee_ids(user))


SEARCH_SOURCES = [SearchSource(REPORT_KIND, _reports), SearchSource(BULLETIN_KIND, _bulletins)]
SEARCH_KINDS = [
    SearchKind(
        REPORT_KIND,
        _("社情民意信息"),
        lambda user: filter_visible_reports(user, OpinionReport.objects.all()),
        url_by_pk("opinions:detail"),
    ),
    SearchKind(BULLETIN_KIND, _("社情民意期刊"), visible_bulletins, url_by_pk("opinions:bulletin")),
]
