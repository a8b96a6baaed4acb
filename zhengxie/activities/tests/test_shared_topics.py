"""市县联动: a topic the province sets, taken up by the city and a county in their own
activities; each committee counts its own, the province reads the whole topic's progress."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from zhengxie.activities import factories, selectors
from zhengxie.activities.services import activities as activity_services
from zhengxie.activities.services import plans
from zhengxie.core.models import Role

YEAR = 2022


@pytest.fixture
def province_staff(province, make_user):
    return make_user(Role.STAFF, province)


@pytest.fixture
def shared_topic(province, province_staff):
    plan = plans.open_plan(actor=province_staff, committee=province, year=YEAR)
    topic = plans.collect_topic(
        actor=province_staff,
        plan=plan,
        title="农村养老服务体系建设",
        kind=factories.kind(committee=province, code="research"),
    )
    return plans.decide_topic(actor=province_staff, topic=topic, approve=True)


def _take_up(committee, actor, topic, title, *, days=0):
    starts = timezone.make_aware(dt.datetime(YEAR, 5, 1 + days, 9))
    return activity_services.create_activity(
        actor=actor,
        committee=committee,
        kind=factories.kind(committee=committee, code="research"),
        title=title,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        topic=topic,
    )


def test_lower_committees_take_up_the_province_topic_and_count_their_own(
    shared_topic, city, county, staff, province_staff, make_user
):
    county_staff = make_user(Role.STAFF, county)
    _take_up(city, staff, shared_topic, "市级农村养老调研")
    _take_up(county, county_staff, shared_topic, "县级农村养老调研", days=1)
    _take_up(county, county_staff, shared_topic, "县级养老院走访", days=2)

    assert set(shared_topic.activities.values_list("committee_id", flat=True)) == {
        city.pk,
        county.pk,
    }
    progress = selectors.topic_progress(user=province_staff, pk=shared_topic.pk)
    assert progress["total"] == 3
    by_committee = {row["committee"].pk: len(row["activities"]) for row in progress["committees"]}
    assert by_committee == {city.pk: 1, county.pk: 2}


def test_a_sibling_or_lower_topic_is_refused(city, county, other_county, staff, make_user):
    sibling_staff = make_user(Role.STAFF, other_county)
    plan = plans.open_plan(actor=sibling_staff, committee=other_county, year=YEAR)
    topic = plans.collect_topic(
        actor=sibling_staff,
        plan=plan,
        title="邻县议题",
        kind=factories.kind(committee=other_county, code="research"),
    )
    topic = plans.decide_topic(actor=sibling_staff, topic=topic, approve=True)
    with pytest.raises(ValidationError):  # the city cannot take up a county's topic
        _take_up(city, staff, topic, "不能关联下级议题")
    with pytest.raises(ValidationError):  # nor a county its neighbour's
        _take_up(county, make_user(Role.STAFF, county), topic, "不能关联邻县议题")


def test_only_the_owner_and_those_above_read_the_topic_page(
    client, shared_topic, city, county, staff, province_staff, make_user
):
    _take_up(city, staff, shared_topic, "市级农村养老调研")
    url = reverse("activities:topic", args=[shared_topic.pk])

    client.force_login(province_staff)
    page = client.get(url).content.decode()
    assert "市级农村养老调研" in page and city.display_name in page
    for outsider in (staff, make_user(Role.STAFF, county), make_user(Role.MEMBER, city)):
        with pytest.raises(PermissionDenied):
            selectors.topic_progress(user=outsider, pk=shared_topic.pk)


def test_the_topic_page_reads_in_constant_queries(
    client,
    shared_topic,
    city,
    county,
    staff,
    province_staff,
    make_user,
    django_assert_max_num_queries,
):
    county_staff = make_user(Role.STAFF, county)
    for n in range(3):
        _take_up(city, staff, shared_topic, f"市级调研{n}", days=n)
        _take_up(county, county_staff, shared_topic, f"县级调研{n}", days=n)
    client.force_login(province_staff)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("activities:topic", args=[shared_topic.pk])).status_code == 200


def test_an_activity_already_held_is_taken_into_the_upper_topic_by_its_own_office(
    shared_topic, city, county, staff, province_staff, make_user
):
    activity = factories.make_activity(committee=county, title="县级香菇产业调研")
    with pytest.raises(PermissionDenied):  # neither the province's office nor the city's
        activity_services.link_topic(actor=province_staff, activity=activity, topic=shared_topic)
    with pytest.raises(PermissionDenied):
        activity_services.link_topic(actor=staff, activity=activity, topic=shared_topic)
    county_staff = make_user(Role.STAFF, county)
    linked = activity_services.link_topic(
        actor=county_staff, activity=activity, topic=shared_topic, reason="纳入省政协议题"
    )
    assert linked.topic == shared_topic
    latest = activity.history.first()
    assert (latest.topic_id, latest.history_user, latest.history_change_reason) == (
        shared_topic.pk,
        county_staff,
        "纳入省政协议题",
    )
    progress = selectors.topic_progress(user=province_staff, pk=shared_topic.pk)
    assert [a.pk for row in progress["committees"] for a in row["activities"]] == [activity.pk]


def test_a_topic_not_above_the_activity_is_refused_and_nothing_changes(
    shared_topic, city, county, staff
):
    """A city's activity cannot take up a county's topic; refused on `topic`, unchanged."""
    county_plan = plans.open_plan(actor=None, committee=county, year=YEAR)
    lower = plans.decide_topic(
        actor=None,
        topic=plans.collect_topic(
            actor=None,
            plan=county_plan,
            title="县级议题",
            kind=factories.kind(committee=county, code="research"),
        ),
        approve=True,
    )
    activity = factories.make_activity(committee=city, title="市级调研")
    with pytest.raises(ValidationError) as refused:
        activity_services.link_topic(actor=staff, activity=activity, topic=lower)
    assert "topic" in refused.value.message_dict
    activity.refresh_from_db()
    assert activity.topic is None
    assert activity.history.count() == 1
