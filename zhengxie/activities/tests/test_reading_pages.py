"""委员读书 editing pages: office staff create and edit groups and sessions; nobody else may."""

import datetime as dt

import pytest
from django.urls import reverse

from zhengxie.activities.models import ReadingBook, ReadingGroup, ReadingSession
from zhengxie.activities.services import reading
from zhengxie.core.factories import make_member
from zhengxie.core.models import Role
from zhengxie.duty.models import DutyKind, DutyRecord


@pytest.fixture
def members(city):
    return [make_member(committee=city, with_account=True) for _n in range(3)]


@pytest.fixture
def group(city, staff, members):
    return reading.create_group(
        actor=staff,
        committee=city,
        name="红色经典读书群",
        members=members[:2],
        books=[("论语", "孔子"), ("乡土中国", "费孝通")],
    )


def _pages(group) -> list[str]:
    session = ReadingSession.objects.filter(group=group).first()
    urls = [
        reverse("activities:reading_group_create"),
        reverse("activities:reading_group_edit", args=[group.pk]),
        reverse("activities:reading_session_create", args=[group.pk]),
    ]
    if session:
        urls.append(reverse("activities:reading_session_edit", args=[session.pk]))
    return urls


@pytest.fixture
def session(group, staff, members):
    return reading.record_session(
        actor=staff,
        group=group,
        topic="读《乡土中国》",
        held_on=dt.date(2022, 6, 1),
        attendee_ids=[members[0].pk],
        book=group.books.get(title="乡土中国"),
    )


def test_staff_open_every_reading_form(client, staff, group, session):
    client.force_login(staff)
    for url in _pages(group):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", [Role.MEMBER, Role.LEADER, Role.UNIT, Role.CONVENOR])
def test_other_roles_are_refused_every_reading_form(client, city, make_user, group, session, role):
    client.force_login(make_user(role, city))
    for url in _pages(group):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "机关工作人员" in response.content.decode()


def test_a_county_office_cannot_edit_the_citys_group(client, county, make_user, group):
    client.force_login(make_user(Role.STAFF, county))
    url = reverse("activities:reading_group_edit", args=[group.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "改名", "members": []}).status_code == 403
    group.refresh_from_db()
    assert group.name == "红色经典读书群"


def test_a_guest_is_sent_to_log_in(client, group):
    response = client.get(reverse("activities:reading_group_edit", args=[group.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_staff_create_a_group_with_its_book_list(client, city, staff, members):
    client.force_login(staff)
    response = client.post(
        reverse("activities:reading_group_create"),
        {
            "name": "乡村振兴读书群",
            "members": [m.pk for m in members],
            "leader": members[0].pk,
            "books": "《乡土中国》/ 费孝通\n\n共同富裕读本",
        },
    )
    group = ReadingGroup.objects.get(name="乡村振兴读书群")
    assert response.status_code == 302
    assert group.leader == members[0]
    assert set(group.members.all()) == set(members)
    assert list(group.books.values_list("title", "author")) == [
        ("乡土中国", "费孝通"),
        ("共同富裕读本", ""),
    ]


def test_a_repeated_book_is_refused_naming_its_row(client, staff, members):
    client.force_login(staff)
    response = client.post(
        reverse("activities:reading_group_create"),
        {"name": "重复群", "members": [members[0].pk], "books": "论语\n孟子\n论语"},
    )
    assert response.status_code == 200
    assert "第3行：书目重复" in response.content.decode()
    assert not ReadingGroup.objects.filter(name="重复群").exists()


def test_editing_renames_changes_members_and_books_keeping_a_read_book(
    client, staff, group, session, members
):
    # given a session was held on 乡土中国
    client.force_login(staff)
    url = reverse("activities:reading_group_edit", args=[group.pk])
    # when staff drop 论语, add 资本论 and a member
    response = client.post(
        url,
        {
            "name": "经典读书群",
            "members": [m.pk for m in members],
            "books": "乡土中国 / 费孝通\n资本论 / 马克思",
        },
    )
    # then
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "经典读书群"
    assert group.members.count() == 3
    assert sorted(group.books.values_list("title", flat=True)) == ["乡土中国", "资本论"]
    session.refresh_from_db()
    assert session.book.title == "乡土中国"


def test_a_book_already_read_cannot_be_dropped(client, staff, group, session, members):
    client.force_login(staff)
    response = client.post(
        reverse("activities:reading_group_edit", args=[group.pk]),
        {"name": "改名", "members": [members[0].pk, members[1].pk], "books": "论语 / 孔子"},
    )
    assert "《乡土中国》已有读书交流" in response.content.decode()
    group.refresh_from_db()
    assert group.name == "红色经典读书群"
    assert ReadingBook.objects.filter(group=group).count() == 2


def test_staff_record_a_session_with_notes_and_attendees_are_credited(
    client, staff, group, members
):
    client.force_login(staff)
    response = client.post(
        reverse("activities:reading_session_create", args=[group.pk]),
        {
            "held_on": "2022-07-01",
            "topic": "读《论语》",
            "book": group.books.get(title="论语").pk,
            "attendees": [members[0].pk, members[1].pk],
            "summary": "围绕“和而不同”交流",
        },
    )
    assert response.status_code == 302
    session = ReadingSession.objects.get(topic="读《论语》")
    assert session.summary == "围绕“和而不同”交流"
    assert DutyRecord.objects.filter(kind=DutyKind.READING, source_id=session.pk).count() == 2


def test_correcting_a_session_credits_the_added_and_reverses_the_removed(
    client, staff, group, session, members
):
    client.force_login(staff)
    response = client.post(
        reverse("activities:reading_session_edit", args=[session.pk]),
        {"held_on": "2022-06-01", "topic": "读《乡土中国》", "attendees": [members[1].pk]},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert list(session.attendees.all()) == [members[1]]
    signs = dict(
        DutyRecord.objects.filter(kind=DutyKind.READING, source_id=session.pk)
        .values_list("member_id", "sign")
        .order_by("seq")
    )
    assert signs == {members[0].pk: -1, members[1].pk: 1}


def test_a_non_member_cannot_be_marked_present(client, staff, group, session, members):
    client.force_login(staff)
    response = client.post(
        reverse("activities:reading_session_edit", args=[session.pk]),
        {"held_on": "2022-06-01", "topic": "改", "attendees": [members[2].pk]},
    )
    assert response.status_code == 200  # not a choice on the form
    session.refresh_from_db()
    assert session.topic == "读《乡土中国》"


def test_the_group_page_links_the_forms_for_staff_only(client, staff, group, session, members):
    url = reverse("activities:reading_group", args=[group.pk])
    client.force_login(staff)
    html = client.get(url).content.decode()
    assert reverse("activities:reading_group_edit", args=[group.pk]) in html
    assert reverse("activities:reading_session_create", args=[group.pk]) in html
    assert reverse("activities:reading_session_edit", args=[session.pk]) in html
    listing = client.get(reverse("activities:reading_groups")).content.decode()
    assert reverse("activities:reading_group_create") in listing
    client.force_login(members[0].user)
    html = client.get(url).content.decode()
    assert reverse("activities:reading_group_edit", args=[group.pk]) not in html


def test_the_edit_page_shows_the_groups_history(client, staff, group):
    client.force_login(staff)
    client.post(
        reverse("activities:reading_group_edit", args=[group.pk]),
        {"name": "新名字", "members": list(group.members.values_list("pk", flat=True))},
    )
    html = client.get(reverse("activities:reading_group_edit", args=[group.pk])).content.decode()
    assert "修改记录" in html and "红色经典读书群 → 新名字" in html
