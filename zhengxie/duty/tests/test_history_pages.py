"""The warnings and recognitions pages show staff each record's history; others read none,
and the pages' query counts do not grow with the records listed."""

import datetime as dt

from django.urls import reverse

from zhengxie.core.factories import make_member
from zhengxie.core.models import Role
from zhengxie.duty.models import DutyWarning
from zhengxie.duty.services.recognition import record_recognition
from zhengxie.duty.services.recompute import recompute_year
from zhengxie.duty.services.warnings import issue_warnings


def _warnings(city, staff, count: int) -> list[DutyWarning]:
    for _n in range(count):
        make_member(committee=city)
    recompute_year(committee=city, year=2022)
    issue_warnings(actor=staff, committee=city, year=2022)
    return list(DutyWarning.objects.filter(committee=city))


def _recognitions(city, staff, count: int) -> None:
    for n in range(count):
        record_recognition(
            actor=staff,
            member=make_member(committee=city),
            kind="honour",
            level="city",
            title=f"优秀政协委员{n}",
            issuer="随州市政协",
            occurred_on=dt.date(2022, 12, 1),
        )


def test_staff_read_who_talked_to_a_warned_member(client, city, staff):
    # given a warning and a talk recorded on the page
    warning = _warnings(city, staff, 1)[0]
    client.force_login(staff)
    client.post(
        reverse("core:workflow_act", args=["duty_warning", warning.pk, "talk"]),
        {"seen_state": "open", "talked_on": "2022-12-01", "outcome": "委员表示明年按时参加活动"},
    )
    # when staff open the warnings page
    html = client.get(reverse("duty:warnings") + f"?committee={city.pk}&year=2022").content
    html = html.decode()
    # then the warning's history names the change and who made it
    assert 'data-testid="history"' in html
    assert "状态：open → talked" in html
    assert "约谈日期：— → 2022-12-01" in html
    assert str(staff) in html


def test_a_leader_reads_the_warnings_without_their_history(client, city, staff, make_user):
    _warnings(city, staff, 1)
    client.force_login(make_user(Role.LEADER, city))
    response = client.get(reverse("duty:warnings") + f"?committee={city.pk}&year=2022")
    assert response.status_code == 200
    assert 'data-testid="history"' not in response.content.decode()


def test_staff_read_who_recorded_a_recognition_and_a_leader_does_not(
    client, city, staff, make_user
):
    member = make_member(committee=city)
    client.force_login(staff)
    client.post(
        reverse("duty:recognitions") + f"?committee={city.pk}",
        {
            "member": member.pk,
            "kind": "honour",
            "level": "city",
            "title": "优秀政协委员",
            "issuer": "随州市政协",
            "occurred_on": "2022-09-01",
        },
    )
    url = reverse("duty:recognitions") + f"?committee={city.pk}"
    html = client.get(url).content.decode()
    assert 'data-testid="history"' in html and str(staff) in html
    client.force_login(make_user(Role.LEADER, city))
    response = client.get(url)
    assert response.status_code == 200
    assert 'data-testid="history"' not in response.content.decode()


def test_a_member_is_turned_away_from_both_pages(client, city, make_user):
    client.force_login(make_user(Role.MEMBER, city))
    for name in ("duty:warnings", "duty:recognitions"):
        assert client.get(reverse(name) + f"?committee={city.pk}").status_code == 403


def _count(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_pages_read_a_fixed_number_of_queries_however_many_records(
    client, city, staff, django_assert_max_num_queries
):
    client.force_login(staff)
    warnings_url = reverse("duty:warnings") + f"?committee={city.pk}&year=2022"
    recognitions_url = reverse("duty:recognitions") + f"?committee={city.pk}"
    _warnings(city, staff, 2)
    _recognitions(city, staff, 2)
    few = (
        _count(client, warnings_url),
        _count(client, recognitions_url),
    )
    _warnings(city, staff, 15)
    _recognitions(city, staff, 15)
    with django_assert_max_num_queries(few[0]):
        client.get(warnings_url)
    with django_assert_max_num_queries(few[1]):
        client.get(recognitions_url)
