"""The office makes an account for anyone it may give a role to (create_account), on the
accounts page and in the demo: who may make what, the initial password or a kept password hash,
the refusals naming their field with nothing made, and the history naming the staff."""

import pytest
from django.contrib.auth.hashers import make_password
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.urls import reverse

from zhengxie.core.factories import make_handling_unit
from zhengxie.core.models import LeaderKind, Role, RoleGrant, User
from zhengxie.core.services.accounts import create_account, create_unit_account, grant_role

from .test_staff_accounts import created_password


def _leader(staff, committee, username: str = "fuzhuxi", **extra):
    return create_account(
        staff=staff,
        committee=committee,
        role=Role.LEADER,
        username=username,
        display_name="市政协 副主席",
        leader_kind=LeaderKind.CHAIR_MEMBER,
        title="市政协副主席",
        **extra,
    )


def _nothing_made(username: str) -> bool:
    return not User.objects.filter(username=username).exists() and not (
        RoleGrant.objects.filter(user__username=username).exists()
    )


@pytest.fixture
def superuser(make_user):
    user = make_user(None)
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


def test_the_city_office_makes_a_leader_who_must_change_the_initial_password(city, staff):
    user, password = _leader(staff, city, mobile="139 1234 5678")

    grant = RoleGrant.objects.get(user=user)
    assert (grant.committee, grant.role, grant.leader_kind, grant.title) == (
        city,
        Role.LEADER,
        LeaderKind.CHAIR_MEMBER,
        "市政协副主席",
    )
    assert (user.display_name, user.mobile) == ("市政协 副主席", "13912345678")
    assert user.must_change_password and user.activated_at is None
    assert password and user.check_password(password)


# Who may make a leader's account in the city: only its own office (and the platform's
# superuser); the county's office and every other role of the city are refused.
@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("city_staff", True),
        ("city_admin", True),
        ("superuser", True),
        ("county_staff", False),
        ("city_member", False),
        ("city_unit", False),
        ("city_resident", False),
        ("city_leader", False),
        ("city_convenor", False),
    ],
)
def test_who_may_make_a_leaders_account_in_the_city(request, city, county, make_user, who, allowed):
    if who == "superuser":
        staff = request.getfixturevalue("superuser")
    else:
        place, role = who.split("_")
        staff = make_user(role, city if place == "city" else county)

    if allowed:
        user, _password = _leader(staff, city)
        assert RoleGrant.objects.filter(user=user, committee=city, role=Role.LEADER).exists()
    else:
        with pytest.raises(PermissionDenied):
            _leader(staff, city)
        assert _nothing_made("fuzhuxi")


def test_the_county_office_makes_accounts_in_its_own_committee(county, make_user):
    county_staff = make_user(Role.STAFF, county)

    user, _password = _leader(county_staff, county)

    assert RoleGrant.objects.filter(user=user, committee=county, role=Role.LEADER).exists()


def test_only_an_administrator_makes_an_administrators_account(city, staff, make_user):
    with pytest.raises(PermissionDenied):
        create_account(
            staff=staff, committee=city, role=Role.ADMIN, username="guanli", display_name="管理"
        )
    assert _nothing_made("guanli")

    admin = make_user(Role.ADMIN, city)
    user, _password = create_account(
        staff=admin, committee=city, role=Role.ADMIN, username="guanli", display_name="管理"
    )
    assert RoleGrant.objects.filter(user=user, role=Role.ADMIN).exists()


def test_an_account_moved_over_keeps_its_password_hash_and_needs_no_change(city, staff):
    user, password = _leader(staff, city, password_hash=make_password("old-system-pw"))

    user.refresh_from_db()
    assert password is None
    assert user.check_password("old-system-pw")
    assert not user.must_change_password
    # Its holder knows the password already: the account counts as activated.
    assert user.activated_at is not None


@pytest.mark.parametrize("role", [Role.MEMBER, Role.RESIDENT])
def test_members_and_residents_are_not_made_here(city, superuser, role):
    with pytest.raises(ValidationError) as refused:
        create_account(
            staff=superuser, committee=city, role=role, username="someone", display_name="某人"
        )

    assert "role" in refused.value.message_dict
    assert _nothing_made("someone")


def test_a_taken_username_is_refused_on_its_field_with_nothing_made(city, staff, make_user):
    make_user(None, username="Fuzhuxi")
    before = (User.objects.count(), RoleGrant.objects.count())

    with pytest.raises(ValidationError) as refused:
        _leader(staff, city, username="fuzhuxi", mobile="13912345678")

    assert list(refused.value.message_dict) == ["username"]
    assert (User.objects.count(), RoleGrant.objects.count()) == before
    assert not User.objects.filter(mobile="13912345678").exists()


