import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from zhengxie.core.factories import make_member
from zhengxie.core.models import Notification, Role
from zhengxie.duty.factories import credit
from zhengxie.duty.models import DutyKind, DutyRecord, DutyWarning, WarningReason, WarningStatus
from zhengxie.duty.selectors.warnings import due_warnings
from zhengxie.duty.services.recognition import record_recognition, withdraw_recognition
from zhengxie.duty.services.recompute import recompute_year
from zhengxie.duty.services.warnings import issue_warnings, record_talk


@pytest.fixture
def idle_member(city):
    member = make_member(committee=city, with_account=True)
    credit(member=member, kind=DutyKind.ATTENDANCE, role="research", times=20)  # 100 points
    return member


def test_members_below_the_line_are_due_and_absences_are_left_to_their_own_warnings(
    city, idle_member
):
    # given one low scorer and one frequent absentee
    low = make_member(committee=city)
    credit(member=low, kind=DutyKind.ATTENDANCE, role="research", times=2)
    absent = make_member(committee=city)
    credit(member=absent, kind=DutyKind.ATTENDANCE, role="research", times=20)
    credit(member=absent, kind=DutyKind.ABSENCE, role="plenary", times=2)
    recompute_year(committee=city, year=2022)
    # when
    due = {(w.member_id, w.reason) for w in due_warnings(committee=city, year=2022)}
    # then
    assert (low.pk, WarningReason.LOW_POINTS) in due
    # absences are warned once, when the activity is held (activities' absence warnings)
    assert not any(r == WarningReason.ABSENCES for _m, r in due)
    assert (absent.pk, WarningReason.LOW_POINTS) not in due  # 100 - 10 = 90 points
    assert not any(m == idle_member.pk for m, _r in due)


def test_issuing_warnings_notifies_once_and_clears_those_back_above(city, staff):
    member = make_member(committee=city, with_account=True)
    credit(member=member, kind=DutyKind.SESSION)
    recompute_year(committee=city, year=2022)
    # when issued twice
    assert issue_warnings(actor=staff, committee=city, year=2022) == 1
    assert issue_warnings(actor=staff, committee=city, year=2022) == 0
    # then one warning and one notification
    warning = DutyWarning.objects.get(member=member)
    assert warning.status == WarningStatus.OPEN
    assert Notification.objects.filter(recipient=member.user, title="履职预警提醒").count() == 1
    # and when the member catches up, the open warning is cleared
    credit(member=member, kind=DutyKind.ATTENDANCE, role="research", times=20)
    recompute_year(committee=city, year=2022)
    issue_warnings(actor=staff, committee=city, year=2022)
    warning.refresh_from_db()
    assert warning.status == WarningStatus.CLEARED


def test_staff_record_the_talk_and_outcome(client, city, staff):
    member = make_member(committee=city)
    recompute_year(committee=city, year=2022)
    issue_warnings(actor=staff, committee=city, year=2022)
    warning = DutyWarning.objects.get(member=member)
    client.force_login(staff)
    # when
    response = client.post(
        reverse("core:workflow_act", args=["duty_warning", warning.pk, "talk"]),
        {"seen_state": "open", "talked_on": "2022-12-01", "outcome": "委员表示明年按时参加活动"},
    )
    # then
    assert response.status_code == 302
    warning.refresh_from_db()
    assert warning.status == WarningStatus.TALKED
    assert (warning.talked_on, warning.talked_by) == (dt.date(2022, 12, 1), staff)
    assert warning.history.count() == 2


def test_a_talk_without_outcome_is_refused(city, staff):
    make_member(committee=city)
    recompute_year(committee=city, year=2022)
    issue_warnings(actor=staff, committee=city, year=2022)
    warning = DutyWarning.objects.get()
    with pytest.raises(ValidationError, match="约谈情况"):
        record_talk(actor=staff, warning=warning, talked_on=dt.date(2022, 12, 1), outcome=" ")
    warning.refresh_from_db()
    assert warning.status == WarningStatus.OPEN


@pytest.mark.parametrize("role", [Role.MEMBER, Role.LEADER, Role.CONVENOR])
def test_only_office_issues_warnings(city, make_user, role):
    make_member(committee=city)
    recompute_year(committee=city, year=2022)
    with pytest.raises(PermissionDenied):
        issue_warnings(actor=make_user(role, city), committee=city, year=2022)
    assert not DutyWarning.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"), [(Role.STAFF, 200), (Role.LEADER, 200), (Role.MEMBER, 403)]
)
def test_warnings_page_per_role(client, city, make_user, role, status):
    client.force_login(make_user(role, city))
    assert client.get(reverse("duty:warnings") + f"?committee={city.pk}").status_code == status


def test_withdrawing_a_recognition_reverses_its_credit(city, staff):
    member = make_member(committee=city)
    recognition = record_recognition(
        actor=staff,
        member=member,
        kind="honour",
        level="provincial",
        title="湖北省优秀政协委员",
        issuer="湖北省政协",
        occurred_on=dt.date(2022, 12, 1),
    )
    withdraw_recognition(actor=staff, recognition=recognition, reason="登记错误")
    recognition.refresh_from_db()
    assert recognition.is_deleted
    assert [r.sign for r in DutyRecord.objects.filter(member=member).order_by("seq")] == [1, -1]


def _warned(city, staff) -> DutyWarning:
    member = make_member(committee=city, with_account=True)
    credit(member=member, kind=DutyKind.SESSION)
    recompute_year(committee=city, year=2022)
    issue_warnings(actor=staff, committee=city, year=2022)
    return DutyWarning.objects.get(member=member)


def test_the_warning_workflow_is_registered_with_the_office_override(capsys):
    call_command("workflows", "--json")
    listed = {w["name"]: w for w in json.loads(capsys.readouterr().out)}
    table = listed["duty_warning"]
    assert table["model"] == "duty.DutyWarning"
    assert [t["name"] for t in table["transitions"]] == ["talk", "clear", "reopen", "override"]


def test_clearing_and_reopening_a_warning_are_steps_with_history(city, staff):
    # given an open warning whose member then catches up
    warning = _warned(city, staff)
    credit(member=warning.member, kind=DutyKind.ATTENDANCE, role="research", times=20)
    recompute_year(committee=city, year=2022)
    # when the list is issued again
    issue_warnings(actor=staff, committee=city, year=2022)
    # then the clearing is the workflow's step, kept with who took it
    cleared = warning.history.first()
    assert (cleared.status, cleared.history_change_reason) == (WarningStatus.CLEARED, "解除预警")
    assert cleared.history_user == staff


def test_the_warnings_page_offers_staff_the_talk_and_the_override(client, city, staff, make_user):
    warning = _warned(city, staff)
    url = reverse("duty:warnings") + f"?committee={city.pk}&year=2022"
    client.force_login(staff)
    body = client.get(url).content.decode()
    talk = reverse("core:workflow_act", args=["duty_warning", warning.pk, "talk"])
    assert talk in body and 'data-action="override"' in body
    client.force_login(make_user(Role.LEADER, city))
    assert 'data-action="' not in client.get(url).content.decode()


def test_the_office_overrides_a_warning_on_the_act_page(client, city, staff):
    warning = _warned(city, staff)
    client.force_login(staff)
    url = reverse("core:workflow_act", args=["duty_warning", warning.pk, "override"])
    response = client.post(url, {"target": "cleared", "reason": "委员已提交病假证明"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#w{warning.pk}")
    warning.refresh_from_db()
    assert warning.status == WarningStatus.CLEARED
    assert "病假证明" in warning.history.first().history_change_reason
