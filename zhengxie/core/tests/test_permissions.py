import pytest
from django.core.exceptions import PermissionDenied

from zhengxie.core import permissions
from zhengxie.core.models import Role


def test_county_staff_reads_only_its_own_committee(county, other_county, make_user):
    # given
    user = make_user(Role.STAFF, county)
    # when
    readable = permissions.readable_committee_ids(user)
    # then
    assert readable == {county.pk}
    assert not permissions.is_office(user, other_county)


def test_city_leader_reads_the_rollup_but_runs_no_office(city, county, other_county, make_user):
    leader = make_user(Role.LEADER, city)

    assert permissions.readable_committee_ids(leader) == {city.pk, county.pk, other_county.pk}
    assert not permissions.is_office(leader, city)


def test_city_member_reads_only_the_city(city, county, make_user):
    member = make_user(Role.MEMBER, city)

    assert permissions.readable_committee_ids(member) == {city.pk}


def test_check_office_raises_with_a_chinese_reason(city, make_user):
    resident = make_user(Role.RESIDENT, city)

    with pytest.raises(PermissionDenied, match="机关工作人员"):
        permissions.check_office(resident, city)


def test_unit_liaison_answers_for_its_unit(city, make_user):
    liaison = make_user(Role.UNIT, city)

    assert permissions.unit_ids_of(liaison) == {liaison.role_grants.get().handling_unit_id}


def test_guest_has_no_committee(db):
    from django.contrib.auth.models import AnonymousUser

    assert permissions.readable_committee_ids(AnonymousUser()) == set()