@pytest.mark.parametrize(
    ("mobile", "says"), [("13912345678", "已是其他账号的登录手机号"), ("12345678901", "11 位")]
)
def test_a_taken_or_wrong_mobile_is_refused_on_its_field_with_nothing_made(
    city, staff, make_user, mobile, says
):
    make_user(None, mobile="13912345678")

    with pytest.raises(ValidationError) as refused:
        _leader(staff, city, mobile=mobile)

    assert list(refused.value.message_dict) == ["mobile"]
    assert says in refused.value.message_dict["mobile"][0]
    assert _nothing_made("fuzhuxi")


def test_a_unit_liaison_needs_a_unit_as_a_grant_does(city, staff):
    with pytest.raises(ValidationError) as refused:
        create_account(
            staff=staff, committee=city, role=Role.UNIT, username="lianluo", display_name="联络员"
        )

    assert "handling_unit" in refused.value.message_dict
    assert _nothing_made("lianluo")


def test_history_names_the_staff_who_made_the_account_and_granted_the_role(city, staff):
    """Outside a request too (the demo, a command): no middleware names the user there."""
    unit = make_handling_unit(committee=city)

    user, _password = create_unit_account(
        staff=staff, unit=unit, username="lianluo", display_name="联络员"
    )

    grant = RoleGrant.objects.get(user=user)
    assert [h.history_user for h in User.history.filter(id=user.pk)] == [staff]
    assert [h.history_user for h in RoleGrant.history.filter(id=grant.pk)] == [staff]
    assert (grant.role, grant.handling_unit) == (Role.UNIT, unit)
    assert user.must_change_password


def test_a_grant_outside_a_request_names_the_staff_in_history(city, staff, make_user):
    person = make_user(None)

    grant = grant_role(staff=staff, user=person, committee=city, role=Role.LEADER, title="市长")
    grant_role(staff=staff, user=person, committee=city, role=Role.LEADER, title="副市长")

    grant.refresh_from_db()
    assert grant.title == "副市长"
    assert [h.history_user for h in RoleGrant.history.filter(id=grant.pk)] == [staff, staff]


def test_a_misspelt_role_detail_fails_with_nothing_made(city, staff):
    with pytest.raises(FieldDoesNotExist):
        _leader(staff, city, leaderkind=LeaderKind.OTHER)

    assert _nothing_made("fuzhuxi")


def test_the_office_makes_a_colleagues_account_on_the_accounts_page(client, city, staff):
    client.force_login(staff)
    url = reverse("core:account_list")

    page = client.get(url)
    response = client.post(
        url,
        {
            "action": "create",
            "role": Role.STAFF,
            "username": "lixiaoyu",
            "display_name": "李晓雨",
            "mobile": "13912345678",
            "department": "办公室",
        },
    )

    offered = dict(page.context["create_form"].fields["role"].choices)
    assert Role.MEMBER not in offered and Role.RESIDENT not in offered and Role.ADMIN not in offered
    assert Role.LEADER in offered
    user = User.objects.get(username="lixiaoyu")
    grant = RoleGrant.objects.get(user=user)
    assert (grant.role, grant.department, user.mobile) == (Role.STAFF, "办公室", "13912345678")
    assert [h.history_user for h in User.history.filter(id=user.pk)] == [staff]
    # the new colleague logs in with the password shown once, and must change it first
    client.logout()
    login = client.post(
        reverse("core:login"), {"username": "lixiaoyu", "password": created_password(response)}
    )
    assert login.status_code == 302
    assert client.get(reverse("core:inbox")).url == reverse("core:password_change")


def test_the_page_shows_a_taken_mobile_beside_its_field(client, city, staff, make_user):
    make_user(None, mobile="13912345678")
    client.force_login(staff)

    response = client.post(
        reverse("core:account_list"),
        {
            "action": "create",
            "role": Role.CONVENOR,
            "username": "zhaojiren",
            "display_name": "召集人",
            "mobile": "13912345678",
        },
    )

    assert response.status_code == 200
    assert "已是其他账号的登录手机号" in response.context["create_form"].errors["mobile"][0]
    assert _nothing_made("zhaojiren")


def test_the_page_offers_no_member_or_resident_role(client, city, staff):
    client.force_login(staff)

    response = client.post(
        reverse("core:account_list"),
        {"action": "create", "role": Role.MEMBER, "username": "weiyuan", "display_name": "委员"},
    )

    assert "role" in response.context["create_form"].errors
    assert _nothing_made("weiyuan")
