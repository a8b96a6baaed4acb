import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from zhengxie.core.models import Notification
from zhengxie.core.workflow import WorkflowError, override
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.grassroots.factories import make_action, make_case
from zhengxie.grassroots.models import (
    ActionState,
    Case,
    CaseEvent,
    CaseState,
    ParticipantKind,
    SessionParticipant,
)
from zhengxie.grassroots.services import actions
from zhengxie.grassroots.services.actions import agree_action, remind_due_actions, report_progress
from zhengxie.grassroots.services.cases import (
    accept_case,
    close_case,
    rate_case,
    refer_case,
    report_case,
)
from zhengxie.grassroots.services.sessions import Participant, hold_session

pytestmark = pytest.mark.django_db(transaction=True)


def _report(resident, town):
    return report_case(
        reporter=resident,
        address="10.0.0.1",
        town=town,
        category="livelihood",
        title="小区路灯不亮",
        description="晚上出行不便",
        place="幸福小区",
        phone="13900001111",
    )


def _held(convenor, venue, case, member):
    return hold_session(
        actor=convenor,
        venue=venue,
        title="路灯协商会",
        held_on=dt.date(2022, 4, 1),
        cases=[case],
        participants=[
            Participant(ParticipantKind.MEMBER, "", member.pk),
            Participant(ParticipantKind.RESIDENT_REP, "李大爷"),
        ],
        minutes={"briefing": "通报情况"},
        consensus="一周内修好",
    )


def test_a_resident_report_goes_from_raised_to_closed_with_timeline_credits_and_notices(
    resident, town, venue, convenor, member
):
    # given a resident's report
    case = _report(resident, town)
    assert Notification.objects.filter(recipient=convenor).exists()
    # when the convenor accepts it, holds a session, agrees an action, and the action is done
    accept_case(actor=convenor, case=case, venue=venue)
    session = _held(convenor, venue, case, member)
    action = agree_action(
        actor=convenor,
        case=case,
        description="更换路灯",
        responsible_name="社区",
        due_on=dt.date(2022, 4, 8),
        session=session,
    )
    report_progress(actor=convenor, action=action, note="已采购", done=False)
    report_progress(actor=convenor, action=action, note="已更换", done=True)
    case.refresh_from_db()
    assert case.state == CaseState.RESOLVED and case.resolved_on is not None
    rate_case(actor=resident, case=case, value="satisfied")
    close_case(actor=convenor, case=case)
    # then
    case.refresh_from_db()
    action.refresh_from_db()
    assert case.state == CaseState.CLOSED
    assert action.state == ActionState.DONE
    assert list(
        CaseEvent.objects.filter(case=case).order_by("id").values_list("to_state", flat=True)
    ) == [
        "raised",
        "accepted",
        "consulting",
        "acting",
        "acting",
        "resolved",
        "rated",
        "closed",
    ]
    kinds = set(DutyRecord.objects.filter(member=member).values_list("kind", flat=True))
    assert kinds == {DutyKind.SESSION, DutyKind.CASE_RESOLVED}
    assert Notification.objects.filter(recipient=resident, title__contains="请评价").exists()
    assert case.history.count() >= 5


def test_unsatisfied_rating_reopens_the_case_and_reverses_the_resolved_credit(
    resident, town, venue, convenor, member
):
    # given a resolved case
    case = _report(resident, town)
    accept_case(actor=convenor, case=case, venue=venue)
    _held(convenor, venue, case, member)
    action = agree_action(
        actor=convenor,
        case=case,
        description="修路灯",
        responsible_name="社区",
        due_on=dt.date(2022, 5, 1),
    )
    report_progress(actor=convenor, action=action, note="修好", done=True)
    # when the resident is not satisfied
    rate_case(actor=resident, case=case, value="unsatisfied", comment="还是不亮")
    # then it is back in consultation and the credit is reversed
    case.refresh_from_db()
    assert (
        case.state == CaseState.CONSULTING and case.reopen_count == 1 and case.resolved_on is None
    )
    net = sum(
        DutyRecord.objects.filter(member=member, kind=DutyKind.CASE_RESOLVED).values_list(
            "sign", flat=True
        )
    )
    assert net == 0


