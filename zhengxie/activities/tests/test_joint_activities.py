"""Joint activities with the upper level (与省政协联合调研): recorded once by the lower committee
with the upper committee as its partner on the platform, read by both, edited by the owner,
counted once in any set of committees."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from zhengxie.activities import factories, selectors
from zhengxie.activities.models import Activity, InvitationSource
from zhengxie.activities.services import activities as activity_services
from zhengxie.activities.services.attendance import mark_held, record_attendance_by_staff
from zhengxie.activities.services.invitations import invite_members
from zhengxie.core.factories import make_member
from zhengxie.core.models import Role

YEAR = 2022
migration = importlib.import_module(
    "zhengxie.activities.migrations.0005_joint_activity_upper_partner"
)


def _joint(committee, actor, partner, *, title="联合调研农村养老", upper_committee=""):
    starts = timezone.make_aware(dt.datetime(YEAR, 6, 12, 9))
    return activity_services.create_activity(
        actor=actor,
        committee=committee,
        kind=factories.kind(committee=committee, code="joint"),
        title=title,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        upper_partner=partner,
        upper_committee=upper_committee,
    )


@pytest.fixture
def province_staff(province, make_user):
    return make_user(Role.STAFF, province)


@pytest.fixture
def held_joint(province, city, staff):
    """The city's research held with the province, one member present."""
    activity = _joint(city, staff, province)
    member = make_member(committee=city)
    invite_members(
        actor=staff, activity=activity, source=InvitationSource.MANUAL, member_ids=[member.pk]
    )
    activity_services.send_notice(actor=staff, activity=activity)
    record_attendance_by_staff(actor=staff, activity=activity, member=member)
    return mark_held(actor=staff, activity=activity)


def test_the_partner_is_one_of_the_committees_ancestors(province, city, county, staff, make_user):
    county_staff = make_user(Role.STAFF, county)
    # a county names the province, two levels up
    activity = _joint(county, county_staff, province)
    activity.refresh_from_db()
    assert activity.upper_partner == province
    # but not a committee below it, nor itself
    for partner, committee, actor in ((county, city, staff), (city, city, staff)):
        with pytest.raises(ValidationError) as refused:
            _joint(committee, actor, partner)
        assert "upper_partner" in refused.value.message_dict
    assert not Activity.objects.filter(committee=city).exists()


def test_only_the_owning_office_records_or_links_the_partner(province, city, staff, province_staff):
    with pytest.raises(PermissionDenied):  # the province's office cannot record it for the city
        _joint(city, province_staff, province)
    activity = factories.make_activity(committee=city, code="joint")
    with pytest.raises(PermissionDenied):
        activity_services.link_upper_partner(
            actor=province_staff, activity=activity, partner=province
        )
    linked = activity_services.link_upper_partner(actor=staff, activity=activity, partner=province)
    activity.refresh_from_db()
    assert linked.upper_partner == activity.upper_partner == province
    assert activity.history.first().upper_partner_id == province.pk


def test_a_joint_activity_shows_in_both_committees_lists(
    client, held_joint, province, city, county, staff, province_staff, make_user
):
    own = factories.make_activity(committee=city, title="市政协自己的学习")
    for user, committee in ((province_staff, province), (staff, city)):
        client.force_login(user)
        page = client.get(reverse("activities:list"), {"committee": committee.code})
        assert page.status_code == 200
        listed = {a.pk for a in page.context["page"]}
        assert held_joint.pk in listed
        assert (own.pk in listed) == (committee == city)
    # a county's office reads neither
    client.force_login(make_user(Role.STAFF, county))
    assert held_joint not in selectors.list_activities(user=make_user(Role.STAFF, county))
    refused = client.get(reverse("activities:list"), {"committee": city.code})
    assert refused.status_code == 403


