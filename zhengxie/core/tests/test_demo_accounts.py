"""Every demo member signs in with their fictitious number and the demo password; the named
demo accounts keep working."""

import re

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.urls import reverse

from zhengxie.core.demo import DEMO_PASSWORD
from zhengxie.core.imports.apply import CHANGE_REASON
from zhengxie.core.models import Member, OutboxMessage, Role, RoleGrant, User
from zhengxie.core.services.residents import MOVED_OVER

pytestmark = pytest.mark.usefixtures("demo_world")


@pytest.fixture
def db_access(db):
    """The demo world is committed for the module; each test reads it in its own transaction."""


def test_every_demo_member_signs_in_with_number_and_password(db_access):
    # given the whole roster
    members = list(Member.objects.filter(is_active=True).order_by("id"))
    assert len(members) == 1119
    request = RequestFactory().post(reverse("core:login"), REMOTE_ADDR="198.51.100.7")
    # when each number is tried with the demo password, through the sign-in's own backends
    refused = []
    for member in members:
        user = authenticate(request, username=member.mobile, password=DEMO_PASSWORD)
        if user is None or user.pk != member.user_id:
            refused.append(member.mobile)
    # then every member gets their own account back
    assert refused == []


def test_every_demo_member_holds_the_member_role_and_a_fictitious_number(db_access):
    mobiles = list(Member.objects.values_list("mobile", flat=True))
    assert all(re.fullmatch(r"1390000\d{4}", mobile) for mobile in mobiles)
    assert len(set(mobiles)) == 1119
    members_with_role = RoleGrant.objects.filter(role=Role.MEMBER).values("user").distinct()
    assert members_with_role.count() == 1119
    assert not User.objects.filter(member__isnull=False, activated_at__isnull=True).exists()


@pytest.mark.parametrize("mobile", ["13900000000", "13900000316", "13900001118"])
def test_members_of_the_city_and_the_counties_sign_in_by_http(client, db_access, mobile):
    response = client.post(reverse("core:login"), {"username": mobile, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("duty:me")).status_code == 200


def test_a_demo_member_signs_in_by_sms_code(client, db_access):
    client.post(reverse("core:sms_login"), {"mobile": "13900000500", "action": "send"})
    text = OutboxMessage.objects.filter(phone="13900000500").latest("sent_at").text
    code = re.search(r"\d{6}", text)[0]

    response = client.post(
        reverse("core:sms_login"), {"mobile": "13900000500", "code": code, "action": "login"}
    )

    assert response.status_code == 302
    assert User.objects.get(pk=client.session["_auth_user_id"]).member.mobile == "13900000500"


@pytest.mark.parametrize(
    "login",
    [
        "admin",
        "staff",
        "member",
        "member2",
        "unit",
        "leader",
        "convenor",
        "resident",
        "13900000001",
        "13800000001",
    ],
)
def test_the_named_demo_accounts_keep_working(client, db_access, login):
    response = client.post(reverse("core:login"), {"username": login, "password": DEMO_PASSWORD})
    assert response.status_code == 302


@pytest.mark.parametrize(
    "username",
    [
        "staff",
        "zengdu_staff",
        "suixian_staff",
        "unit",
        "leader",
        "chair",
        "convenor",
        "suizhou_info",
    ],
)
def test_the_demo_role_logins_are_made_as_an_office_makes_an_account(db_access, username):
    """By the platform's administrator through create_account, with the demo password kept:
    activated, no forced change, the account's and the grant's history naming who made them."""
    admin = User.objects.get(username="admin")
    user = User.objects.get(username=username)
    made = User.history.filter(id=user.pk).earliest("history_date")
    granted = RoleGrant.history.filter(user_id=user.pk).earliest("history_date")
    assert (made.history_user, granted.history_user) == (admin, admin)
    assert user.activated_at is not None and not user.must_change_password
    assert user.check_password(DEMO_PASSWORD)


def test_the_demo_units_liaisons_are_made_by_their_committees_office(db_access):
    grant = RoleGrant.objects.filter(
        role=Role.UNIT, committee__code="suixian", user__username__startswith="unit_"
    ).first()
    office = User.objects.get(username="suixian_staff")
    made = User.history.filter(id=grant.user_id).earliest("history_date")
    assert made.history_user == office
    assert grant.history.earliest("history_date").history_user == office


@pytest.mark.parametrize(
    ("username", "password", "joined_year"), [("citizen1", True, 2022), ("seeker1", False, None)]
)
def test_the_demo_residents_came_over_from_the_old_sites_with_the_city_office(
    db_access, username, password, joined_year
):
    """The forum's two residents and the job board's people, moved over by the city office:
    the forum's with the day they registered there, the job seekers without a password."""
    user = User.objects.get(username=username)
    made = User.history.filter(id=user.pk).earliest("history_date")
    assert (made.history_user.username, made.history_change_reason) == ("staff", MOVED_OVER)
    assert RoleGrant.objects.get(user=user).role == Role.RESIDENT
    assert user.has_usable_password() is password
    if joined_year:
        assert user.date_joined.year == joined_year


@pytest.mark.parametrize(
    ("code", "office"), [("suizhou", "staff"), ("guangshui", "guangshui_staff")]
)
def test_each_roster_came_in_through_the_import_by_its_office(db_access, code, office):
    """Seats and accounts are made as an office's roster workbook makes them: the history of
    both names the office and the import."""
    seats = Member.objects.filter(committee__code=code).order_by("id")
    for seat in (seats.first(), seats.last()):
        made = seat.history.earliest("history_date")
        account = User.history.filter(id=seat.user_id).earliest("history_date")
        assert (made.history_user.username, made.history_change_reason) == (office, CHANGE_REASON)
        assert (account.history_user.username, account.history_change_reason) == (
            office,
            CHANGE_REASON,
        )


def test_the_member_logins_hold_their_seats_from_the_roster(db_access):
    """The guide's `member` login held 刘荣's number before the roster came in, so the import
    linked her seat to it and granted the role, as it does for anyone with an account."""
    seat = Member.objects.get(committee__code="suizhou", name="刘荣")
    assert seat.user.username == "member"
    grant = RoleGrant.objects.get(user=seat.user, role=Role.MEMBER)
    assert grant.history.earliest("history_date").history_change_reason == CHANGE_REASON