def _rerated(resident, convenor, venue, *, first_on: dt.date, again_on: dt.date):
    """A resolved case rated 不满意, resolved again and rated 基本满意."""
    case = make_case(venue=venue, state=CaseState.RESOLVED, reporter=resident, resolved_on=first_on)
    rate_case(actor=resident, case=case, value="unsatisfied", on=first_on)
    action = agree_action(
        actor=convenor, case=case, description="修路灯", responsible_name="社区", due_on=again_on
    )
    report_progress(actor=convenor, action=action, note="修好", done=True)
    rate_case(actor=resident, case=case, value="basic", on=again_on)
    case.refresh_from_db()
    return case


@pytest.mark.parametrize(
    ("again_on", "final"),
    [
        (dt.date(2022, 6, 5), ("basic", dt.date(2022, 6, 5))),
        # a rating typed in late with an earlier day is not the latest: the 不满意 stays final
        (dt.date(2022, 4, 20), ("unsatisfied", dt.date(2022, 5, 3))),
        # on the same day the later rating is the latest
        (dt.date(2022, 5, 3), ("basic", dt.date(2022, 5, 3))),
    ],
)
def test_a_case_keeps_its_latest_rating_as_its_final_one_after_rerating(
    resident, convenor, venue, again_on, final
):
    # given a case rated, reopened and rated again
    case = _rerated(resident, convenor, venue, first_on=dt.date(2022, 5, 3), again_on=again_on)
    # then its final rating is the latest by day, then by entry, as the figures count it
    latest = case.ratings.order_by("-rated_on", "-id").first()
    assert (case.final_rating, case.final_rated_on) == final
    assert (latest.value, latest.rated_on) == final
    assert case.history.first().final_rating == final[0]


def test_a_transition_the_table_does_not_allow_is_refused_and_changes_nothing(
    resident, town, venue, convenor
):
    # given an accepted case
    case = accept_case(actor=convenor, case=_report(resident, town), venue=venue)
    # when the convenor tries to close it before any rating
    with pytest.raises(WorkflowError):
        close_case(actor=convenor, case=case)
    # then
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED and case.closed_on is None


def test_referral_needs_a_reason_the_reporter_then_sees(resident, town, convenor):
    case = _report(resident, town)
    with pytest.raises(ValidationError):
        refer_case(actor=convenor, case=case, referred_to="12345热线", reason="  ")
    refer_case(actor=convenor, case=case, referred_to="12345热线", reason="属于供电企业职责")
    case.refresh_from_db()
    assert case.state == CaseState.REFERRED and case.referral_reason == "属于供电企业职责"
    assert Notification.objects.filter(recipient=resident, body="属于供电企业职责").exists()


def test_another_venues_convenor_cannot_accept_or_rate(resident, town, venue, county):
    from zhengxie.core.factories import make_town
    from zhengxie.grassroots.factories import make_convenor_venue

    other_convenor, _other = make_convenor_venue(
        committee=county, town=make_town(committee=county, name="厉山镇")
    )
    case = _report(resident, town)
    with pytest.raises(PermissionDenied):
        accept_case(actor=other_convenor, case=case, venue=venue)
    with pytest.raises(PermissionDenied):
        rate_case(actor=other_convenor, case=case, value="satisfied")


def test_a_sessions_participants_are_written_with_history(resident, town, venue, convenor, member):
    case = _report(resident, town)
    accept_case(actor=convenor, case=case, venue=venue)

    session = _held(convenor, venue, case, member)

    records = SessionParticipant.history.filter(session_id=session.pk)
    assert records.count() == 2
    assert {(r.history_user, r.history_change_reason) for r in records} == {
        (convenor, "登记协商活动参加人员")
    }


def test_both_workflows_are_registered_with_the_office_override(capsys):
    # when every workflow is listed
    call_command("workflows", "--json")
    listed = {w["name"]: w for w in json.loads(capsys.readouterr().out)}
    # then the case and the agreed action are there, each with its override
    for name, model in (("case", "grassroots.Case"), ("agreed_action", "grassroots.Action")):
        assert listed[name]["model"] == model
        override = listed[name]["transitions"][-1]
        assert (override["name"], override["who"]) == ("override", ["office"])
    # and the timeline row is what entering any case state sets off
    assert all("write_timeline" in t["effects"] for t in listed["case"]["transitions"])


