"""Creating activities, their notice and cancellation (the steps are in workflow.py)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import Committee, SpecialCommittee, Term, User
from zhengxie.core.selectors import upper_committee_ids
from zhengxie.core.services.notifications import notify

from ..models import Activity, ActivityKind, PlanTopic, TopicStatus
from ..models.activities import TAKE_PART
from ..notifications import CANCELLED, INVITATION
from ..permissions import check_manage_activity_permission
from ..search_index import index_activity
from ..steps import states_allowing, take


def _term_for(committee: Committee, day: dt.date) -> Term | None:
    return (
        Term.objects.filter(committee=committee, start_year__lte=day.year, end_year__gte=day.year)
        .order_by("-number")
        .first()
    )


def _check_upper_partner(committee: Committee, partner: Committee | None) -> None:
    """A joint activity's partner is one of the committee's ancestors on the platform."""
    if partner is not None and partner.pk not in upper_committee_ids(committee):
        raise ValidationError({"upper_partner": _("联合开展的只能是本级政协的上级政协。")})


def _check_activity_fields(
    *,
    committee: Committee,
    kind: ActivityKind,
    starts_at,
    ends_at,
    topic: PlanTopic | None,
    upper_partner: Committee | None = None,
) -> None:
    if kind.committee_id != committee.pk:
        raise ValidationError({"kind": _("活动类型不属于本级政协。")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("结束时间必须晚于开始时间。")})
    _check_topic(committee, topic)
    _check_upper_partner(committee, upper_partner)


def _check_topic(committee: Committee, topic: PlanTopic | None) -> None:
    """An activity takes up a topic of its own committee's plan or of a committee above."""
    if topic is not None and (
        topic.committee_id not in {committee.pk, *upper_committee_ids(committee)}
        or topic.status != TopicStatus.APPROVED
    ):
        raise ValidationError({"topic": _("只能关联本级或上级政协已列入年度协商计划的议题。")})


def create_activity(
    *,
    actor: User | None,
    committee: Committee,
    kind: ActivityKind,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    location: str = "",
    description: str = "",
    topic: PlanTopic | None = None,
    organizer: SpecialCommittee | None = None,
    upper_committee: str = "",
    upper_partner: Committee | None = None,
    office_own: bool = False,
) -> Activity:
    """Staff plan an activity; actor None is the demo loader. A joint activity with an upper
    committee on the platform names it as `upper_partner`: recorded here once, it shows in
    the partner's list as well. `office_own` marks the office's own activity for its cadres,
    counted apart in the figures."""
    if actor is not None:
        check_manage_activity_permission(actor, committee.pk)
    _check_activity_fields(
        committee=committee,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        topic=topic,
        upper_partner=upper_partner,
    )
    activity = Activity(
        committee=committee,
        kind=kind,
        term=_term_for(committee, timezone.localdate(starts_at)),
        topic=topic,
        organizer=organizer,
        title=title.strip(),
        description=description,
        location=location,
        starts_at=starts_at,
        ends_at=ends_at,
        upper_committee=upper_committee,
        upper_partner=upper_partner,
        office_own=office_own,
        created_by=actor,
    )
    activity._history_user = actor
    activity.save()
    index_activity(activity)
    return activity


def link_upper_partner(
    *, actor: User | None, activity: Activity, partner: Committee, reason: str = ""
) -> Activity:
    """Names an existing activity's upper partner on the platform."""
    return _link(actor, activity, "upper_partner", partner, _check_upper_partner, reason)


def link_topic(
    *, actor: User | None, activity: Activity, topic: PlanTopic, reason: str = ""
) -> Activity:
    """Takes an existing activity into a plan's topic (市县联动: a county's research counted
    toward the province's shared topic)."""
    return _link(actor, activity, "topic", topic, _check_topic, reason)


def _link(actor: User | None, activity: Activity, field: str, value, check, reason: str):
    """Sets one link of an existing activity, decided by the activity's own committee's
    office (actor None is the demo loader) and checked by `check` against that committee.
    Locks the activity row; the change is in its history."""
    if actor is not None:
        check_manage_activity_permission(actor, activity.committee_id)
    with transaction.atomic():
        locked = (
            Activity.objects.select_for_update().select_related("committee").get(pk=activity.pk)
        )
        check(locked.committee, value)
        setattr(locked, field, value)
        locked._history_user = actor
        locked._change_reason = reason
        locked.save(update_fields=[field])
    return locked


def takes_part(activity: Activity) -> bool:
    """Whether members may still sign up, ask for leave and sign in, and staff invite."""
    return activity.state in states_allowing("activity", TAKE_PART)


def activity_url(activity: Activity) -> str:
    return reverse("activities:detail", args=[activity.pk])


def _notice_body(activity: Activity) -> str:
    start = timezone.localtime(activity.starts_at)
    return _("时间：%(start)s；地点：%(place)s。请按时出席，如不能出席请在平台上请假。") % {
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "place": activity.location or _("另行通知"),
    }


def _invited_users(activity: Activity) -> list[User]:
    return list(User.objects.filter(member__invitation__activity=activity).distinct())


def stamp_notice_time(step) -> None:
    """A notified activity has its notice time: members invited later get the notice at once."""
    if step.record.notice_sent_at is None:
        step.touch(notice_sent_at=timezone.now())


def send_notice_to_invitees(step) -> None:
    activity = step.record
    notify(
        kind=INVITATION,
        recipients=_invited_users(activity),
        title=_("活动通知：%(title)s") % {"title": activity.title},
        body=_notice_body(activity),
        url=activity_url(activity),
    )


def tell_invitees_cancelled(step) -> None:
    activity = step.record
    notify(
        kind=CANCELLED,
        recipients=_invited_users(activity),
        title=_("活动取消：%(t)s") % {"t": activity.title},
        body=step.reason,
    )


def send_notice(*, actor: User | None, activity: Activity) -> Activity:
    """Send the notice to every invited member; actor None is the scheduled notice task."""
    return take(activity, "send_notice", actor)


def due_for_notice(*, today: dt.date):
    """Planned activities whose notice day (start minus the kind's notice days) has come."""
    planned = Activity.objects.filter(state="planned", starts_at__date__gte=today).select_related(
        "kind"
    )
    return [
        a
        for a in planned
        if timezone.localdate(a.starts_at) - dt.timedelta(days=a.kind.notice_days) <= today
    ]


def send_due_notices(*, today: dt.date) -> int:
    sent = 0
    for activity in due_for_notice(today=today):
        send_notice(actor=None, activity=activity)
        sent += 1
    return sent
