"""A departed member (离任) loses the member role and every session; the seat's record stays."""

import pytest
from django.urls import reverse

from zhengxie.core.factories import make_member
from zhengxie.core.models import Member, Role, RoleGrant
from zhengxie.core.permissions import all_roles, grants_of
from zhengxie.core.services.accounts import grant_role
from zhengxie.core.services.members import set_member_active

SESSION_ENGINES = [
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cache",
    "django.contrib.sessions.backends.cached_db",
    "django.contrib.sessions.backends.signed_cookies",
]


@pytest.mark.parametrize("engine", SESSION_ENGINES)
def test_departure_signs_the_member_out_of_an_open_session(client, settings, city, staff, engine):
    # given a member signed in, with whichever session backend the site runs
    settings.SESSION_ENGINE = engine
    member = make_member(committee=city, with_account=True)
    client.force_login(member.user)
    assert client.get(reverse("core:inbox")).status_code == 200
    # when the office marks the member as departed
    set_member_active(user=staff, member=member, active=False, reason="换届离任")
    # then the open session no longer signs them in
    response = client.get(reverse("core:inbox"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("core:login"))


def test_departure_ends_the_member_role_and_history_shows_why(city, staff):
    # given a member with an account
    member = make_member(committee=city, with_account=True)
    # when
    set_member_active(user=staff, member=member, active=False, reason="换届离任")
    # then the seat stays, the grant is gone and its history says when and why
    member.refresh_from_db()
    assert not member.is_active and Member.objects.filter(pk=member.pk).exists()
    assert not RoleGrant.objects.filter(user=member.user, role=Role.MEMBER).exists()
    ended = RoleGrant.history.filter(user_id=member.user.pk, role=Role.MEMBER).latest("history_id")
    assert ended.history_type == "-"
    assert ended.history_change_reason == "换届离任"
    assert Role.MEMBER not in all_roles(member.user)


def test_reactivation_gives_the_member_role_back(city, staff):
    # given a departed member
    member = make_member(committee=city, with_account=True)
    set_member_active(user=staff, member=member, active=False)
    # when
    set_member_active(user=staff, member=member, active=True)
    # then
    user = type(member.user).objects.get(pk=member.user.pk)
    assert Role.MEMBER in all_roles(user)


def test_a_member_grant_handed_to_a_departed_member_stays_dead(city, staff):
    # given a departed member
    member = make_member(committee=city, with_account=True)
    set_member_active(user=staff, member=member, active=False)
    # when the role is granted again while the seat is still ended
    grant_role(staff=staff, user=member.user, committee=city, role=Role.MEMBER)
    # then no role predicate counts it
    user = type(member.user).objects.get(pk=member.user.pk)
    assert [g.role for g in grants_of(user)] == []


def test_other_roles_of_a_departed_member_stay(city, staff):
    # given a member who also runs a venue
    member = make_member(committee=city, with_account=True)
    RoleGrant.objects.create(user=member.user, committee=city, role=Role.CONVENOR)
    # when
    set_member_active(user=staff, member=member, active=False)
    # then
    user = type(member.user).objects.get(pk=member.user.pk)
    assert all_roles(user) == {Role.CONVENOR}