def test_finishing_the_last_action_is_the_actions_step_and_resolves_the_case_as_the_system(
    venue, convenor
):
    # given an acting case with one open action
    case = make_case(venue=venue, state=CaseState.ACTING)
    action = make_action(case=case, due_on=dt.date(2022, 5, 1))
    # when the convenor reports it done
    report_progress(actor=convenor, action=action, note="已修好", done=True)
    # then the action's step and the case's resolution each wrote history
    action.refresh_from_db()
    done = action.history.first()
    assert (action.state, done.history_change_reason, done.history_user) == (
        ActionState.DONE,
        "完成",
        convenor,
    )
    resolved = Case.objects.get(pk=case.pk).history.first()
    assert (resolved.state, resolved.history_change_reason) == (CaseState.RESOLVED, "措施全部完成")
    assert resolved.history_user is None  # the system resolved it
    assert list(case.events.values_list("action", flat=True)) == ["action_done", "resolve"]


def test_a_reminder_is_a_step_with_history_and_its_messages_roll_back_with_it(
    venue, convenor, monkeypatch
):
    # given an overdue action
    case = make_case(venue=venue, state=CaseState.ACTING)
    action = make_action(case=case, due_on=dt.date(2022, 6, 1))
    # when the reminder runs
    assert remind_due_actions(on=dt.date(2022, 6, 10)) == 1
    # then the mark is saved with history, as the system
    action.refresh_from_db()
    entry = action.history.first()
    assert action.last_reminded_on == dt.date(2022, 6, 10)
    assert (entry.history_change_reason, entry.history_user) == ("到期提醒", None)
    assert Notification.objects.filter(recipient=convenor, title__contains="已逾期").count() == 1

    # and when the next day's run fails after the inbox rows are written
    written = actions.notify

    def write_then_fail(**message):
        written(**message)
        raise RuntimeError("e-mail queue down")

    monkeypatch.setattr(actions, "notify", write_then_fail)
    with pytest.raises(RuntimeError):
        remind_due_actions(on=dt.date(2022, 6, 11))
    # then neither the mark nor the messages are kept
    action.refresh_from_db()
    assert action.last_reminded_on == dt.date(2022, 6, 10)
    assert Notification.objects.filter(recipient=convenor).count() == 1


def test_the_office_forces_a_case_closed_and_its_entry_effects_run(
    venue, county_staff, member, town
):
    # given an acting case a member raised on a visit
    case = make_case(venue=venue, state=CaseState.ACTING, source="visit", raised_by_member=member)
    # when the office closes it by override
    override(case, target=CaseState.CLOSED, actor=county_staff, reason="线下已办结销号")
    # then it is whole: dated, credited, and on the public timeline without the reason
    case.refresh_from_db()
    assert case.resolved_on is not None and case.closed_on is not None
    assert DutyRecord.objects.filter(member=member, kind=DutyKind.CASE_RESOLVED).exists()
    event = case.events.get()
    assert (event.action, event.to_state) == ("override", CaseState.CLOSED)
    assert "线下" not in event.note
    assert "线下已办结销号" in case.history.first().history_change_reason
    # and when the office reopens it, the resolution and its credit are undone
    override(case, target=CaseState.CONSULTING, actor=county_staff, reason="群众再次反映")
    case.refresh_from_db()
    assert case.resolved_on is None and case.closed_on is None
    credits = DutyRecord.objects.filter(member=member, kind=DutyKind.CASE_RESOLVED)
    assert sum(credits.values_list("sign", flat=True)) == 0


def test_the_office_forcing_the_last_action_done_resolves_the_case(venue, county_staff):
    case = make_case(venue=venue, state=CaseState.ACTING)
    action = make_action(case=case, due_on=dt.date(2022, 5, 1))
    override(action, target=ActionState.DONE, actor=county_staff, reason="单位书面报告已完成")
    action.refresh_from_db()
    case.refresh_from_db()
    assert action.done_on is not None and case.state == CaseState.RESOLVED


def test_only_the_office_overrides(venue, convenor):
    case = make_case(venue=venue, state=CaseState.ACTING)
    with pytest.raises(PermissionDenied):
        override(case, target=CaseState.CLOSED, actor=convenor, reason="想销号")
    case.refresh_from_db()
    assert case.state == CaseState.ACTING
