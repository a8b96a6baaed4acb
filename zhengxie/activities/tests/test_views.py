"""Every page, per role: who gets it and who gets the Chinese 403."""

import pytest
from django.urls import reverse

from zhengxie.activities.factories import invite, make_activity, make_invited_member
from zhengxie.activities.models import Activity, Invitation, LeaveRequest
from zhengxie.activities.services.attendance import mark_held
from zhengxie.activities.services.outcomes import record_outcome
from zhengxie.core.factories import make_member
from zhengxie.core.models import LeaderKind, Role


@pytest.fixture
def activity(city):
    return make_activity(committee=city, state="notified")


@pytest.fixture
def held_outcome(city, staff):
    activity = make_activity(committee=city, state="notified")
    member = make_invited_member(activity=activity)
    mark_held(actor=staff, activity=activity)
    return record_outcome(
        actor=staff,
        committee=city,
        activity=activity,
        kind="research",
        title="调研报告",
        body="正文",
        submitted_to="government",
        submitted_on=activity.starts_at.date(),
        authors=[member],
    )


STAFF_PAGES = [
    "activities:create",
    "activities:plan",
    "activities:kinds",
    "activities:figures",
    "activities:warnings",
]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_office_pages_open_for_staff(client, staff, name):
    client.force_login(staff)
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", STAFF_PAGES)
@pytest.mark.parametrize("role", [Role.MEMBER, Role.LEADER, Role.UNIT, Role.RESIDENT])
def test_office_pages_refuse_other_roles(client, city, make_user, name, role):
    client.force_login(make_user(role, city))
    response = client.get(reverse(name))
    assert response.status_code == 403
    assert "机关工作人员" in response.content.decode()


def test_guest_is_sent_to_login(client, activity):
    response = client.get(reverse("activities:detail", args=[activity.pk]))
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_invited_member_reads_the_activity_and_sees_the_leave_form(client, activity):
    member = make_invited_member(activity=activity)
    client.force_login(member.user)
    response = client.get(reverse("activities:detail", args=[activity.pk]))
    assert response.status_code == 200
    assert "请假事由" in response.content.decode()
    assert "参加人员" not in response.content.decode()


def test_member_not_invited_cannot_read_the_activity(client, activity):
    outsider = make_member(committee=activity.committee, with_account=True)
    client.force_login(outsider.user)
    assert client.get(reverse("activities:detail", args=[activity.pk])).status_code == 403


def test_county_staff_cannot_read_a_city_activity_but_city_staff_reads_the_county(
    client, activity, county, make_user, staff
):
    client.force_login(make_user(Role.STAFF, county))
    assert client.get(reverse("activities:detail", args=[activity.pk])).status_code == 403
    county_activity = make_activity(committee=county)
    client.force_login(staff)
    assert client.get(reverse("activities:detail", args=[county_activity.pk])).status_code == 200


def test_staff_sees_roster_and_actions(client, activity, staff):
    make_invited_member(activity=activity)
    client.force_login(staff)
    body = client.get(reverse("activities:detail", args=[activity.pk])).content.decode()
    assert "参加人员" in body and "确认召开并结算考勤" in body and "会场签到大屏" in body


def test_staff_creates_an_activity_through_the_form(client, city, staff):
    client.force_login(staff)
    client.get(reverse("activities:create"))
    from zhengxie.activities.models import ActivityKind

    kind = ActivityKind.objects.get(committee=city, code="thematic")
    response = client.post(
        reverse("activities:create"),
        {
            "kind": kind.pk,
            "title": "优化营商环境专题协商会",
            "starts_at": "2022-06-01T09:00",
            "ends_at": "2022-06-01T12:00",
            "location": "市政协会议室",
        },
    )
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert (activity.title, activity.kind, activity.created_by) == (
        "优化营商环境专题协商会",
        kind,
        staff,
    )


def test_form_names_the_field_when_the_end_is_before_the_start(client, city, staff):
    client.force_login(staff)
    client.get(reverse("activities:create"))
    from zhengxie.activities.models import ActivityKind

    kind = ActivityKind.objects.get(committee=city, code="thematic")
    response = client.post(
        reverse("activities:create"),
        {
            "kind": kind.pk,
            "title": "协商会",
            "starts_at": "2022-06-01T09:00",
            "ends_at": "2022-06-01T08:00",
        },
        follow=True,
    )
    assert "结束时间必须晚于开始时间" in response.content.decode()
    assert not Activity.objects.exists()


