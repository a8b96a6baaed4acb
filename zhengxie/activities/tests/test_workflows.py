"""The activities' state machines on the workflow engine: each is registered with an override,
every step (the essay awards too) keeps history, the office's override runs the entry effects,
and the record pages' buttons are the engine's."""

import datetime as dt

import pytest
from django.urls import reverse

from zhengxie.activities.factories import kind, make_activity, make_invited_member
from zhengxie.activities.models import Attendance, AttendanceStatus, Essay, LeaveRequest
from zhengxie.activities.services import essays, plans
from zhengxie.activities.services.attendance import cancel_attendance, mark_held
from zhengxie.activities.services.invitations import decide_leave, request_leave
from zhengxie.activities.services.outcomes import record_adoption, record_outcome
from zhengxie.core.factories import make_member
from zhengxie.core.models import LeaderKind, Role
from zhengxie.core.workflow import override, workflows_of_app
from zhengxie.core.workflow.describe import describe
from zhengxie.duty.models import DutyKind, DutyRecord

WORKFLOWS = {"activity", "leave", "outcome", "essay_call", "essay", "plan_topic"}


def _act(name: str, record, step: str) -> str:
    return reverse("core:workflow_act", args=[name, record.pk, step])


def _reason(record) -> str:
    return record.history.first().history_change_reason


@pytest.fixture
def notified(city):
    return make_activity(committee=city, code="standing", state="notified")


@pytest.fixture
def call(city, staff):
    call = essays.open_call(
        actor=staff,
        committee=city,
        title="理论征文",
        theme="",
        deadline=dt.date(2030, 1, 1),
        reviewers=[staff],
    )
    for n, score in enumerate((95, 80)):
        essay = essays.record_essay(
            actor=staff, call=call, member=make_member(committee=city), title=f"文{n}", body="b"
        )
        essay.scores.create(reviewer=staff, score=score)
    essays.close_submissions(actor=staff, call=call)
    return call


def _outcome(staff, activity, author):
    return record_outcome(
        actor=staff,
        committee=activity.committee,
        activity=activity,
        kind="recommendation",
        title="建议案",
        body="正文",
        submitted_to="both",
        submitted_on=dt.date(2022, 5, 6),
        authors=[author],
    )


def test_every_activities_workflow_is_registered_with_the_office_override():
    registered = {w.name: w for w in workflows_of_app("activities")}
    assert set(registered) >= WORKFLOWS
    for name in WORKFLOWS:
        assert describe(registered[name])["transitions"][-1]["name"] == "override"
        assert registered[name].override_by.code == "office"


def test_each_essay_award_is_a_step_with_history(call, staff):
    # when the results are published
    essays.publish_results(actor=staff, call=call)
    # then each essay was awarded on its own, by the staff member, with history
    for essay in Essay.objects.filter(call=call):
        assert essay.state == "awarded" and essay.award
        latest = essay.history.first()
        assert (latest.history_user, latest.history_change_reason) == (staff, "评定奖项")
    assert _reason(call) == "公布结果"


def test_publishing_again_changes_no_award(call, staff):
    essays.publish_results(actor=staff, call=call)
    rows = Essay.history.count()
    # when the office moves the call back and publishes it again
    override(call, target="reviewing", actor=staff, reason="补录评分")
    override(call, target="published", actor=staff, reason="重新公布")
    # then nothing was awarded twice
    assert Essay.history.count() == rows


def test_the_office_override_to_published_grades_the_essays(call, staff):
    override(call, target="published", actor=staff, reason="线下已评审")
    awards = list(Essay.objects.filter(call=call).order_by("-average_score"))
    assert [(e.state, e.award, e.average_score) for e in awards] == [
        ("awarded", "一等奖", 95),
        ("awarded", "二等奖", 80),
    ]


def test_an_essay_overridden_back_to_submitted_shows_no_award(call, staff):
    essays.publish_results(actor=staff, call=call)
    essay = Essay.objects.filter(call=call).first()
    override(essay, target="submitted", actor=staff, reason="评审有误")
    essay.refresh_from_db()
    assert (essay.award, essay.average_score) == ("", None)


def test_holding_writes_history_for_the_activity_and_every_settled_row(notified, staff):
    member = make_invited_member(activity=notified)
    mark_held(actor=staff, activity=notified)
    row = Attendance.objects.get(activity=notified, member=member)
    assert (row.status, _reason(row)) == (AttendanceStatus.ABSENT, "结算考勤")
    assert row.history.first().history_user == staff
    assert _reason(notified) == "确认召开并结算考勤"


