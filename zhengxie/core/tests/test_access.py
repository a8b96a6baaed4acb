"""Every page of the people and accounts screens, for every role: allowed or a 403."""

import pytest
from django.urls import reverse

from zhengxie.core.factories import make_member, make_roster_dictionaries, make_venue
from zhengxie.core.models import Role, RoleGrant, RosterImport

ALL_ROLES = [r.value for r in Role]
OFFICE = {Role.STAFF, Role.ADMIN}
ROSTER_READERS = {Role.STAFF, Role.ADMIN, Role.LEADER}


@pytest.fixture
def world(city):
    make_roster_dictionaries(committee=city)
    member = make_member(committee=city, name="张伟", mobile="13912345678")
    venue = make_venue(committee=city)
    return {"member": member, "venue": venue}


def pages(world, city, staff):
    member = world["member"]
    job = RosterImport.objects.create(committee=city, uploaded_by=staff, file_name="a.xlsx")
    grant = RoleGrant.objects.get(user=staff)
    return [
        ("get", reverse("core:member_list"), ROSTER_READERS),
        ("get", reverse("core:member_detail", args=[member.pk]), ROSTER_READERS),
        ("get", reverse("core:member_create"), OFFICE),
        ("get", reverse("core:member_edit", args=[member.pk]), OFFICE),
        ("post", reverse("core:member_set_active", args=[member.pk, 0]), OFFICE),
        ("get", reverse("core:roster_upload"), OFFICE),
        ("get", reverse("core:roster_import", args=[job.pk]), OFFICE),
        ("get", reverse("core:roster_import_progress", args=[job.pk]), OFFICE),
        ("get", reverse("core:roster_export"), OFFICE),
        ("get", reverse("core:directory"), OFFICE),
        ("get", reverse("core:record_list", args=["venues"]), OFFICE),
        ("get", reverse("core:record_create", args=["sectors"]), OFFICE),
        ("get", reverse("core:record_edit", args=["venues", world["venue"].pk]), OFFICE),
        ("get", reverse("core:account_list"), OFFICE),
        ("post", reverse("core:role_revoke", args=[grant.pk]), OFFICE),
    ]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_reaches_exactly_its_pages(client, city, staff, make_user, world, role):
    # given a person holding one role in the city committee
    user = make_user(role, city)
    client.force_login(user)
    for method, url, allowed in pages(world, city, staff):
        # when
        response = getattr(client, method)(url)
        # then
        if role in allowed:
            assert response.status_code in (200, 302), (url, response.status_code)
        else:
            assert response.status_code == 403, (url, response.status_code)
            assert "无权" in response.content.decode() or "只有" in response.content.decode()


def test_guests_are_sent_to_login(client, city, staff, world):
    for method, url, _allowed in pages(world, city, staff):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("core:login"))


def test_county_staff_is_denied_another_countys_records(client, county, other_county, make_user):
    # given
    make_roster_dictionaries(committee=other_county)
    member = make_member(committee=other_county)
    venue = make_venue(committee=other_county)
    client.force_login(make_user(Role.STAFF, county))
    urls = [
        f"{reverse('core:member_list')}?committee={other_county.code}",
        reverse("core:member_detail", args=[member.pk]),
        reverse("core:member_edit", args=[member.pk]),
        f"{reverse('core:roster_upload')}?committee={other_county.code}",
        f"{reverse('core:roster_export')}?committee={other_county.code}",
        f"{reverse('core:directory')}?committee={other_county.code}",
        reverse("core:record_edit", args=["venues", venue.pk]),
        f"{reverse('core:account_list')}?committee={other_county.code}",
    ]
    for url in urls:
        # when
        response = client.get(url)
        # then
        assert response.status_code == 403, url
        assert "无权" in response.content.decode() or "只有" in response.content.decode()


def test_city_leader_reads_county_rosters_but_edits_nothing(client, city, county, make_user):
    member = make_member(committee=county, name="王磊", mobile="13900001111")
    client.force_login(make_user(Role.LEADER, city))

    listing = client.get(f"{reverse('core:member_list')}?committee={county.code}")
    detail = client.get(reverse("core:member_detail", args=[member.pk]))

    assert listing.status_code == 200
    assert "王磊" in listing.content.decode()
    assert "139****1111" in detail.content.decode()
    assert "13900001111" not in detail.content.decode()
    assert client.get(reverse("core:member_edit", args=[member.pk])).status_code == 403


def test_county_leader_does_not_read_the_city_roster(client, city, county, make_user):
    client.force_login(make_user(Role.LEADER, county))

    response = client.get(f"{reverse('core:member_list')}?committee={city.code}")

    assert response.status_code == 403


def test_unknown_directory_kind_is_404(client, staff):
    client.force_login(staff)

    assert client.get(reverse("core:record_list", args=["planets"])).status_code == 404
