"""One account per member, keyed by the mobile and kept in step with the roster: the member
pages, the roster import, departure and return."""

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from zhengxie.core.factories import (
    PASSWORD,
    make_member,
    make_roster_dictionaries,
    make_roster_row,
    make_roster_workbook,
    make_user,
)
from zhengxie.core.imports import apply_rows, read_workbook, validate_rows
from zhengxie.core.models import Member, Role, RoleGrant, SmsCode, User
from zhengxie.core.permissions import all_roles
from zhengxie.core.services.member_accounts import ensure_member_accounts
from zhengxie.core.services.members import create_member, set_member_active, update_member


def _check(committee, rows):
    return validate_rows(committee=committee, rows=read_workbook(make_roster_workbook(rows)))


def _signs_in(mobile: str, password: str = PASSWORD) -> User | None:
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="198.51.100.7")
    return authenticate(request, username=mobile, password=password)


def test_a_new_member_gets_an_account_keyed_by_the_mobile(city, staff):
    # when
    member = create_member(
        user=staff, committee=city, fields={"name": "陈静", "gender": "F", "mobile": "13911112222"}
    )
    # then the account waits for activation, with the member role
    member.refresh_from_db()
    user = member.user
    assert user.mobile == "13911112222" and user.display_name == "陈静"
    assert not user.has_usable_password() and user.activated_at is None
    assert all_roles(User.objects.get(pk=user.pk)) == {Role.MEMBER}
    # and the seat's history starts with the account already in place
    assert member.history.count() == 1 and member.history.get().user_id == user.pk


def test_a_member_without_a_mobile_gets_no_account(city, staff):
    member = create_member(user=staff, committee=city, fields={"name": "张三"})
    assert member.user is None and not User.objects.exclude(pk=staff.pk).exists()


def test_a_changed_number_moves_the_log_in(city, staff):
    # given a member who activated with a password
    member = create_member(
        user=staff, committee=city, fields={"name": "陈静", "gender": "F", "mobile": "13911112222"}
    )
    member.user.set_password(PASSWORD)
    member.user.save()
    SmsCode.objects.create(
        phone="13911112222", purpose="sign_in", digest="x", expires_at=member.user.date_joined
    )
    # when the office records a new number
    update_member(user=staff, member=member, fields={"mobile": "13933334444"})
    # then the new number signs in, the old one no longer, and codes to the old are void
    assert _signs_in("13933334444") == member.user
    assert _signs_in("13911112222") is None
    assert not SmsCode.objects.filter(phone="13911112222").exists()
    user = User.objects.get(pk=member.user_id)
    assert user.history.first().history_change_reason == "修改委员信息"


def test_a_number_held_by_another_members_account_is_refused_and_nothing_changes(city, staff):
    # given two members with accounts
    first = create_member(
        user=staff, committee=city, fields={"name": "甲", "gender": "M", "mobile": "13911112222"}
    )
    second = create_member(
        user=staff, committee=city, fields={"name": "乙", "gender": "M", "mobile": "13933334444"}
    )
    # when the second is given the first's number
    with pytest.raises(ValidationError, match="已是测试市政协委员甲的登录账号"):
        update_member(user=staff, member=second, fields={"mobile": "13911112222"})
    # then nothing changed
    second.refresh_from_db()
    assert second.mobile == "13933334444" and second.user.mobile == "13933334444"
    assert first.user.mobile == "13911112222"


def test_the_member_form_names_the_member_whose_account_holds_the_number(client, city, staff):
    create_member(
        user=staff, committee=city, fields={"name": "甲", "gender": "M", "mobile": "13911112222"}
    )
    client.force_login(staff)

    response = client.post(
        f"{reverse('core:member_create')}?committee={city.code}",
        {"name": "乙", "gender": "M", "ethnicity": "汉族", "mobile": "139 1111 2222"},
    )

    assert "已是测试市政协委员甲的登录账号" in response.context["form"].errors["mobile"][0]
    assert not Member.objects.filter(name="乙").exists()