def test_the_office_override_to_held_settles_attendance(notified, staff):
    # given an activity that was held although nobody pressed the button
    member = make_invited_member(activity=notified)
    # when the office moves it there
    override(notified, target="held", actor=staff, reason="会议已于线下召开")
    # then attendance is settled and credited as on the normal path
    assert Attendance.objects.get(member=member).status == AttendanceStatus.ABSENT
    assert DutyRecord.objects.get(member=member).kind == DutyKind.ABSENCE
    assert _reason(notified) == "强制调整状态（已发通知 → 已召开）：会议已于线下召开"


def test_a_sign_in_struck_after_holding_stays_struck_when_an_outcome_follows(notified, staff):
    member = make_invited_member(activity=notified)
    mark_held(actor=staff, activity=notified)
    row = Attendance.objects.get(member=member)
    cancel_attendance(actor=staff, attendance=row)
    # when an outcome moves the activity into another held state
    _outcome(staff, notified, member)
    # then the struck row was not settled again
    row.refresh_from_db()
    assert row.status == AttendanceStatus.CANCELLED
    assert _reason(row) == "撤销签到"


def test_an_adoption_is_a_step_that_follows_the_activity_up(notified, staff):
    member = make_invited_member(activity=notified)
    mark_held(actor=staff, activity=notified)
    outcome = _outcome(staff, notified, member)
    record_adoption(actor=staff, outcome=outcome, adoption="partly", note="部分纳入计划")
    outcome.refresh_from_db()
    notified.refresh_from_db()
    assert (outcome.adoption, outcome.adoption_note) == ("partly", "部分纳入计划")
    assert _reason(outcome) == "记录为部分采纳：部分纳入计划"
    assert notified.state == "followed"


def test_the_office_override_of_an_outcome_follows_the_activity_up(notified, staff):
    member = make_invited_member(activity=notified)
    mark_held(actor=staff, activity=notified)
    outcome = _outcome(staff, notified, member)
    override(outcome, target="adopted", actor=staff, reason="电话反馈已采纳")
    notified.refresh_from_db()
    assert notified.state == "followed"


def test_a_leave_decision_keeps_who_and_the_note_in_history(city, staff):
    # given a thematic consultation, whose kind routes leave to the office
    thematic = make_activity(committee=city, state="notified")
    member = make_invited_member(activity=thematic)
    leave = request_leave(user=member.user, activity=thematic, reason="出差")
    decide_leave(actor=staff, leave=leave, approve=False, note="会议重要")
    leave.refresh_from_db()
    assert (leave.decided_by, leave.decision_note) == (staff, "会议重要")
    assert _reason(leave) == "不予批准：会议重要"
    # and asking again is a step of the member's
    request_leave(user=member.user, activity=thematic, reason="家中急事")
    leave.refresh_from_db()
    assert (leave.status, leave.reason) == ("pending", "家中急事")
    assert leave.history.first().history_user == member.user


def test_the_office_override_of_a_leave_stamps_the_decision(notified, staff):
    member = make_invited_member(activity=notified)
    leave = request_leave(user=member.user, activity=notified, reason="出差")
    override(leave, target="approved", actor=staff, reason="主席电话同意")
    leave.refresh_from_db()
    assert (leave.decided_by, leave.decision_note) == (staff, "主席电话同意")
    assert leave.decided_at is not None


def test_a_topic_decision_is_a_step_with_history(city, staff):
    plan = plans.open_plan(actor=staff, committee=city, year=2022)
    topic = plans.collect_topic(actor=staff, plan=plan, title="停车难", kind=kind(committee=city))
    plans.decide_topic(actor=staff, topic=topic, approve=True)
    topic.refresh_from_db()
    assert (topic.status, topic.decided_by, _reason(topic)) == ("approved", staff, "列入计划")


def test_activity_page_buttons_come_from_the_engine_per_role(client, notified, staff):
    member = make_invited_member(activity=notified)
    client.force_login(staff)
    page = client.get(reverse("activities:detail", args=[notified.pk])).content.decode()
    for step in ("mark_held", "cancel", "override"):
        assert _act("activity", notified, step) in page
    client.force_login(member.user)
    page = client.get(reverse("activities:detail", args=[notified.pk])).content.decode()
    assert "/workflow/activity/" not in page


