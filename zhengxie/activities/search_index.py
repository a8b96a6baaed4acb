"""Activities and outcomes in the shared Chinese full-text index (read by
`manage.py reindex_search`), and who opens them: an activity by filter_visible_activities,
an outcome by whoever reads its committee's internal records (the outcome page's rule)."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.permissions import readable_committee_ids
from zhengxie.search.services import IndexEntry, index_documents
from zhengxie.search.sources import SearchKind, SearchSource, url_by_pk

from .models import Activity, Outcome
from .permissions import filter_visible_activities

ACTIVITY_KIND = "activity"
OUTCOME_KIND = "outcome"


def activity_entry(activity: Activity) -> IndexEntry:
    return IndexEntry(
        obj=activity,
        committee_id=activity.committee_id,
        kind=ACTIVITY_KIND,
        title=activity.title,
        body=activity.description,
        dated=activity.starts_at,
    )


def outcome_entry(outcome: Outcome) -> IndexEntry:
    return IndexEntry(
        obj=outcome,
        committee_id=outcome.committee_id,
        kind=OUTCOME_KIND,
        title=outcome.title,
        body=outcome.body,
        dated=outcome.submitted_on,
    )


def index_activity(activity: Activity) -> None:
    """After an activity is created; who reads it is decided live, so steps leave it be."""
    index_documents([activity_entry(activity)])


def index_outcome(outcome: Outcome) -> None:
    index_documents([outcome_entry(outcome)])


def visible_activities(user):
    if not getattr(user, "is_authenticated", False):
        return Activity.objects.none()
    return filter_visible_activities(user, Activity.objects.all())


def visible_outcomes(user):
    return Outcome.objects.filter(committee_id__in=readable_committee_ids(user), is_deleted=False)


def _activities():
    return (activity_entry(a) for a in Activity.objects.order_by("id").iterator(chunk_size=2000))


def _outcomes():
    outcomes = Outcome.objects.filter(is_deleted=False).order_by("id")
    return (outcome_entry(o) for o in outcomes.iterator(chunk_size=2000))


SEARCH_SOURCES = [
    SearchSource(ACTIVITY_KIND, _activities),
    SearchSource(OUTCOME_KIND, _outcomes),
]
SEARCH_KINDS = [
    SearchKind(ACTIVITY_KIND, _("履职活动"), visible_activities, url_by_pk("activities:detail")),
    SearchKind(OUTCOME_KIND, _("履职成果"), visible_outcomes, url_by_pk("activities:outcome")),
]