def test_staff_invites_a_sector(client, city, staff, activity):
    from zhengxie.core.factories import make_sector

    sector = make_sector(committee=city, name="经济界")
    make_member(committee=city, sector=sector)
    make_member(committee=city, sector=sector)
    make_member(committee=city)
    client.force_login(staff)
    client.post(
        reverse("activities:invite", args=[activity.pk]), {"source": "sector", "sector": sector.pk}
    )
    assert Invitation.objects.filter(activity=activity).count() == 2


def test_member_cannot_invite(client, activity):
    member = make_invited_member(activity=activity)
    client.force_login(member.user)
    response = client.post(
        reverse("activities:invite", args=[activity.pk]), {"source": "committee"}
    )
    assert response.status_code == 403
    assert Invitation.objects.filter(activity=activity).count() == 1


def test_member_asks_for_leave_through_the_page(client, activity):
    member = make_invited_member(activity=activity)
    client.force_login(member.user)
    client.post(reverse("activities:leave", args=[activity.pk]), {"reason": "出差在外"})
    assert LeaveRequest.objects.get().reason == "出差在外"


def test_chair_sees_plenary_leave_in_the_approval_list_and_staff_does_not(
    client, city, staff, make_user
):
    chair = make_user(Role.LEADER, city, leader_kind=LeaderKind.CHAIR_MEMBER)
    plenary = make_activity(committee=city, code="plenary", state="notified")
    member = make_invited_member(activity=plenary)
    client.force_login(member.user)
    client.post(reverse("activities:leave", args=[plenary.pk]), {"reason": "住院"})
    client.force_login(chair)
    assert member.name in client.get(reverse("activities:leaves")).content.decode()
    client.force_login(staff)
    assert member.name not in client.get(reverse("activities:leaves")).content.decode()


def test_activity_list_query_count_is_constant(client, city, staff, django_assert_max_num_queries):
    for n in range(25):
        activity = make_activity(committee=city, title=f"活动{n}")
        invite(activity=activity, members=[make_member(committee=city)])
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("activities:list"))
    assert response.status_code == 200
    assert "活动24" in response.content.decode()


def test_detail_page_query_count_does_not_grow_with_invitees(
    client, activity, staff, django_assert_max_num_queries
):
    invite(
        activity=activity, members=[make_member(committee=activity.committee) for _ in range(60)]
    )
    client.force_login(staff)
    with django_assert_max_num_queries(40):
        assert client.get(reverse("activities:detail", args=[activity.pk])).status_code == 200


def test_outcome_pages_by_role(client, held_outcome, staff, county, make_user):
    client.force_login(staff)
    assert client.get(reverse("activities:outcome", args=[held_outcome.pk])).status_code == 200
    assert client.get(reverse("activities:outcomes")).status_code == 200
    word = client.get(reverse("activities:outcome_word", args=[held_outcome.pk]))
    assert word.status_code == 200 and word.content[:2] == b"PK"
    client.force_login(make_user(Role.STAFF, county))
    assert client.get(reverse("activities:outcome", args=[held_outcome.pk])).status_code == 403
    client.force_login(make_user(Role.LEADER, held_outcome.committee))
    page = client.get(reverse("activities:outcome", args=[held_outcome.pk])).content.decode()
    assert reverse("instructions:transcribe", args=["outcome", held_outcome.pk]) not in page


def test_leader_cannot_record_an_instruction(client, held_outcome, make_user):
    client.force_login(make_user(Role.LEADER, held_outcome.committee))
    response = client.post(
        reverse("instructions:transcribe", args=["outcome", held_outcome.pk]),
        {"leader_name": "某领导", "level": "city", "text": "同意", "instructed_on": "2022-06-01"},
    )
    assert response.status_code == 403
    assert not held_outcome.instructions.exists()


def test_outcome_list_query_count_is_constant(client, city, staff, django_assert_max_num_queries):
    from zhengxie.activities.models import Outcome

    for n in range(20):
        Outcome.objects.create(
            committee=city,
            kind="research",
            title=f"报告{n}",
            body="正文",
            submitted_to="government",
            submitted_on="2022-05-01",
        )
    client.force_login(staff)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("activities:outcomes")).status_code == 200


def test_essay_and_reading_pages_open_for_members(client, city):
    member = make_member(committee=city, with_account=True)
    client.force_login(member.user)
    assert client.get(reverse("activities:essay_calls")).status_code == 200
    assert client.get(reverse("activities:reading_groups")).status_code == 200


def test_screen_is_for_staff_only(client, activity, staff):
    member = make_invited_member(activity=activity)
    client.force_login(member.user)
    assert client.get(reverse("activities:screen", args=[activity.pk])).status_code == 403
    client.force_login(staff)
    assert client.get(reverse("activities:screen", args=[activity.pk])).status_code == 200