def test_a_held_activity_offers_the_outcome_page(client, notified, staff):
    make_invited_member(activity=notified)
    mark_held(actor=staff, activity=notified)
    client.force_login(staff)
    page = client.get(reverse("activities:detail", args=[notified.pk])).content.decode()
    assert reverse("activities:outcome_create", args=[notified.pk]) in page
    assert _act("activity", notified, "mark_held") not in page


def test_the_act_page_holds_the_activity(client, notified, staff):
    member = make_invited_member(activity=notified)
    client.force_login(staff)
    response = client.post(_act("activity", notified, "mark_held"), {"seen_state": "notified"})
    assert response["Location"] == reverse("activities:detail", args=[notified.pk])
    notified.refresh_from_db()
    assert notified.state == "held"
    assert Attendance.objects.get(member=member).status == AttendanceStatus.ABSENT


def test_the_leave_approver_decides_from_the_page_and_others_get_no_button(
    client, city, staff, make_user
):
    chair = make_user(Role.LEADER, city, leader_kind=LeaderKind.CHAIR_MEMBER)
    plenary = make_activity(committee=city, code="plenary", state="notified")
    member = make_invited_member(activity=plenary)
    leave = request_leave(user=member.user, activity=plenary, reason="住院")
    approve = _act("leave", leave, "approve")
    client.force_login(staff)
    assert approve not in client.get(reverse("activities:leaves")).content.decode()
    client.force_login(chair)
    assert approve in client.get(reverse("activities:detail", args=[plenary.pk])).content.decode()
    client.post(approve, {"seen_state": "pending", "reason": "同意"})
    leave = LeaveRequest.objects.get()
    assert (leave.status, leave.decided_by, leave.decision_note) == ("approved", chair, "同意")


def test_outcome_and_essay_call_pages_show_their_steps_to_the_office(
    client, notified, staff, call, make_user
):
    member = make_invited_member(activity=notified)
    mark_held(actor=staff, activity=notified)
    outcome = _outcome(staff, notified, member)
    client.force_login(staff)
    page = client.get(reverse("activities:outcome", args=[outcome.pk])).content.decode()
    assert all(_act("outcome", outcome, step) in page for step in ("adopt", "override"))
    page = client.get(reverse("activities:essay_call", args=[call.pk])).content.decode()
    assert _act("essay_call", call, "publish_results") in page
    client.force_login(make_user(Role.LEADER, notified.committee))
    page = client.get(reverse("activities:outcome", args=[outcome.pk])).content.decode()
    assert "/workflow/outcome/" not in page


def test_the_follow_up_page_leads_to_the_latest_outcome(client, notified, staff):
    member = make_invited_member(activity=notified)
    mark_held(actor=staff, activity=notified)
    outcome = _outcome(staff, notified, member)
    client.force_login(staff)
    response = client.get(reverse("activities:follow_up", args=[notified.pk]))
    assert response["Location"] == reverse("activities:outcome", args=[outcome.pk])


def test_the_staff_menu_leads_to_the_guide(client, staff):
    client.force_login(staff)
    home = client.get(reverse("activities:list")).content.decode()
    assert reverse("activities:workflows") in home
    guide = client.get(reverse("activities:workflows"), follow=True)
    assert guide.redirect_chain[-1][0] == reverse("core:workflow_guide", args=["activities"])
    text = guide.content.decode()
    assert all(f'id="{name}"' in text for name in WORKFLOWS)


def test_asking_again_on_the_act_page_is_refused_once_the_activity_is_held(client, city, staff):
    thematic = make_activity(committee=city, state="notified")
    member = make_invited_member(activity=thematic)
    leave = request_leave(user=member.user, activity=thematic, reason="出差")
    decide_leave(actor=staff, leave=leave, approve=False)
    mark_held(actor=staff, activity=thematic)
    client.force_login(member.user)
    client.post(_act("leave", leave, "ask_again"), {"seen_state": "declined", "reason": "补请"})
    leave.refresh_from_db()
    assert (leave.status, leave.reason) == ("declined", "出差")


def test_the_office_awards_an_essay_by_hand_on_the_act_page(client, call, staff):
    essay = Essay.objects.filter(call=call).first()
    client.force_login(staff)
    client.post(_act("essay", essay, "award"), {"seen_state": "submitted", "award": "特别奖"})
    essay.refresh_from_db()
    assert (essay.state, essay.award, _reason(essay)) == ("awarded", "特别奖", "评定奖项")
    assert essay.average_score is not None
