import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from zhengxie.activities import selectors
from zhengxie.activities.factories import kind, make_activity, make_invited_member
from zhengxie.activities.models import ActivityKind
from zhengxie.activities.services import essays, plans, reading
from zhengxie.activities.services.activities import create_activity, send_due_notices
from zhengxie.activities.services.kinds import DEFAULT_KINDS, seed_default_kinds
from zhengxie.core.factories import make_member
from zhengxie.core.models import Notification, Role
from zhengxie.duty.models import DutyKind, DutyRecord


def test_default_kinds_follow_the_notice_rule_and_are_seeded_once(city):
    assert seed_default_kinds(committee=city) == len(DEFAULT_KINDS)
    assert seed_default_kinds(committee=city) == 0

    plenary = ActivityKind.objects.get(committee=city, code="plenary")
    thematic = ActivityKind.objects.get(committee=city, code="thematic")
    assert (plenary.notice_days, plenary.leave_approver, plenary.absence_rule) == (
        7,
        "chair",
        "plenary",
    )
    assert (thematic.notice_days, thematic.leave_approver) == (3, "office")
    assert ActivityKind.objects.get(committee=city, code="joint").joint_with_upper


def test_plan_shows_held_and_pending_topics(city, staff):
    plan = plans.open_plan(actor=staff, committee=city, year=2022)
    held_topic = plans.collect_topic(
        actor=staff, plan=plan, title="危困企业重组盘活", kind=kind(committee=city, code="standing")
    )
    pending = plans.collect_topic(
        actor=staff, plan=plan, title="停车难", kind=kind(committee=city, code="thematic")
    )
    plans.decide_topic(actor=staff, topic=held_topic, approve=True)
    plans.decide_topic(actor=staff, topic=pending, approve=True)
    activity = make_activity(committee=city, state="held")
    activity.topic = held_topic
    activity.save()

    overview = {row["topic"].title: row["held"] for row in selectors.plan_overview(plan=plan)}

    assert overview == {"危困企业重组盘活": True, "停车难": False}


def test_only_approved_topics_can_carry_an_activity(city, staff):
    plan = plans.open_plan(actor=staff, committee=city, year=2022)
    topic = plans.collect_topic(actor=staff, plan=plan, title="议题", kind=kind(committee=city))
    start = timezone.now()

    with pytest.raises(ValidationError) as error:
        create_activity(
            actor=staff,
            committee=city,
            kind=kind(committee=city),
            title="协商会",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            topic=topic,
        )
    assert "topic" in error.value.message_dict


def test_member_cannot_collect_topics(city, make_user):
    plan = plans.open_plan(actor=None, committee=city, year=2022)
    with pytest.raises(PermissionDenied):
        plans.collect_topic(
            actor=make_user(Role.MEMBER, city), plan=plan, title="x", kind=kind(committee=city)
        )


def test_notice_goes_out_the_kinds_notice_days_ahead(city):
    today = timezone.localdate()
    noon = timezone.make_aware(dt.datetime(today.year, today.month, today.day, 12))
    plenary = make_activity(committee=city, code="plenary", starts_at=noon + dt.timedelta(days=7))
    thematic_soon = make_activity(
        committee=city, code="thematic", starts_at=noon + dt.timedelta(days=3)
    )
    thematic_later = make_activity(
        committee=city, code="thematic", starts_at=noon + dt.timedelta(days=4)
    )
    member = make_invited_member(activity=plenary)

    assert send_due_notices(today=today) == 2

    for activity, state in (
        (plenary, "notified"),
        (thematic_soon, "notified"),
        (thematic_later, "planned"),
    ):
        activity.refresh_from_db()
        assert activity.state == state
    assert Notification.objects.filter(recipient=member.user, title__contains="活动通知").exists()


def test_notice_command_uses_the_given_date(city, capsys):
    day = timezone.make_aware(dt.datetime(2030, 3, 10, 9))
    activity = make_activity(committee=city, code="thematic", starts_at=day)

    call_command("send_activity_notices", "--date", "2030-03-06")
    activity.refresh_from_db()
    assert activity.state == "planned"
    call_command("send_activity_notices", "--date", "2030-03-07")
    activity.refresh_from_db()
    assert activity.state == "notified"


def test_essay_call_from_submission_to_results(city, staff, make_user):
    reviewer = make_user(Role.LEADER, city)
    call = essays.open_call(
        actor=staff,
        committee=city,
        title="理论征文",
        theme="主题",
        deadline=dt.date(2022, 9, 30),
        reviewers=[reviewer],
    )
    authors = [make_member(committee=city, with_account=True) for _ in range(3)]
    written = [
        essays.submit_essay(
            user=m.user, call=call, title=f"文{i}", body="正文", today=dt.date(2022, 9, 1)
        )
        for i, m in enumerate(authors)
    ]
    with pytest.raises(ValidationError, match="截止"):
        essays.submit_essay(
            user=authors[0].user, call=call, title="迟到", body="正文", today=dt.date(2022, 10, 1)
        )
    with pytest.raises(ValidationError):
        essays.score_essay(reviewer=reviewer, essay=written[0], score=90)
    essays.close_submissions(actor=staff, call=call)
    with pytest.raises(PermissionDenied):
        essays.score_essay(reviewer=staff, essay=written[0], score=90)
    for essay, score in zip(written, (95, 80, 70), strict=True):
        essays.score_essay(reviewer=reviewer, essay=essay, score=score)

    essays.publish_results(actor=staff, call=call)

    for essay in written:
        essay.refresh_from_db()
    assert [e.award for e in written] == ["一等奖", "二等奖", "三等奖"]
    assert written[0].average_score == 95
    assert DutyRecord.objects.filter(kind=DutyKind.ESSAY).count() == 3


def test_reading_session_credits_attendees_and_members_write_notes(city, staff):
    members = [make_member(committee=city, with_account=True) for _ in range(3)]
    group = reading.create_group(
        actor=staff,
        committee=city,
        name="读书群",
        members=members[:2],
        books=[("乡土中国", "费孝通")],
    )
    session = reading.record_session(
        actor=staff,
        group=group,
        topic="交流",
        held_on=dt.date(2022, 4, 1),
        attendee_ids=[members[0].pk],
        book=group.books.get(),
    )

    reading.add_note(user=members[0].user, session=session, text="很有收获")

    assert DutyRecord.objects.get(kind=DutyKind.READING).member == members[0]
    assert session.notes.get().text == "很有收获"
    with pytest.raises(PermissionDenied):
        reading.add_note(user=members[2].user, session=session, text="我不是成员")
    with pytest.raises(ValidationError):
        reading.record_session(
            actor=staff,
            group=group,
            topic="x",
            held_on=dt.date(2022, 5, 1),
            attendee_ids=[members[2].pk],
        )
