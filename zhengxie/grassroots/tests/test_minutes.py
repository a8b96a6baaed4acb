"""The minutes page: the convenor and staff complete the four parts and the consensus; staff
read who changed what."""

import datetime as dt

import pytest
from django.urls import reverse

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.grassroots.models import ConsultationSession
from zhengxie.grassroots.services.sessions import record_consensus
from zhengxie.search.everything import EverythingQuery, search_everything

MINUTES = {
    "briefing": "社区通报加装电梯方案",
    "questions": "低层住户问费用分摊",
    "answers": "住建局解答补贴标准",
    "speeches": "委员建议按楼层分摊",
    "consensus": "按楼层阶梯分摊，六月开工",
}


@pytest.fixture
def session(venue, convenor):
    return ConsultationSession.objects.create(
        committee_id=venue.committee_id,
        venue=venue,
        title="加装电梯协商会",
        held_on=dt.date(2022, 5, 6),
    )


@pytest.fixture
def people(city, county, other_county, convenor, county_staff, resident, member):
    return {
        "resident": resident,
        "member": member.user,
        "convenor": convenor,
        "other_convenor": core.make_user(role=Role.CONVENOR, committee=county),
        "county_staff": county_staff,
        "other_staff": core.make_user(role=Role.STAFF, committee=other_county),
        "leader": core.make_user(role=Role.LEADER, committee=city),
    }


@pytest.mark.parametrize(
    "name,allowed",
    [
        ("convenor", True),
        ("county_staff", True),
        ("resident", False),
        ("member", False),
        ("other_convenor", False),
        ("other_staff", False),
        ("leader", False),
    ],
)
def test_only_the_convenor_and_staff_may_record_the_minutes(client, people, session, name, allowed):
    # given a session with empty minutes
    url = reverse("grassroots:session_minutes", args=[session.pk])
    client.force_login(people[name])
    # when the person opens the page and posts the minutes
    page = client.get(url)
    response = client.post(url, MINUTES)
    session.refresh_from_db()
    # then only those allowed changed them
    if allowed:
        assert page.status_code == 200
        assert response.status_code == 302
        assert session.consensus == MINUTES["consensus"]
        assert session.answers == MINUTES["answers"]
    else:
        assert page.status_code == response.status_code == 403
        assert session.consensus == ""


def test_a_guest_is_sent_to_log_in(client, session):
    response = client.get(reverse("grassroots:session_minutes", args=[session.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_markup_in_the_minutes_is_stripped(client, convenor, session):
    client.force_login(convenor)
    client.post(
        reverse("grassroots:session_minutes", args=[session.pk]),
        {**MINUTES, "briefing": "<script>alert(1)</script>通报"},
    )
    session.refresh_from_db()
    assert session.briefing == "通报"


def test_staff_see_who_changed_the_minutes_and_the_convenor_does_not(
    client, convenor, county_staff, session
):
    # given the convenor recorded the consensus
    client.force_login(convenor)
    client.post(reverse("grassroots:session_minutes", args=[session.pk]), MINUTES)
    # when staff and the convenor open the minutes and the session
    pages = {}
    for name, user in (("staff", county_staff), ("convenor", convenor)):
        client.force_login(user)
        pages[name] = [
            client.get(reverse(f"grassroots:{view}", args=[session.pk])).content.decode()
            for view in ("session_minutes", "session_detail")
        ]
    # then staff read the change and its author; the convenor reads no history
    for html in pages["staff"]:
        assert 'data-testid="history"' in html
        assert MINUTES["consensus"] in html
        assert str(convenor) in html
    for html in pages["convenor"]:
        assert 'data-testid="history"' not in html


def test_the_session_and_venue_pages_link_the_minutes_for_those_who_may_edit(
    client, convenor, member, session, venue
):
    url = reverse("grassroots:session_minutes", args=[session.pk])
    client.force_login(convenor)
    assert (
        url in client.get(reverse("grassroots:session_detail", args=[session.pk])).content.decode()
    )
    assert url in client.get(reverse("grassroots:venue_detail", args=[venue.pk])).content.decode()
    client.force_login(member.user)
    assert (
        url
        not in client.get(reverse("grassroots:session_detail", args=[session.pk])).content.decode()
    )


def test_completed_minutes_are_found_by_the_search(session, convenor, county_staff):
    # when the convenor completes the minutes after the meeting
    record_consensus(
        actor=convenor, session=session, consensus=MINUTES["consensus"], minutes=MINUTES
    )
    # then the committee's office finds the session by what the minutes say
    hits = search_everything(county_staff, EverythingQuery(text="阶梯分摊")).results
    assert [(hit.kind, hit.object_id) for hit in hits] == [("session", session.pk)]
