import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zhengxie.activities.factories import invite, make_activity, make_invited_member
from zhengxie.activities.models import AbsenceWarning
from zhengxie.activities.services.attendance import mark_held
from zhengxie.core.factories import make_member, make_plenary
from zhengxie.core.models import Notification
from zhengxie.core.services.rules import set_rule


def _meeting(committee, code, month):
    start = timezone.make_aware(dt.datetime(2022, month, 10, 9))
    return make_activity(committee=committee, code=code, state="notified", starts_at=start)


def _limits(committee, **changes):
    """Set the absence limits, changing only the given "<category>_<period>" entries."""
    limits = {"plenary": {"year": None, "term": 3}, "standing": {"year": 3, "term": 7}}
    for name, limit in changes.items():
        category, period = name.split("_")
        limits[category][period] = limit
    set_rule(actor=None, committee=committee, key="activities.absence_limits", value=limits)


def _absent_from(committee, code, member, months):
    for month in months:
        activity = _meeting(committee, code, month)
        invite(activity=activity, members=[member])
        mark_held(actor=None, activity=activity)


@pytest.fixture
def term_city(city):
    make_plenary(committee=city)
    return city


def test_third_plenary_absence_in_a_term_raises_one_warning(term_city, staff):
    member = make_member(committee=term_city, with_account=True)
    # when absent without leave from three plenaries
    _absent_from(term_city, "plenary", member, [1, 2])
    assert not AbsenceWarning.objects.exists()
    _absent_from(term_city, "plenary", member, [3])
    # then
    warning = AbsenceWarning.objects.get()
    assert (warning.member, warning.rule, warning.count) == (member, "plenary_term", 3)
    assert Notification.objects.filter(recipient=staff, title__contains="缺席预警").count() == 1
    assert Notification.objects.filter(recipient=member.user, title__contains="缺席预警").exists()
    # a fourth absence does not repeat the warning
    _absent_from(term_city, "plenary", member, [4])
    assert AbsenceWarning.objects.count() == 1


def test_committee_can_lower_the_plenary_threshold(term_city):
    _limits(term_city, plenary_term=1)
    member = make_member(committee=term_city)

    _absent_from(term_city, "plenary", member, [1])

    assert AbsenceWarning.objects.filter(member=member).exists()


def test_standing_member_warned_at_three_standing_meetings_a_year(term_city):
    standing = make_member(committee=term_city, is_standing=True)

    _absent_from(term_city, "standing", standing, [2, 5, 8])

    assert list(AbsenceWarning.objects.values_list("rule", flat=True)) == ["standing_year"]


def test_standing_term_threshold_counts_across_years(term_city):
    _limits(term_city, standing_year=None, standing_term=2)
    standing = make_member(committee=term_city, is_standing=True)

    _absent_from(term_city, "standing", standing, [2, 5])

    assert list(AbsenceWarning.objects.values_list("rule", flat=True)) == ["standing_term"]


def test_ordinary_members_are_not_counted_against_standing_thresholds(term_city):
    ordinary = make_member(committee=term_city, is_standing=False)

    _absent_from(term_city, "standing", ordinary, [2, 5, 8])

    assert not AbsenceWarning.objects.exists()


def test_absence_with_approved_leave_is_not_counted(term_city, staff, make_user):
    from zhengxie.activities.services.invitations import decide_leave, request_leave
    from zhengxie.core.models import LeaderKind, Role

    chair = make_user(Role.LEADER, term_city, leader_kind=LeaderKind.CHAIR_MEMBER)
    _limits(term_city, standing_year=1)
    activity = _meeting(term_city, "standing", 3)
    excused = make_invited_member(activity=activity, is_standing=True)
    absent = make_invited_member(activity=activity, is_standing=True)
    leave = request_leave(user=excused.user, activity=activity, reason="出差")
    decide_leave(actor=chair, leave=leave, approve=True)

    mark_held(actor=staff, activity=activity)

    assert list(AbsenceWarning.objects.values_list("member", flat=True)) == [absent.pk]


def test_partial_attendance_counts_against_the_threshold(term_city, staff):
    from zhengxie.activities.services.attendance import record_attendance_by_staff

    _limits(term_city, plenary_term=1)
    activity = _meeting(term_city, "plenary", 3)
    member = make_invited_member(activity=activity)
    record_attendance_by_staff(actor=staff, activity=activity, member=member, minutes_present=30)

    mark_held(actor=staff, activity=activity)

    assert AbsenceWarning.objects.filter(member=member).exists()


def test_a_per_year_plenary_limit_warns_once_in_that_year(term_city):
    # given a committee that also limits plenary absences within a year
    _limits(term_city, plenary_year=2, plenary_term=None)
    member = make_member(committee=term_city)
    # when absent from one plenary, then nothing; from a second, one warning for the year
    _absent_from(term_city, "plenary", member, [1])
    assert not AbsenceWarning.objects.exists()
    _absent_from(term_city, "plenary", member, [3, 6])
    warning = AbsenceWarning.objects.get()
    assert (warning.rule, warning.period, warning.threshold) == ("plenary_year", "2022", 2)


def test_a_blank_limit_raises_no_warning(term_city):
    _limits(term_city, standing_year=None, standing_term=None)
    standing = make_member(committee=term_city, is_standing=True)

    _absent_from(term_city, "standing", standing, [1, 2, 3, 4, 5, 6, 7, 8])

    assert not AbsenceWarning.objects.exists()


def test_staff_set_the_limits_on_the_warnings_page_with_history(client, term_city, staff):
    from zhengxie.core.models import CommitteeSetting
    from zhengxie.core.rules import rule

    client.force_login(staff)
    url = reverse("activities:warnings")
    data = {"plenary_year": "", "plenary_term": "2", "standing_year": "4", "standing_term": "8"}
    # when
    response = client.post(url, data)
    # then
    assert response.status_code == 302
    assert rule(term_city, "activities.absence_limits") == {
        "plenary": {"year": None, "term": 2},
        "standing": {"year": 4, "term": 8},
    }
    setting = CommitteeSetting.objects.get(committee=term_city, key="activities.absence_limits")
    record = setting.history.get()
    assert (record.history_user, record.history_change_reason) == (staff, "修改缺席预警次数")


def test_a_limit_below_one_is_refused_naming_the_field(client, term_city, staff):
    from zhengxie.core.models import CommitteeSetting

    client.force_login(staff)
    data = {"plenary_year": "", "plenary_term": "0", "standing_year": "3", "standing_term": "7"}

    response = client.post(reverse("activities:warnings"), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "全体会议：届内累计缺席次数" in page and "errorlist" in page
    assert not CommitteeSetting.objects.exists()