@pytest.mark.parametrize(
    ("role", "where", "reads", "roster", "manages"),
    [
        (Role.STAFF, "province", True, True, False),  # the partner's office
        (Role.LEADER, "province", True, True, False),  # the partner's leaders
        (Role.STAFF, "city", True, True, True),  # the owning office
        (Role.MEMBER, "province", False, False, False),  # not invited
        (Role.STAFF, "county", False, False, False),  # a committee below the owner
    ],
)
def test_who_reads_the_joint_activity_and_its_attendance(
    client, held_joint, province, city, county, make_user, role, where, reads, roster, manages
):
    committee = {"province": province, "city": city, "county": county}[where]
    if role == Role.MEMBER:
        user = make_member(committee=committee, with_account=True).user
    else:
        user = make_user(role, committee)
    client.force_login(user)
    page = client.get(reverse("activities:detail", args=[held_joint.pk]))
    assert page.status_code == (200 if reads else 403)
    if reads:
        html = page.content.decode()
        assert ('data-testid="roster"' in html) is roster
        assert page.context["manage"] is manages
        assert province.display_name in html


def test_the_partners_office_cannot_edit_the_attendance(held_joint, province_staff):
    member = make_member(committee=held_joint.committee)
    with pytest.raises(PermissionDenied):
        invite_members(
            actor=province_staff,
            activity=held_joint,
            source=InvitationSource.MANUAL,
            member_ids=[member.pk],
        )
    assert held_joint.invitations.count() == 1


def test_figures_count_a_joint_activity_once_in_any_set_of_committees(held_joint, province, city):
    alone = selectors.figures(committee_ids=[province.pk], year=YEAR)
    owner = selectors.figures(committee_ids=[city.pk], year=YEAR)
    rollup = selectors.figures(committee_ids=[province.pk, city.pk], year=YEAR)

    assert (alone["held"], alone["joint_with_lower"]) == (0, 1)
    assert (owner["held"], owner["joint_with_upper"], owner["joint_with_lower"]) == (1, 1, 0)
    assert (rollup["held"], rollup["joint_with_lower"]) == (1, 0)
    for figures in (alone, owner, rollup):
        assert figures["held"] + figures["joint_with_lower"] == 1


def test_the_figures_page_shows_the_joint_figure(client, held_joint, province, province_staff):
    client.force_login(province_staff)
    page = client.get(reverse("activities:figures"), {"committee": province.code, "year": YEAR})
    assert page.context["figures"]["joint_with_lower"] == 0  # the city is in the page's set
    assert 'data-testid="joint-with-lower"' in page.content.decode()


def test_the_provinces_figures_reach_the_counties_below_its_cities(
    client, province, county, province_staff, make_user
):
    # given a county's activity, two levels below the province, held with one member present
    county_staff = make_user(Role.STAFF, county)
    activity = _joint(county, county_staff, None, title="县级调研")
    member = make_member(committee=county)
    invite_members(
        actor=county_staff, activity=activity, source=InvitationSource.MANUAL,
        member_ids=[member.pk],
    )  # fmt: skip
    activity_services.send_notice(actor=county_staff, activity=activity)
    record_attendance_by_staff(actor=county_staff, activity=activity, member=member)
    mark_held(actor=county_staff, activity=activity)
    # when the province's office reads its figures
    client.force_login(province_staff)
    page = client.get(reverse("activities:figures"), {"committee": province.code, "year": YEAR})
    # then the county's activity and its participant are counted
    assert page.context["figures"]["held"] == 1
    assert page.context["participants"] == 1


def test_the_migration_links_free_text_naming_an_ancestor(
    province, city, county, other_county, staff, make_user
):
    county_staff = make_user(Role.STAFF, county)
    named = _joint(county, county_staff, None, title="县省联动", upper_committee="测试省政协")
    by_full_name = _joint(city, staff, None, title="市省联动", upper_committee=province.name)
    sibling = _joint(county, county_staff, None, title="县县联动", upper_committee="另一县政协")
    outside = _joint(city, staff, None, title="国家部委调研", upper_committee="全国政协")

    migration.link_named_upper_committees(apps, None)

    linked = dict(Activity.objects.values_list("title", "upper_partner_id"))
    assert linked == {
        named.title: province.pk,
        by_full_name.title: province.pk,
        sibling.title: None,  # a neighbour is not an upper committee
        outside.title: None,  # not on the platform: the text stays
    }
    assert Activity.objects.get(pk=outside.pk).upper_committee == "全国政协"


def test_the_list_reads_in_constant_queries(
    client, province, city, staff, province_staff, django_assert_max_num_queries
):
    for n in range(4):
        _joint(city, staff, province, title=f"联合调研{n}")
    client.force_login(province_staff)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("activities:list"), {"committee": province.code})
    assert len(page.context["page"]) == 4
