"""Residents moved over from the committee's old website (move_over_residents and its command):
their names, password hashes and registration dates kept, the resident role given, history
naming the staff, every bad row named with nobody moved, and who may do it."""

import datetime as dt

import pytest
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from zhengxie.core.models import Role, RoleGrant, User
from zhengxie.core.services.residents import MOVED_OVER, MovedResident, move_over_residents

OLD_SITE = dt.datetime(2019, 5, 4, 9, 30, tzinfo=dt.UTC)


def _person(n: int, **fields) -> MovedResident:
    return MovedResident(
        **{"username": f"luntan{n}", "display_name": f"老网友{n}", "mobile": "", **fields}
    )


def test_the_old_sites_people_keep_their_name_password_and_joining_day(city, staff):
    people = [
        _person(1, password_hash=make_password("laomima1"), joined=OLD_SITE, mobile="13572201234"),
        _person(2, email="wang@example.cn"),
    ]

    moved = move_over_residents(staff=staff, committee=city, people=people)

    first, second = (User.objects.get(pk=user.pk) for user in moved)
    # the one who brought a password signs in with it, from the day they joined the old site
    assert first.username == "luntan1" and first.check_password("laomima1")
    assert first.date_joined == OLD_SITE and first.mobile == "13572201234"
    # the one who did not sets one by SMS code first: no password signs them in
    assert not second.has_usable_password() and second.email == "wang@example.cn"
    assert timezone.now() - second.date_joined < dt.timedelta(minutes=5)
    # both are residents of the committee, as if they had registered on its portal
    for user in (first, second):
        assert RoleGrant.objects.filter(user=user, committee=city, role=Role.RESIDENT).exists()


def test_history_names_the_staff_and_the_move(city, staff):
    (user,) = move_over_residents(staff=staff, committee=city, people=[_person(1)])

    account = user.history.get()
    grant = RoleGrant.objects.get(user=user).history.get()
    for row in (account, grant):
        assert (row.history_type, row.history_user, row.history_change_reason) == (
            "+",
            staff,
            MOVED_OVER,
        )


def test_every_bad_row_is_named_and_nobody_is_moved(city, staff):
    User.objects.create(username="Taken", display_name="已有账号")
    User.objects.create(username="holder", display_name="手机已用", mobile="13572200000")
    people = [
        _person(1),  # a good row: not moved either
        _person(2, username="taken"),  # held by Taken, under another case
        _person(3, username="13572209999"),  # a mobile as a username
        _person(4, display_name=" "),
        _person(5, mobile="12345"),
        _person(6, mobile="13572200000"),  # signs in the holder
        _person(7, email="not-an-address"),
        _person(8, password_hash="plain text"),
        _person(9, joined=timezone.now() + dt.timedelta(days=1)),
        _person(10, username="luntan1"),  # the first row's name again
    ]

    with pytest.raises(ValidationError) as refused:
        move_over_residents(staff=staff, committee=city, people=people)

    messages = refused.value.messages
    for row in range(2, 11):
        assert any(m.startswith(f"第 {row} 行") for m in messages), row
    assert any("用户名“taken”已被占用" in m for m in messages)
    assert any("在本批中出现了多次" in m and m.startswith("第 10 行") for m in messages)
    assert not User.objects.filter(username__startswith="luntan").exists()
    assert not RoleGrant.objects.filter(role=Role.RESIDENT).exists()


def test_two_rows_with_one_mobile_are_both_named(city, staff):
    people = [_person(1, mobile="13572201111"), _person(2, mobile="135 7220 1111")]

    with pytest.raises(ValidationError) as refused:
        move_over_residents(staff=staff, committee=city, people=people)

    assert [m[:6] for m in refused.value.messages] == ["第 1 行（", "第 2 行（"]


@pytest.mark.parametrize("role", [Role.MEMBER, Role.UNIT, Role.RESIDENT, Role.LEADER])
def test_only_the_committees_office_moves_people_in(city, make_user, role):
    with pytest.raises(PermissionDenied):
        move_over_residents(staff=make_user(role, city), committee=city, people=[_person(1)])
    assert not User.objects.filter(username="luntan1").exists()


def test_a_county_office_cannot_move_people_into_the_city(city, county, make_user):
    with pytest.raises(PermissionDenied):
        move_over_residents(
            staff=make_user(Role.STAFF, county), committee=city, people=[_person(1)]
        )


def test_the_query_count_does_not_grow_with_the_people(city, staff, django_assert_max_num_queries):
    move_over_residents(staff=staff, committee=city, people=[_person(n) for n in range(3)])
    with django_assert_max_num_queries(12):
        move_over_residents(
            staff=staff, committee=city, people=[_person(n) for n in range(100, 160)]
        )


def _csv(tmp_path, text: str):
    path = tmp_path / "old-forum.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_command_reads_the_old_sites_export(city, staff, tmp_path, capsys):
    hashed = make_password("laomima1")
    file = _csv(
        tmp_path,
        "username,display_name,mobile,email,password_hash,joined\n"
        f"luntan1,老网友一,13572201234,,{hashed},2019-05-04 17:30\n"
        "luntan2,老网友二,,,,\n",
    )

    call_command("move_over_residents", file, committee="city", staff=staff.username)

    first = User.objects.get(username="luntan1")
    assert first.check_password("laomima1") and first.date_joined == OLD_SITE
    assert User.objects.get(username="luntan2").role_grants.get().role == Role.RESIDENT
    assert "已迁入 2 位用户" in capsys.readouterr().out


def test_the_commands_dry_run_and_refusal_write_nothing(city, staff, tmp_path, capsys):
    good = _csv(tmp_path, "username,display_name\nluntan1,老网友一\n")
    call_command("move_over_residents", good, committee="city", staff=staff.username, dry_run=True)
    assert "校验通过：1 位用户" in capsys.readouterr().out

    bad = _csv(tmp_path, "username,display_name\nluntan1,老网友一\n13572209999,手机号\n")
    with pytest.raises(CommandError, match="未迁入任何用户"):
        call_command("move_over_residents", bad, committee="city", staff=staff.username)
    assert "第 2 行" in capsys.readouterr().err
    assert not User.objects.filter(username="luntan1").exists()
