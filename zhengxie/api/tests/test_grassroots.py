"""Grassroots over the API: a town's venues, raising a case with photos, my cases with their
timeline, rating a resolved case, per role."""

import pytest

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.grassroots import factories as grassroots_factories
from zhengxie.grassroots.models import Case, CasePhoto, CaseState, Rating

from .conftest import ApiClient, bearer

# The token's lookup and its last-used stamp, the person's committees, the convened venues'
# committees, the page.
VENUE_QUERIES = 6
# The token's lookup and its last-used stamp, the page.
MY_CASES_QUERIES = 3


@pytest.fixture
def venue(city):
    return grassroots_factories.make_convenor_venue(committee=city)[1]


@pytest.fixture
def resident(city, make_user):
    return make_user(Role.RESIDENT, city)


def _report(user, data: dict, photos=()):
    client = ApiClient(bearer(user))
    form = {**data, **({"photos": list(photos)} if photos else {})}
    return client.client.post("/api/v1/grassroots/cases", form, headers=client.headers)


def _form(venue, **changes) -> dict:
    return {"town_id": venue.town_id, "category": "livelihood", "title": "路灯不亮",
            "description": "三号楼前的路灯坏了一个月。", "place": "幸福小区三号楼",
            "phone": "13912345678"} | changes  # fmt: skip


def test_a_resident_raises_a_case_with_photos(venue, resident, stored_files):
    # when
    photos = [grassroots_factories.make_photo(name=f"{n}.png") for n in range(2)]
    response = _report(resident, _form(venue), photos)
    # then the case is raised through the web form's service: town, reporter, photos, timeline
    assert response.status_code == 201, response.content
    body = response.json()
    case = Case.objects.get(pk=body["id"])
    assert (case.reporter, case.reporter_phone, case.state) == (resident, "13912345678", "raised")
    assert CasePhoto.objects.filter(case=case).count() == 2
    assert [e["state"] for e in body["timeline"]] == ["raised"]
    assert "13912345678" not in response.content.decode()


def test_a_member_raises_one_without_photos(venue, city):
    member = core.make_member(committee=city, with_account=True)
    response = _report(member.user, _form(venue))
    assert response.status_code == 201
    assert Case.objects.get().reporter == member.user


def test_bad_input_names_the_field_and_raises_nothing(venue, resident):
    unknown_town = _report(resident, _form(venue, town_id=987654))
    assert unknown_town.status_code == 400
    assert "town_id" in unknown_town.json()["error"]["fields"]
    bad_category = _report(resident, _form(venue, category="nonsense"))
    assert "category" in bad_category.json()["error"]["fields"]
    bad_photo = _report(resident, _form(venue), [grassroots_factories.make_photo(
        name="x.png", fmt="GIF", content_type="image/png")])  # fmt: skip
    assert bad_photo.status_code == 400
    assert "photos" in bad_photo.json()["error"]["fields"]
    assert not Case.objects.exists()


def test_the_daily_quota_answers_429_with_the_seconds_until_it_resets(venue, resident, monkeypatch):
    import time

    from zhengxie.core.services.rules import set_rule
    from zhengxie.grassroots import rules

    # given a quota of one report an hour
    set_rule(committee=venue.committee, key=rules.REPORTS_PER_ACCOUNT, value=1, actor=None)
    set_rule(committee=venue.committee, key=rules.REPORT_WINDOW_SECONDS, value=3600, actor=None)
    opened = time.time()
    assert _report(resident, _form(venue)).status_code == 201
    # when the resident reports again twenty minutes later
    monkeypatch.setattr(time, "time", lambda: opened + 1200)
    refused = _report(resident, _form(venue))
    # then
    assert refused.status_code == 429
    assert "上限" in refused.json()["error"]["message"]
    # the window opened with the first report, a moment after `opened`
    assert 2400 <= int(refused["Retry-After"]) <= 2460
    assert Case.objects.count() == 1


def test_my_cases_and_the_timeline(venue, resident, api_as, city, make_user):
    mine = grassroots_factories.make_case(venue=venue, reporter=resident, state=CaseState.ACCEPTED)
    grassroots_factories.make_case(venue=venue, reporter=make_user(Role.RESIDENT, city))
    client = api_as(resident)
    items = client.get("/grassroots/cases/mine").json()["items"]
    assert [(i["id"], i["state"], i["venue"]) for i in items] == [(mine.pk, "accepted", venue.name)]
    detail = client.get(f"/grassroots/cases/{mine.pk}").json()
    assert detail["can_rate"] is False
    assert set(detail) >= {"timeline", "actions", "sessions"}


