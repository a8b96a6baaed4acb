import pytest
from django.urls import reverse

from zhengxie.core.directory import KINDS
from zhengxie.core.factories import (
    make_member,
    make_plenary,
    make_sector,
    make_town,
    make_venue,
)
from zhengxie.core.models import Role, Sector, Venue


@pytest.mark.parametrize("slug", list(KINDS))
def test_every_kind_lists_and_offers_a_blank_form(client, city, staff, slug):
    make_plenary(committee=city)
    make_venue(committee=city)
    client.force_login(staff)

    assert client.get(reverse("core:record_list", args=[slug])).status_code == 200
    assert client.get(reverse("core:record_create", args=[slug])).status_code == 200


def test_directory_lists_cost_constant_queries(client, city, staff, django_assert_max_num_queries):
    for _ in range(30):
        make_venue(committee=city, convenor=staff)
    client.force_login(staff)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("core:record_list", args=["venues"]))

    assert len(response.context["rows"]) == 30


def test_staff_adds_a_sector_and_a_duplicate_is_refused(client, city, staff):
    client.force_login(staff)
    url = reverse("core:record_create", args=["sectors"])

    client.post(url, {"name": "科技界", "sort_order": 1, "is_active": "on"})
    again = client.post(url, {"name": "科技界", "sort_order": 2, "is_active": "on"})

    assert Sector.objects.filter(committee=city, name="科技界").count() == 1
    assert "本政协已有名称相同的记录" in again.context["form"].errors["name"][0]


def test_deactivating_a_sector_keeps_it_with_history(client, city, staff):
    sector = make_sector(committee=city)
    client.force_login(staff)
    url = reverse("core:record_edit", args=["sectors", sector.pk])

    client.post(url, {"name": sector.name, "sort_order": 0})

    sector.refresh_from_db()
    assert not sector.is_active
    page = client.get(url).content.decode()
    assert "修改记录" in page and str(staff) in page


def test_venue_takes_a_convenor_and_attached_members(client, city, staff, make_user):
    town = make_town(committee=city)
    convenor = make_user(Role.CONVENOR, city)
    members = [make_member(committee=city) for _ in range(2)]
    client.force_login(staff)

    client.post(
        reverse("core:record_create", args=["venues"]),
        {
            "name": "洪山镇政协委员之家",
            "town": town.pk,
            "kind": "home",
            "convenor": convenor.pk,
            "members": [m.pk for m in members],
            "is_active": "on",
        },
    )

    venue = Venue.objects.get(name="洪山镇政协委员之家")
    assert venue.convenor == convenor
    assert set(venue.members.all()) == set(members)


def test_venue_refuses_a_town_of_another_committee(client, city, county, staff):
    foreign = make_town(committee=county, name="厉山镇")
    client.force_login(staff)

    response = client.post(
        reverse("core:record_create", args=["venues"]),
        {"name": "某地", "town": foreign.pk, "kind": "home"},
    )

    assert "town" in response.context["form"].errors
    assert not Venue.objects.exists()
