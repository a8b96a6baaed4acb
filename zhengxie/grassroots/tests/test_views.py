"""Every page, per role: who gets in, who is turned away, and what the private fields show."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from zhengxie.core import factories as core
from zhengxie.core.models import Notification, Role
from zhengxie.grassroots.factories import make_action, make_case, make_photo
from zhengxie.grassroots.models import CasePhoto, CaseState

PHONE = "13912345678"


@pytest.fixture
def people(city, county, other_county, convenor, county_staff, resident, member):
    return {
        "guest": None,
        "resident": resident,
        "other_resident": core.make_user(role=Role.RESIDENT, committee=city),
        "member": member.user,
        "convenor": convenor,
        "other_convenor": core.make_user(role=Role.CONVENOR, committee=county),
        "county_staff": county_staff,
        "city_staff": core.make_user(role=Role.STAFF, committee=city),
        "other_staff": core.make_user(role=Role.STAFF, committee=other_county),
        "leader": core.make_user(role=Role.LEADER, committee=city),
    }


@pytest.fixture
def case(venue, resident):
    return make_case(venue=venue, state=CaseState.ACCEPTED, reporter=resident, reporter_phone=PHONE)


def _status(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


PAGES = [
    (
        "grassroots:venue_list",
        False,
        {
            "convenor",
            "other_convenor",
            "member",
            "county_staff",
            "city_staff",
            "leader",
            "other_staff",
        },
    ),
    (
        "grassroots:venue_detail",
        True,
        {"convenor", "other_convenor", "member", "county_staff", "city_staff", "leader"},
    ),
    ("grassroots:venue_edit", True, {"convenor", "county_staff"}),
    ("grassroots:session_create", True, {"convenor", "county_staff"}),
    ("grassroots:venue_case_create", True, {"convenor", "county_staff"}),
    (
        "grassroots:case_list",
        False,
        {
            "convenor",
            "other_convenor",
            "member",
            "county_staff",
            "city_staff",
            "leader",
            "other_staff",
        },
    ),
    (
        "grassroots:overdue_actions",
        False,
        {"convenor", "county_staff", "city_staff", "other_staff"},
    ),
    ("grassroots:members_by_town", False, {"county_staff", "city_staff", "leader", "other_staff"}),
    ("grassroots:figures", False, {"county_staff", "city_staff", "leader", "other_staff"}),
    ("grassroots:contacts", False, {"member"}),
    (
        "grassroots:report",
        False,
        set(
            PEOPLE := [
                "resident",
                "other_resident",
                "member",
                "convenor",
                "other_convenor",
                "county_staff",
                "city_staff",
                "other_staff",
                "leader",
            ]
        ),
    ),
    ("grassroots:my_reports", False, set(PEOPLE)),
]


@pytest.mark.parametrize(
    "url_name,with_venue,allowed", PAGES, ids=[p[0].split(":")[1] for p in PAGES]
)
def test_each_page_admits_its_roles_and_turns_the_others_away(
    client, people, venue, url_name, with_venue, allowed
):
    url = reverse(url_name, args=[venue.pk] if with_venue else [])
    for name, user in people.items():
        client.logout()
        status = _status(client, user, url)
        if name in allowed:
            assert status == 200, (name, status)
        elif user is None:
            assert status == 302, (name, status)
        else:
            assert status == 403, (name, status)


def test_case_page_is_open_to_the_reporter_the_convenor_and_the_committee_only(
    client, people, case
):
    allowed = {
        "resident",
        "convenor",
        "other_convenor",
        "member",
        "county_staff",
        "city_staff",
        "leader",
    }
    for name, user in people.items():
        client.logout()
        status = _status(client, user, reverse("grassroots:case_detail", args=[case.pk]))
        assert status == (200 if name in allowed else 302 if user is None else 403), (name, status)


def test_reporter_contact_details_are_shown_to_the_venue_convenor_and_its_staff_only(
    client, people, case
):
    sees = {"convenor", "county_staff"}
    for name, user in people.items():
        if user is None:
            continue
        client.force_login(user)
        for url_name in ("grassroots:case_detail", "grassroots:case_public"):
            body = client.get(reverse(url_name, args=[case.pk])).content.decode()
            shown = PHONE in body or "王大妈" in body
            assert shown == (name in sees and url_name == "grassroots:case_detail"), (
                name,
                url_name,
            )


def test_the_public_case_page_is_open_to_guests_without_private_data(client, case):
    body = client.get(reverse("grassroots:case_public", args=[case.pk])).content.decode()
    assert case.title in body and PHONE not in body and "王大妈" not in body


def test_a_case_photo_is_served_only_to_people_who_may_read_the_case(client, people, case):
    photo = CasePhoto.objects.create(
        case=case, image=make_photo(), content_type="image/png", size=10
    )
    for name in ("resident", "convenor", "other_resident", "other_staff"):
        client.force_login(people[name])
        status = client.get(reverse("grassroots:case_photo", args=[photo.pk])).status_code
        assert status == (200 if name in {"resident", "convenor"} else 403), name


def test_a_handling_unit_account_updates_only_its_own_actions(client, county, venue):
    unit_user = core.make_user(role=Role.UNIT, committee=county)
    unit = unit_user.role_grants.get().handling_unit
    case = make_case(venue=venue, state=CaseState.ACTING)
    own = make_action(case=case, due_on=dt.date(2022, 5, 1), responsible_unit=unit)
    other = make_action(case=case, due_on=dt.date(2022, 5, 1))
    client.force_login(unit_user)
    client.post(
        reverse("grassroots:action_progress", args=[own.pk]), {"note": "已施工", "done": "on"}
    )
    response = client.post(reverse("grassroots:action_progress", args=[other.pk]), {"note": "冒名"})
    own.refresh_from_db()
    assert own.state == "done"
    assert response.status_code == 403 and not other.progress.exists()


def test_lists_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, county_staff, venue, resident
):
    for n in range(30):
        make_case(venue=venue, state=CaseState.ACCEPTED, reporter=resident, title=f"问题{n}")
    client.force_login(county_staff)
    for url_name in ("venue_list", "case_list", "members_by_town", "figures", "overdue_actions"):
        with django_assert_max_num_queries(16):
            assert client.get(reverse(f"grassroots:{url_name}")).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("grassroots:venue_detail", args=[venue.pk])).status_code == 200


def test_staff_read_the_case_history_and_the_convenor_does_not(client, people, case):
    client.force_login(people["county_staff"])
    assert (
        'data-testid="history"'
        in client.get(reverse("grassroots:case_detail", args=[case.pk])).content.decode()
    )
    client.force_login(people["convenor"])
    assert (
        'data-testid="history"'
        not in client.get(reverse("grassroots:case_detail", args=[case.pk])).content.decode()
    )


def test_a_session_page_is_open_to_the_venue_its_committee_and_the_reporters(
    client, people, case, venue
):
    from zhengxie.grassroots.models import ConsultationSession

    session = ConsultationSession.objects.create(
        committee_id=venue.committee_id,
        venue=venue,
        title="路灯协商会",
        held_on=dt.date(2022, 4, 1),
    )
    session.cases.set([case])
    allowed = {
        "resident",
        "convenor",
        "other_convenor",
        "member",
        "county_staff",
        "city_staff",
        "leader",
    }
    for name, user in people.items():
        client.logout()
        status = _status(client, user, reverse("grassroots:session_detail", args=[session.pk]))
        assert status == (200 if name in allowed else 302 if user is None else 403), (name, status)


def test_case_pages_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, county_staff, case
):
    for n in range(10):
        make_action(case=case, due_on=dt.date(2022, 5, n + 1))
    client.force_login(county_staff)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("grassroots:case_detail", args=[case.pk])).status_code == 200
    client.logout()
    with django_assert_max_num_queries(8):
        assert client.get(reverse("grassroots:case_public", args=[case.pk])).status_code == 200


def test_a_referred_case_shows_the_reason_on_its_public_page(client, convenor, resident, town):
    from zhengxie.grassroots.services.cases import refer_case

    case = make_case(town=town, reporter=resident)
    refer_case(actor=convenor, case=case, referred_to="县供电公司", reason="属于供电设施维修")
    client.force_login(resident)
    body = client.get(reverse("grassroots:case_public", args=[case.pk])).content.decode()
    assert "县供电公司" in body and "属于供电设施维修" in body


def _buttons(client, user, url) -> set[str]:
    client.force_login(user)
    body = client.get(url).content.decode()
    return set(re.findall(r'data-action="([a-z_]+)"', body))


def test_case_page_buttons_are_the_steps_the_engine_offers_each_person(client, people, venue):
    # given a raised case of the resident's and a resolved one
    raised = make_case(town=venue.town, reporter=people["resident"])
    resolved = make_case(venue=venue, state=CaseState.RESOLVED, reporter=people["resident"])

    def page(case):
        return reverse("grassroots:case_detail", args=[case.pk])

    # then the town's convenor triages, the office may also override, the reporter rates
    assert _buttons(client, people["convenor"], page(raised)) == {"accept", "refer"}
    assert _buttons(client, people["county_staff"], page(raised)) == {
        "accept",
        "refer",
        "override",
    }
    assert _buttons(client, people["resident"], page(raised)) == set()
    assert _buttons(client, people["member"], page(raised)) == set()
    assert _buttons(client, people["resident"], page(resolved)) == {"rate"}
    assert _buttons(client, people["convenor"], page(resolved)) == {"rate"}


def test_an_agreed_actions_buttons_and_progress_form_come_from_the_engine(
    client, people, venue, county
):
    # given an acting case with an open action of a unit's
    unit_user = core.make_user(role=Role.UNIT, committee=county)
    case = make_case(venue=venue, state=CaseState.ACTING)
    make_action(
        case=case,
        due_on=dt.date(2022, 5, 1),
        responsible_unit=unit_user.role_grants.get().handling_unit,
    )
    url = reverse("grassroots:case_detail", args=[case.pk])
    # then the unit reports progress, the office may also override the action
    client.force_login(unit_user)
    assert 'name="done"' in client.get(url).content.decode()
    assert _buttons(client, people["county_staff"], url) == {"agree_action", "override"}
    client.force_login(people["leader"])
    assert 'name="done"' not in client.get(url).content.decode()


def test_the_venue_list_of_cases_offers_each_cases_next_step(
    client, people, venue, django_assert_max_num_queries
):
    # given cases in several states on the venue's list
    for state in (CaseState.ACCEPTED, CaseState.CONSULTING, CaseState.RATED):
        for _n in range(5):
            make_case(venue=venue, state=state)
    url = reverse("grassroots:venue_detail", args=[venue.pk])
    # then the convenor gets each case's next steps, without the override, in a few queries
    client.force_login(people["convenor"])
    with django_assert_max_num_queries(20):
        body = client.get(url).content.decode()
    assert body.count('data-action="consult"') == 10
    assert body.count('data-action="close"') == 5
    assert 'data-action="override"' not in body
    assert _buttons(client, people["member"], url) == set()


def test_referring_on_the_act_page_keeps_the_reason_and_tells_the_reporter(
    client, people, town, django_capture_on_commit_callbacks
):
    case = make_case(town=town, reporter=people["resident"])
    client.force_login(people["convenor"])
    url = reverse("core:workflow_act", args=["case", case.pk, "refer"])
    assert "转交理由（反映人可见）" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"seen_state": "raised", "referred_to": "县供电公司", "reason": "供电设施维修"}
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.state, case.referral_reason) == (CaseState.REFERRED, "供电设施维修")
    assert case.events.get().note == "转交县供电公司：供电设施维修"
    assert Notification.objects.filter(recipient=people["resident"], body="供电设施维修").exists()


def test_agreeing_an_action_on_the_act_page_creates_it(client, people, venue):
    case = make_case(venue=venue, state=CaseState.CONSULTING)
    client.force_login(people["convenor"])
    url = reverse("core:workflow_act", args=["case", case.pk, "agree_action"])
    # a blank responsible party is refused on the form
    data = {"seen_state": "consulting", "description": "更换路灯", "due_on": "2022-05-01"}
    assert client.post(url, data).status_code == 200
    assert not case.actions.exists()
    response = client.post(url, {**data, "responsible_name": "幸福社区"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.ACTING
    assert case.actions.get().responsible_name == "幸福社区"


def test_an_accept_page_the_case_has_moved_past_sends_the_convenor_back(client, people, venue):
    case = make_case(venue=venue, state=CaseState.CONSULTING)
    client.force_login(people["convenor"])
    response = client.get(reverse("grassroots:case_accept", args=[case.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("grassroots:case_detail", args=[case.pk])


def test_the_office_reads_the_workflow_guide_from_its_menu(client, people):
    client.force_login(people["county_staff"])
    guide = reverse("core:workflow_guide", args=["grassroots"])
    assert guide in client.get(reverse("grassroots:case_list")).content.decode()
    body = client.get(guide).content.decode()
    assert "一线协商问题" in body and "落实措施" in body
    client.force_login(people["convenor"])
    assert guide not in client.get(reverse("grassroots:case_list")).content.decode()


def test_members_by_town_lists_each_towns_names_and_the_unreported(client, county_staff, county):
    hongshan = core.make_town(committee=county, name="洪山镇")
    core.make_town(committee=county, name="城关镇")
    for name in ("甲委员", "乙委员"):
        core.make_member(committee=county, name=name, town=hongshan)
    core.make_member(committee=county, name="离任委员", town=hongshan, is_active=False)
    core.make_member(committee=county, name="丙委员")
    client.force_login(county_staff)

    page = client.get(reverse("grassroots:members_by_town")).content.decode()

    rows = re.findall(
        r"<tr><td>(.*?)</td><td>(\d+)<progress max=\"(\d+)\".*?<td>(.*?)</td></tr>", page
    )
    assert [(strip_tags(town).split()[-1], *rest) for town, *rest in rows] == [
        ("洪山镇", "2", "2", "甲委员、乙委员"),
        ("城关镇", "0", "2", ""),
        ("未报到", "1", "2", "丙委员"),
    ]