@pytest.mark.parametrize("count", [2, 25])
def test_my_cases_read_in_the_same_queries_at_any_size(
    venue, resident, api_as, django_assert_max_num_queries, count
):
    for _ in range(count):
        grassroots_factories.make_case(venue=venue, reporter=resident)
    client = api_as(resident)
    client.get("/me")
    with django_assert_max_num_queries(MY_CASES_QUERIES):
        response = client.get("/grassroots/cases/mine", limit=50)
    assert len(response.json()["items"]) == count


def test_the_reporter_rates_a_resolved_case(venue, resident, api_as):
    case = grassroots_factories.make_case(venue=venue, reporter=resident,
                                          state=CaseState.RESOLVED)  # fmt: skip
    client = api_as(resident)
    assert client.get(f"/grassroots/cases/{case.pk}").json()["can_rate"] is True
    response = client.post(f"/grassroots/cases/{case.pk}/rate",
                           {"value": "satisfied", "comment": "修好了"})  # fmt: skip
    assert response.status_code == 200, response.content
    assert response.json()["value_label"] == "满意"
    case.refresh_from_db()
    assert case.state == CaseState.RATED
    assert Rating.objects.get(case=case).rater == resident


def test_unsatisfied_sends_it_back_to_consultation(venue, resident, api_as):
    case = grassroots_factories.make_case(venue=venue, reporter=resident,
                                          state=CaseState.RESOLVED)  # fmt: skip
    response = api_as(resident).post(f"/grassroots/cases/{case.pk}/rate",
                                     {"value": "unsatisfied"})  # fmt: skip
    assert response.status_code == 200
    case.refresh_from_db()
    assert (case.state, case.reopen_count) == (CaseState.CONSULTING, 1)


def test_a_stranger_may_not_rate_and_an_open_case_cannot_be(venue, resident, api_as, city,
                                                            make_user):  # fmt: skip
    resolved = grassroots_factories.make_case(venue=venue, reporter=resident,
                                              state=CaseState.RESOLVED)  # fmt: skip
    stranger = api_as(make_user(Role.RESIDENT, city))
    assert stranger.post(f"/grassroots/cases/{resolved.pk}/rate",
                         {"value": "satisfied"}).status_code == 403  # fmt: skip
    open_case = grassroots_factories.make_case(venue=venue, reporter=resident,
                                               state=CaseState.ACCEPTED)  # fmt: skip
    assert api_as(resident).post(f"/grassroots/cases/{open_case.pk}/rate",
                                 {"value": "satisfied"}).status_code == 409  # fmt: skip
    assert not Rating.objects.exists()


def test_venues_of_a_town(city, api_as, make_user):
    # given venues in two towns
    town_a, town_b = (
        core.make_town(committee=city, name="甲镇"),
        core.make_town(committee=city, name="乙镇"),
    )
    in_a = [grassroots_factories.make_convenor_venue(committee=city, town=town_a)[1]
            for _ in range(2)]  # fmt: skip
    grassroots_factories.make_convenor_venue(committee=city, town=town_b)
    member = core.make_member(committee=city, with_account=True)
    # when a member asks for the first town's
    items = api_as(member.user).get("/grassroots/venues", town=town_a.pk).json()["items"]
    # then
    assert sorted(i["id"] for i in items) == sorted(v.pk for v in in_a)
    assert {i["town"]["name"] for i in items} == {"甲镇"}


def test_residents_do_not_read_the_venue_list(resident, venue, api_as):
    assert api_as(resident).get("/grassroots/venues").status_code == 403


@pytest.mark.parametrize("count", [2, 20])
def test_venues_read_in_the_same_queries_at_any_size(
    city, staff, api_as, django_assert_max_num_queries, count
):
    for _ in range(count):
        grassroots_factories.make_convenor_venue(committee=city)
    client = api_as(staff)
    client.get("/me")
    with django_assert_max_num_queries(VENUE_QUERIES):
        response = client.get("/grassroots/venues", limit=50)
    assert len(response.json()["items"]) == count