def test_an_account_already_holding_the_number_is_linked_not_duplicated(city, staff):
    # given a staff member who bound the number before joining the committee
    person = make_user(role=Role.STAFF, committee=city, mobile="13911112222")
    # when the roster names them as a member
    member = create_member(
        user=staff, committee=city, fields={"name": "丙", "gender": "M", "mobile": "13911112222"}
    )
    # then their own account is the member's, with both roles
    assert member.user == person
    assert all_roles(User.objects.get(pk=person.pk)) == {Role.STAFF, Role.MEMBER}


def test_the_import_gives_everyone_it_names_an_account_and_a_second_run_changes_nothing(city):
    # given a roster with a member who predates accounts, and a new one
    make_roster_dictionaries(committee=city)
    old = make_member(committee=city, name="李明", mobile="13900000001")
    rows = _check(city, [make_roster_row(), make_roster_row(姓名="王芳", 手机号码="13900000002")])
    # when
    apply_rows(committee=city, rows=rows.rows)
    # then both sign in by their number once activated, and both hold the member role
    old.refresh_from_db()
    new = Member.objects.get(name="王芳")
    assert (old.user.mobile, new.user.mobile) == ("13900000001", "13900000002")
    assert RoleGrant.objects.filter(role=Role.MEMBER, committee=city).count() == 2
    # and importing again writes nothing
    counts = (User.objects.count(), User.history.count(), Member.history.count())
    again = apply_rows(committee=city, rows=rows.rows)
    assert again.unchanged == 2
    assert (User.objects.count(), User.history.count(), Member.history.count()) == counts


def test_the_import_refuses_a_number_another_members_account_holds(city, county):
    # given a county member whose account holds a number
    make_roster_dictionaries(committee=city)
    create_member(
        user=make_user(role=Role.STAFF, committee=county),
        committee=county,
        fields={"name": "赵强", "gender": "M", "mobile": "13900000001"},
    )
    # when the city's roster gives that number to someone else, and one number to two people
    checked = _check(
        city,
        [
            make_roster_row(姓名="李明", 手机号码="13900000001"),
            make_roster_row(姓名="王芳", 手机号码="13900000002"),
            make_roster_row(姓名="周敏", 手机号码="13900000002"),
        ],
    )
    # then each row says why, and nothing can be applied
    assert [str(e) for e in checked.errors] == [
        "第4行：手机号码：与第3行王芳的相同",
        "第2行：手机号码：已是测试县政协委员赵强的登录账号",
    ]


def test_departure_keeps_the_account_and_its_history_but_not_the_role(city, staff):
    member = create_member(
        user=staff, committee=city, fields={"name": "陈静", "gender": "F", "mobile": "13911112222"}
    )

    set_member_active(user=staff, member=member, active=False, reason="换届离任")

    user = User.objects.get(pk=member.user_id)
    assert user.mobile == "13911112222" and user.history.exists()
    assert Role.MEMBER not in all_roles(user)


def test_a_departed_member_named_again_by_the_import_gets_the_role_back(city, staff):
    # given a departed member
    make_roster_dictionaries(committee=city)
    member = create_member(
        user=staff, committee=city, fields={"name": "李明", "gender": "M", "mobile": "13900000001"}
    )
    set_member_active(user=staff, member=member, active=False)
    # when the next roster names them again
    apply_rows(committee=city, rows=_check(city, [make_roster_row()]).rows)
    # then the seat and the role are back, on the same account
    member.refresh_from_db()
    assert member.is_active
    assert all_roles(User.objects.get(pk=member.user_id)) == {Role.MEMBER}


def test_no_account_is_made_for_a_departed_seat(city):
    member = make_member(committee=city, is_active=False)

    assert ensure_member_accounts(members=[member], actor=None, reason="测试") == 0
    assert member.user is None
