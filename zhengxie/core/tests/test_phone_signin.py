"""Signing in by mobile number: with a password or an SMS code, for every role; resetting a
password by SMS; the limits on codes; and adding a number to one's own account."""

import re

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from zhengxie.core.factories import PASSWORD, make_member
from zhengxie.core.models import OutboxMessage, Role, SmsCode, User
from zhengxie.core.services.members import create_member
from zhengxie.core.services.signin import MAX_TRIES

OWNER = {"REMOTE_ADDR": "198.51.100.7"}
ATTACKER = {"REMOTE_ADDR": "203.0.113.9"}
ROLES = [Role.MEMBER, Role.STAFF, Role.UNIT, Role.LEADER, Role.CONVENOR, Role.RESIDENT, Role.ADMIN]


def code_sent_to(phone: str) -> str:
    text = OutboxMessage.objects.filter(phone=phone).latest("sent_at", "id").text
    return re.search(r"\d{6}", text)[0]


def ask_code(client, phone: str, url: str = "core:sms_login", **meta):
    return client.post(reverse(url), {"mobile": phone, "action": "send"}, **meta)


def sms_sign_in(client, phone: str, code: str, **meta):
    return client.post(
        reverse("core:sms_login"), {"mobile": phone, "code": code, "action": "login"}, **meta
    )


