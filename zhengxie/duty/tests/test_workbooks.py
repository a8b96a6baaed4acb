"""The Excel lists the office hands in: standings with points by kind, the five ones, the three
highs with their bands, warnings and talks, and the year's attendance. Read back with openpyxl;
each list for the committee (with its counties) the person may read, in constant queries."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from zhengxie.activities.factories import invite, make_activity
from zhengxie.activities.services.attendance import mark_held, record_attendance_by_staff
from zhengxie.core.factories import make_member, make_plenary
from zhengxie.core.models import Role
from zhengxie.core.workflow import apply
from zhengxie.duty.factories import credit
from zhengxie.duty.models import DutyKind, DutyWarning
from zhengxie.duty.services.recompute import recompute_year


def _sheets(response) -> dict[str, list[tuple]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}


def _url(kind: str, committee, year: int = 2022) -> str:
    return reverse("duty:export", args=[kind]) + f"?committee={committee.pk}&year={year}"


@pytest.fixture
def year_2022(city, county):
    """A city member with a proposal and a research visit, a county member with a report, and
    a city member whose name Excel would take for a formula."""
    liu = make_member(committee=city, name="刘荣")
    credit(member=liu, kind=DutyKind.PROPOSAL, role="first")
    credit(member=liu, kind=DutyKind.ATTENDANCE, role="research")
    county_member = make_member(committee=county, name="申小丽")
    credit(member=county_member, kind=DutyKind.REPORT)
    make_member(committee=city, name="=HYPERLINK(1)")
    for committee in (city, county):
        recompute_year(committee=committee, year=2022)
    return liu, county_member


def test_standings_list_points_by_kind_with_the_counties(client, staff, city, year_2022):
    client.force_login(staff)
    rows = _sheets(client.get(_url("standings", city)))["履职积分"]
    header, first = rows[0], rows[1]
    assert header[:5] == ("排名", "政协", "委员", "界别", "年度积分")
    assert {"提交提案", "参加活动", "调研视察报告"} <= set(header)
    assert first[2:3] == ("刘荣",) and first[4] == 20  # 15 proposal + 5 research visit
    assert first[header.index("提交提案")] == 15
    assert {row[2] for row in rows[1:]} == {"刘荣", "申小丽", "'=HYPERLINK(1)"}


def test_county_staff_export_their_own_committee_only(client, county, year_2022, make_user):
    client.force_login(make_user(Role.STAFF, county))
    rows = _sheets(client.get(_url("standings", county)))["履职积分"]
    assert [row[2] for row in rows[1:]] == ["申小丽"]


@pytest.mark.parametrize("role", [Role.MEMBER, Role.CONVENOR, Role.RESIDENT])
def test_others_are_refused(client, city, year_2022, make_user, role):
    client.force_login(make_user(role, city))
    assert client.get(_url("standings", city)).status_code == 403


def test_county_staff_are_refused_the_city(client, city, county, make_user):
    client.force_login(make_user(Role.STAFF, county))
    assert client.get(_url("five_ones", city)).status_code in (403, 404)


def test_the_leader_exports_the_five_ones_list(client, city, year_2022, make_user):
    client.force_login(make_user(Role.LEADER, city))
    rows = _sheets(client.get(_url("five_ones", city)))["五个一"]
    header = rows[0]
    assert "提交一件提案" in header and "兴办一件便民利民实事" in header
    liu = next(row for row in rows if row[2] == "刘荣")
    assert liu[header.index("提交一件提案")] == "完成"
    assert liu[header.index("参加一次调研")] == "完成"
    assert liu[header.index("兴办一件便民利民实事")] == "未完成"
    assert liu[-1] == "否"


def test_three_highs_with_the_grade_bands(client, staff, city, year_2022):
    client.force_login(staff)
    sheets = _sheets(client.get(_url("three_highs", city)))
    header = sheets["三高考评"][0]
    assert header[4:] == ("工作质效度", "群众满意度", "社会美誉度", "综合得分", "等次")
    bands = sheets["等次分布"]
    assert bands[0] == ("等次", "分数线（含）", "人数")
    assert [row[:2] for row in bands[1:]] == [
        ("优秀", 90),
        ("良好", 80),
        ("称职", 60),
        ("不称职", 0),
    ]
    assert sum(row[2] for row in bands[1:]) == 3


def test_warnings_with_their_talks(client, staff, city, year_2022):
    liu, _county_member = year_2022
    warning = DutyWarning.objects.create(
        committee=city, member=liu, year=2022, reason="low_points", detail="低于预警线"
    )
    apply(warning, "talk", staff, talked_on=dt.date(2022, 12, 5), outcome="本人表示加强履职")
    client.force_login(staff)
    rows = _sheets(client.get(_url("warnings", city)))["预警与约谈"]
    assert rows[1][1:5] == ("刘荣", "积分低于预警线", "低于预警线", "已约谈")
    assert rows[1][6].date() == dt.date(2022, 12, 5)
    assert rows[1][8] == "本人表示加强履职"


def test_an_unknown_list_is_not_found(client, staff, city):
    client.force_login(staff)
    assert client.get(_url("secrets", city)).status_code == 404


@pytest.mark.parametrize("kind", ["standings", "five_ones", "three_highs", "warnings"])
def test_lists_run_in_constant_queries(client, staff, city, kind, django_assert_max_num_queries):
    client.force_login(staff)
    counts = []
    for n in (2, 20):
        for _ in range(n):
            member = make_member(committee=city)
            credit(member=member, kind=DutyKind.SESSION)
            DutyWarning.objects.create(
                committee=city, member=member, year=2022, reason="low_points", detail="x"
            )
        recompute_year(committee=city, year=2022)
        with django_assert_max_num_queries(30) as captured:
            client.get(_url(kind, city))
        counts.append(len(captured))
    assert counts[0] == counts[1]


# Attendance (the activities app's list, linked from the standings page) --------------------


def _held_meeting(city, staff, members, present, title):
    start = timezone.make_aware(dt.datetime(2022, 5, 10, 9))
    activity = make_activity(
        committee=city, code="research", state="notified", starts_at=start, title=title
    )
    invite(activity=activity, members=members)
    for member in present:
        record_attendance_by_staff(actor=staff, activity=activity, member=member)
    return mark_held(actor=staff, activity=activity)


def test_attendance_per_activity_and_per_member(client, city, staff):
    make_plenary(committee=city)
    a, b = make_member(committee=city, name="甲委员"), make_member(committee=city, name="乙委员")
    _held_meeting(city, staff, [a, b], [a], "香菇产业调研")
    _held_meeting(city, staff, [a, b], [a, b], "城区停车调研")
    client.force_login(staff)
    url = reverse("activities:attendance_export") + f"?committee={city.pk}&year=2022"
    sheets = _sheets(client.get(url))
    activities = {row[2]: row[4:] for row in sheets["按活动"][1:]}
    assert activities["香菇产业调研"] == (2, 1, 0, 1, 0.5)
    assert activities["城区停车调研"] == (2, 2, 0, 0, 1)
    members = {row[1]: row[3:] for row in sheets["按委员"][1:]}
    assert members == {"甲委员": (2, 2, 0, 0, 1), "乙委员": (2, 1, 0, 1, 0.5)}


def test_attendance_is_the_offices_list(client, city, make_user):
    client.force_login(make_user(Role.LEADER, city))
    url = reverse("activities:attendance_export") + f"?committee={city.pk}&year=2022"
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("n", [1, 6])
def test_attendance_runs_in_constant_queries(client, city, staff, n, django_assert_max_num_queries):
    make_plenary(committee=city)
    for i in range(n):
        members = [make_member(committee=city) for _ in range(3)]
        _held_meeting(city, staff, members, members[:2], f"活动{i}")
    client.force_login(staff)
    url = reverse("activities:attendance_export") + f"?committee={city.pk}&year=2022"
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
