import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhengxie.core.models import Notification
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.grassroots.models import (
    ActionState,
    CaseEvent,
    CaseState,
    ParticipantKind,
    SessionParticipant,
)
from zhengxie.grassroots.services.actions import agree_action, report_progress
from zhengxie.grassroots.services.cases import (
    accept_case,
    close_case,
    rate_case,
    refer_case,
    report_case,
)
from zhengxie.grassroots.services.sessions import Participant, hold_session
from zhengxie.grassroots.workflow import TRANSITIONS

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


def test_a_transition_the_table_does_not_allow_is_refused_and_changes_nothing(
    resident, town, venue, convenor
):
    # given an accepted case
    case = accept_case(actor=convenor, case=_report(resident, town), venue=venue)
    # when the convenor tries to close it before any rating
    with pytest.raises(ValidationError):
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


def test_every_transition_names_its_sources_and_target():
    assert all(t.sources and t.target in CaseState.values for t in TRANSITIONS.values())
    assert TRANSITIONS["reopen"].target == CaseState.CONSULTING


def test_a_sessions_participants_are_written_with_history(resident, town, venue, convenor, member):
    case = _report(resident, town)
    accept_case(actor=convenor, case=case, venue=venue)

    session = _held(convenor, venue, case, member)

    records = SessionParticipant.history.filter(session_id=session.pk)
    assert records.count() == 2
    assert {(r.history_user, r.history_change_reason) for r in records} == {
        (convenor, "登记协商活动参加人员")
    }