def signed_in_user(client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


@pytest.fixture
def person(city, make_user):
    """person(role) -> an account of that role in the city whose mobile is 13912340000+n."""
    numbers = iter(range(100))

    def make(role: str) -> User:
        return make_user(role, city, mobile=f"1391234{next(numbers):04d}")

    return make


@pytest.mark.parametrize("role", ROLES)
def test_every_role_signs_in_with_mobile_and_password(client, person, role):
    user = person(role)

    response = client.post(
        reverse("core:login"), {"username": user.mobile, "password": PASSWORD}, **OWNER
    )

    assert response.status_code == 302
    assert signed_in_user(client) == user


@pytest.mark.parametrize("role", ROLES)
def test_every_role_signs_in_with_an_sms_code(client, person, role):
    # given
    user = person(role)
    # when the person asks for a code and types what the SMS says
    ask_code(client, user.mobile, **OWNER)
    response = sms_sign_in(client, user.mobile, code_sent_to(user.mobile), **OWNER)
    # then
    assert response.status_code == 302 and response.url == reverse("core:home")
    assert signed_in_user(client) == user


def test_the_code_is_stored_only_as_a_hash_and_works_once(client, person):
    user = person(Role.MEMBER)
    ask_code(client, user.mobile, **OWNER)
    code = code_sent_to(user.mobile)

    row = SmsCode.objects.get(phone=user.mobile)
    assert code not in row.digest and len(row.digest) == 64
    assert sms_sign_in(client, user.mobile, code, **OWNER).status_code == 302
    client.logout()
    again = sms_sign_in(client, user.mobile, code, **OWNER)
    assert again.status_code == 200 and signed_in_user(client) is None
    assert "请先获取验证码" in again.content.decode()


def test_a_new_members_first_sms_sign_in_leads_to_setting_a_password(client, city, staff):
    # given a member whose account the roster made (no password yet)
    member = create_member(
        user=staff, committee=city, fields={"name": "陈静", "gender": "F", "mobile": "13911112222"}
    )
    # when they sign in by SMS code
    ask_code(client, "13911112222", **OWNER)
    sms_sign_in(client, "13911112222", code_sent_to("13911112222"), **OWNER)
    # then every page sends them to set a password, which asks for no old one
    assert client.get(reverse("core:inbox")).url == reverse("core:password_change")
    form = client.get(reverse("core:password_change")).context["form"]
    assert "old_password" not in form.fields
    client.post(
        reverse("core:password_change"),
        {"new_password1": "Suizhou-2022!", "new_password2": "Suizhou-2022!"},
    )
    # and the account is activated: the password signs in
    user = User.objects.get(pk=member.user_id)
    assert user.activated_at is not None and not user.must_change_password
    assert user.check_password("Suizhou-2022!")
    assert client.get(reverse("core:inbox")).status_code == 200


@pytest.mark.parametrize("typed", ["12345", "12345678901", "abc"])
def test_a_bad_number_gets_a_clear_message_and_no_code(client, db, typed):
    response = ask_code(client, typed, **OWNER)

    assert "请输入正确的 11 位中国大陆手机号码" in response.context["form"].errors["mobile"][0]
    assert not SmsCode.objects.exists() and not OutboxMessage.objects.exists()


def test_a_number_without_an_account_is_answered_alike_but_sent_nothing(client, person):
    # given one number with an account and one without
    user = person(Role.MEMBER)
    # when both ask for a code
    known = ask_code(client, user.mobile, **OWNER)
    unknown = ask_code(client, "13700000000", **OWNER)
    # then the pages say the same, but only the account's number gets an SMS
    numbers = re.compile(r"1\d\d\*{4}\d{4}")

    def said(response) -> list[str]:
        return [numbers.sub("…", str(m)) for m in response.context["messages"]]

    assert said(known) == said(unknown) and "验证码已发送至" in said(known)[0]
    assert (known.status_code, known.context["form"].errors) == (200, {})
    assert (unknown.status_code, unknown.context["form"].errors) == (200, {})
    assert list(OutboxMessage.objects.values_list("phone", flat=True)) == [user.mobile]
    assert sms_sign_in(client, "13700000000", "000000", **OWNER).status_code == 200


def test_five_wrong_codes_kill_the_code(client, person):
    # given a code sent
    user = person(Role.MEMBER)
    ask_code(client, user.mobile, **OWNER)
    right = code_sent_to(user.mobile)
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    # when it is guessed wrong five times
    answers = [sms_sign_in(client, user.mobile, wrong, **OWNER) for _ in range(MAX_TRIES)]
    # then each says how many tries are left, and then the right code no longer works
    assert "还可再试 4 次" in answers[0].content.decode()
    assert "错误次数过多" in answers[-1].content.decode()
    assert sms_sign_in(client, user.mobile, right, **OWNER).status_code == 200
    assert signed_in_user(client) is None


def test_an_expired_code_is_refused(client, person):
    user = person(Role.MEMBER)
    ask_code(client, user.mobile, **OWNER)
    SmsCode.objects.update(expires_at=timezone.now())

    response = sms_sign_in(client, user.mobile, code_sent_to(user.mobile), **OWNER)

    assert "验证码已过期，请重新获取" in response.content.decode()
    assert signed_in_user(client) is None


def test_a_new_code_waits_a_minute_after_the_last(client, person):
    user = person(Role.MEMBER)
    ask_code(client, user.mobile, **OWNER)

    again = ask_code(client, user.mobile, **OWNER)

    assert re.search(r"请 \d+ 秒后再重新获取", again.content.decode())
    assert OutboxMessage.objects.count() == 1


def test_one_number_gets_at_most_five_codes_an_hour(client, person):
    user = person(Role.MEMBER)
    for _ in range(5):
        ask_code(client, user.mobile, **OWNER)
        SmsCode.objects.update(created_at=timezone.now() - timezone.timedelta(minutes=2))

    response = ask_code(client, user.mobile, **OWNER)

    assert response.status_code == 429 and "过于频繁" in response.content.decode()
    assert OutboxMessage.objects.count() == 5


def test_one_address_asking_codes_for_many_numbers_is_throttled(client, settings, db):
    from zhengxie.core.services.signin import CODES_PER_ADDRESS

    statuses = [
        ask_code(client, f"1370000{n:04d}", **ATTACKER).status_code
        for n in range(CODES_PER_ADDRESS.limit + 1)
    ]

    assert statuses[-1] == 429 and set(statuses[:-1]) == {200}
    assert ask_code(client, "13711110000", **OWNER).status_code == 200


def test_wrong_codes_count_against_the_address_like_wrong_passwords(client, person, settings):
    # given an address that already failed fourteen password sign-ins
    user = person(Role.MEMBER)
    for n in range(settings.SIGN_IN_FAILURES_PER_ADDRESS - 1):
        client.post(reverse("core:login"), {"username": f"nobody{n}", "password": "x"}, **ATTACKER)
    ask_code(client, user.mobile, **ATTACKER)
    # when it guesses one code wrong
    sms_sign_in(client, user.mobile, "000000", **ATTACKER)
    # then even the right code is refused from there
    response = sms_sign_in(client, user.mobile, code_sent_to(user.mobile), **ATTACKER)
    assert response.status_code == 429 and signed_in_user(client) is None


def test_password_lockout_counts_a_number_however_it_is_typed(client, person):
    # given five wrong passwords for one number, typed three ways
    user = person(Role.MEMBER)
    for typed in ["139 1234 0000", "+8613912340000", "13912340000", "1391234-0000", "13912340000"]:
        client.post(reverse("core:login"), {"username": typed, "password": "wrong"}, **ATTACKER)
    # then the right password is refused from that address, and not from the owner's
    locked = client.post(
        reverse("core:login"), {"username": user.mobile, "password": PASSWORD}, **ATTACKER
    )
    assert locked.status_code == 429
    assert AccessAttempt.objects.get().username == "13912340000"
    fine = client.post(
        reverse("core:login"), {"username": user.mobile, "password": PASSWORD}, **OWNER
    )
    assert fine.status_code == 302


def test_reset_by_sms_sets_the_password_and_signs_out_elsewhere(client, person):
    # given a person signed in on another device
    user = person(Role.STAFF)
    from django.test import Client

    elsewhere = Client()
    elsewhere.force_login(user)
    # when they reset their password by SMS code
    ask_code(client, user.mobile, "core:password_reset", **OWNER)
    response = client.post(
        reverse("core:password_reset"),
        {
            "mobile": user.mobile,
            "code": code_sent_to(user.mobile),
            "new_password1": "Suizhou-2023!",
            "new_password2": "Suizhou-2023!",
            "action": "reset",
        },
        **OWNER,
    )
    # then
    assert response.status_code == 302 and signed_in_user(client) == user
    user.refresh_from_db()
    assert user.check_password("Suizhou-2023!")
    assert elsewhere.get(reverse("core:inbox")).status_code == 302


def test_a_weak_new_password_costs_no_code(client, person):
    user = person(Role.MEMBER)
    ask_code(client, user.mobile, "core:password_reset", **OWNER)
    data = {"mobile": user.mobile, "code": code_sent_to(user.mobile), "action": "reset"}

    weak = client.post(
        reverse("core:password_reset"), {**data, "new_password1": "123", "new_password2": "123"}
    )

    assert "new_password1" in weak.context["form"].errors
    assert SmsCode.objects.get().used_at is None
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_sign_in_code_does_not_reset_a_password(client, person):
    user = person(Role.MEMBER)
    ask_code(client, user.mobile, **OWNER)

    response = client.post(
        reverse("core:password_reset"),
        {
            "mobile": user.mobile,
            "code": code_sent_to(user.mobile),
            "new_password1": "Suizhou-2023!",
            "new_password2": "Suizhou-2023!",
            "action": "reset",
        },
        **OWNER,
    )

    assert "请先获取验证码" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_person_adds_a_number_and_then_signs_in_with_it(client, person):
    # given a resident without a number
    resident = person(Role.RESIDENT)
    resident.mobile = ""
    resident.save()
    client.force_login(resident)
    # when they bind a number with the code sent to it
    ask_code(client, "13755556666", "core:mobile_bind", **OWNER)
    client.post(
        reverse("core:mobile_bind"),
        {"mobile": "13755556666", "code": code_sent_to("13755556666"), "action": "bind"},
        **OWNER,
    )
    # then the number signs them in
    resident.refresh_from_db()
    assert resident.mobile == "13755556666"
    assert resident.history.first().history_change_reason == "绑定手机号"
    client.logout()
    client.post(reverse("core:login"), {"username": "13755556666", "password": PASSWORD}, **OWNER)
    assert signed_in_user(client) == resident


def test_a_member_cannot_bind_a_number_the_roster_does_not_hold(client, city):
    member = make_member(committee=city, with_account=True)
    client.force_login(member.user)

    response = ask_code(client, "13755556666", "core:mobile_bind", **OWNER)

    assert "以委员名册为准" in response.content.decode()
    assert not SmsCode.objects.exists()


def test_a_number_another_account_holds_cannot_be_bound(client, person):
    holder, other = person(Role.STAFF), person(Role.RESIDENT)
    other.mobile = ""
    other.save()
    client.force_login(other)

    response = ask_code(client, holder.mobile, "core:mobile_bind", **OWNER)

    assert "已绑定其他账号" in response.context["form"].errors["mobile"][0]
    assert not OutboxMessage.objects.exists()


def test_no_username_may_look_like_a_mobile_number(client, city, staff):
    unit_form = {"action": "unit", "display_name": "王联络员", "username": "13912345678"}
    client.force_login(staff)

    response = client.post(reverse("core:account_list"), unit_form)

    assert response.context["unit_form"].errors["username"] == ["用户名不能是手机号码。"]
