"""今日待办: every app's providers gathered by todo_for(user), per role, in a constant number of
queries."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from zhengxie.activities import factories as activity_factories
from zhengxie.activities.models import Attendance, AttendanceStatus, LeaveRequest, LeaveStatus
from zhengxie.activities.services.invitations import request_leave
from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.todos import TodoItem, Urgency, todo_for
from zhengxie.duty.models import DutyWarning, WarningReason, WarningStatus
from zhengxie.grassroots import factories as grassroots_factories
from zhengxie.grassroots.models import CaseState
from zhengxie.grassroots.todos import cases_at_my_venues
from zhengxie.opinions import factories as opinion_factories
from zhengxie.opinions import services as opinion_services
from zhengxie.proposals import factories as proposal_factories
from zhengxie.proposals.models import ProposerKind


def _member_world(city, member, office, n: int) -> None:
    """n of everything a member has to do."""
    for k in range(n):
        proposal_factories.make_submitted(
            committee=city, kind=ProposerKind.JOINT, cosigners=[member]
        )
        proposal_factories.make_replied(committee=city, office=office, author=member.user)
        proposal_factories.make_draft(committee=city, author=member.user)
        activity = activity_factories.make_activity(committee=city, title=f"视察{k}")
        activity_factories.invite(activity=activity, members=[member])
        report = opinion_factories.make_report(author=member)
        opinion_services.apply_action(report=report, actor=office, action="return", comment="补充")
        DutyWarning.objects.create(
            committee=city,
            member=member,
            year=2020 + k,
            reason=WarningReason.LOW_POINTS,
            detail="积分 60",
            status=WarningStatus.OPEN,
        )


def _kinds(items: list[TodoItem]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return counts


@pytest.mark.parametrize("n", [1, 3])
def test_a_member_sees_everything_waiting_for_them_in_constant_queries(
    city, n, django_assert_max_num_queries
):
    # given
    office = opinion_factories.make_office(committee=city)
    member = core.make_member(committee=city, with_account=True)
    _member_world(city, member, office, n)
    other = core.make_member(committee=city, with_account=True)
    user = member.user.__class__.objects.get(pk=member.user_id)
    # when
    with django_assert_max_num_queries(12):
        items = todo_for(user)
    # then every kind is there n times, and nothing of another member's
    assert _kinds(items) == {
        "proposals.cosign": n,
        "proposals.rate": n,
        "proposals.drafts": n,
        "activities.invitations": n,
        "opinions.returned": n,
        "duty.warnings": n,
    }
    assert todo_for(other.user) == []
    assert all(item.url.startswith("/") for item in items)


def test_the_office_sees_its_queues_as_counts(city, django_assert_max_num_queries):
    # given two submitted proposals, a submitted opinion report and a warning to talk about
    office = opinion_factories.make_office(committee=city)
    for _ in range(2):
        proposal_factories.make_submitted(committee=city)
    opinion_factories.make_report(author=opinion_factories.make_author(committee=city))
    DutyWarning.objects.create(
        committee=city,
        member=core.make_member(committee=city),
        year=2022,
        reason=WarningReason.ABSENCES,
        detail="缺席 3 次",
        status=WarningStatus.OPEN,
    )
    # when
    with django_assert_max_num_queries(10):
        items = todo_for(office)
    # then
    titles = {item.kind: item.title for item in items}
    assert "2 件" in titles["proposals.office"]
    assert "1 篇" in titles["opinions.queue"]
    assert "1 人" in titles["duty.talks"]


def test_a_county_office_does_not_see_the_citys_queues(city, county):
    proposal_factories.make_submitted(committee=city)
    county_staff = core.make_user(role=Role.STAFF, committee=county)
    assert todo_for(county_staff) == []


def test_a_unit_sees_its_assignments_and_agreed_actions_by_due_date(city):
    # given
    proposal, unit_user = proposal_factories.make_assigned(committee=city)
    unit = proposal_factories.unit_of(unit_user)
    _convenor, venue = grassroots_factories.make_convenor_venue(committee=city)
    case = grassroots_factories.make_case(venue=venue, state=CaseState.ACTING)
    soon = timezone.localdate() + dt.timedelta(days=1)
    grassroots_factories.make_action(case=case, due_on=soon, responsible_unit=unit)
    # when
    items = todo_for(unit_user)
    # then the action due tomorrow is urgent and first
    assert [i.kind for i in items] == ["grassroots.actions", "proposals.assigned"]
    assert items[0].urgency == Urgency.URGENT and items[0].due == soon
    assert items[1].url == f"/proposals/{proposal.pk}/"


def test_a_convenor_sees_the_cases_at_their_venues_and_new_ones_in_their_town(city):
    convenor, venue = grassroots_factories.make_convenor_venue(committee=city)
    on_list = grassroots_factories.make_case(venue=venue, state=CaseState.ACCEPTED)
    raised = grassroots_factories.make_case(town=venue.town)
    grassroots_factories.make_case(venue=venue, state=CaseState.CLOSED)
    _, elsewhere = grassroots_factories.make_convenor_venue(
        committee=city, town=core.make_town(committee=city, name="东城街道")
    )
    grassroots_factories.make_case(venue=elsewhere, state=CaseState.ACCEPTED)
    urls = {item.url for item in todo_for(convenor)}
    assert urls == {f"/grassroots/cases/{on_list.pk}/", f"/grassroots/cases/{raised.pk}/"}


def test_the_office_sees_the_leaves_to_decide(city):
    from zhengxie.activities.services.invitations import request_leave

    office = opinion_factories.make_office(committee=city)
    activity = activity_factories.make_activity(committee=city, title="常委会议")
    member = activity_factories.make_invited_member(activity=activity)
    request_leave(user=member.user, activity=activity, reason="出差")
    items = todo_for(office)
    assert [i.kind for i in items] == ["activities.leaves"]
    assert "常委会议" in items[0].title


def test_a_resident_and_a_guest_have_nothing_to_do(city, make_user):
    from django.contrib.auth.models import AnonymousUser

    assert todo_for(make_user(Role.RESIDENT, city)) == []
    assert todo_for(AnonymousUser()) == []


def test_items_serialise_as_the_api_will(city):
    member = core.make_member(committee=city, with_account=True)
    proposal_factories.make_draft(committee=city, author=member.user)
    (item,) = todo_for(member.user)
    data = json.loads(json.dumps(item.as_dict()))
    assert set(data) == {"kind", "title", "url", "due", "urgency"}
    assert data["urgency"] == "normal" and data["due"] is None


def test_the_page_lists_the_items_under_their_headings(city, client):
    member = core.make_member(committee=city, with_account=True)
    draft = proposal_factories.make_draft(committee=city, author=member.user)
    client.force_login(member.user)
    page = client.get("/todo/").content.decode()
    assert "提案草稿与退回修改" in page and f"/proposals/{draft.pk}/edit/" in page
    home = client.get("/").content.decode()
    assert 'href="/todo/"' in home


def test_todays_meeting_asks_the_member_to_sign_in_until_they_have(city):
    # given a meeting today, one tomorrow, and one today the member is excused from
    member = core.make_member(committee=city, with_account=True)
    today = timezone.now()
    meetings = {
        title: activity_factories.make_activity(committee=city, title=title, starts_at=when)
        for title, when in (
            ("今天的协商会", today),
            ("明天的视察", today + dt.timedelta(days=1)),
            ("今天请了假的会", today),
        )
    }
    for meeting in meetings.values():
        activity_factories.invite(activity=meeting, members=[member])
    request_leave(user=member.user, activity=meetings["今天请了假的会"], reason="出差")
    LeaveRequest.objects.update(status=LeaveStatus.APPROVED)
    # when
    signing = [i for i in todo_for(member.user) if i.kind == "activities.sign_in"]
    # then only today's meeting, urgent, on the page where the phone scans the screen
    assert [i.title for i in signing] == ["今日签到：今天的协商会"]
    assert signing[0].urgency == Urgency.URGENT
    assert signing[0].url == f"/activities/{meetings['今天的协商会'].pk}/"
    # and once signed in, it is done
    Attendance.objects.create(
        committee=city,
        activity=meetings["今天的协商会"],
        member=member,
        status=AttendanceStatus.SIGNED_IN,
    )
    assert not [i for i in todo_for(member.user) if i.kind == "activities.sign_in"]


@pytest.mark.parametrize("n", [1, 3])
def test_a_member_sees_the_cases_waiting_for_consultation_at_their_venues(
    city, n, django_assert_max_num_queries
):
    # given the member sits at one venue; cases there wait for a session, or do not
    member = core.make_member(committee=city, with_account=True)
    _convenor, venue = grassroots_factories.make_convenor_venue(committee=city)
    venue.members.add(member)
    _other_convenor, elsewhere = grassroots_factories.make_convenor_venue(committee=city)
    waiting = [
        grassroots_factories.make_case(venue=venue, state=state, title=f"{state}{k}")
        for k in range(n)
        for state in (CaseState.ACCEPTED, CaseState.CONSULTING)
    ]
    grassroots_factories.make_case(venue=venue, state=CaseState.CLOSED, title="已办结")
    grassroots_factories.make_case(venue=elsewhere, state=CaseState.ACCEPTED, title="别处的")
    # when
    with django_assert_max_num_queries(3):
        items = cases_at_my_venues(member.user)
    # then only the cases waiting at their own venue, each one tap from its page
    assert sorted(i.url for i in items) == sorted(
        f"/grassroots/cases/{case.pk}/" for case in waiting
    )
    assert {i.kind for i in items} == {"grassroots.venue_cases"}
    assert all(venue.name in i.title for i in items)
