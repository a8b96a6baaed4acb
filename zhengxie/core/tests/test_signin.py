"""The doors into the platform hold against scripts: lockout per account and address, a
throttle per address, a human check and no account enumeration at registration, and a first
password that must really change."""

from axes.models import AccessAttempt
from django.test import RequestFactory, override_settings
from django.urls import reverse

from zhengxie.core.challenge import SESSION_KEY
from zhengxie.core.factories import PASSWORD
from zhengxie.core.models import Role, User
from zhengxie.core.throttle import client_address

ATTACKER = {"REMOTE_ADDR": "203.0.113.9"}
OWNER = {"REMOTE_ADDR": "198.51.100.7"}


def _sign_in(client, username, password, **meta):
    return client.post(reverse("core:login"), {"username": username, "password": password}, **meta)


def test_owner_signs_in_from_elsewhere_after_an_attacker_fails_five_times(client, make_user, city):
    # given an attacker who guessed the administrator's password five times
    admin = make_user(Role.ADMIN, city)
    for _ in range(5):
        _sign_in(client, admin.username, "wrong", **ATTACKER)
    assert _sign_in(client, admin.username, PASSWORD, **ATTACKER).status_code == 429
    # when the owner signs in from their own address
    response = _sign_in(client, admin.username, PASSWORD, **OWNER)
    # then
    assert response.status_code == 302


def test_one_address_spraying_twenty_accounts_is_throttled(client, make_user, city):
    # given twenty accounts and an address that tries one password on each
    users = [make_user(Role.RESIDENT, city) for _ in range(20)]
    statuses = [_sign_in(client, u.username, "123456", **ATTACKER).status_code for u in users]
    # then the later tries are refused outright, even with a right password
    assert statuses[-1] == 429
    assert _sign_in(client, users[0].username, PASSWORD, **ATTACKER).status_code == 429
    # and another address is not affected
    assert _sign_in(client, users[0].username, PASSWORD, **OWNER).status_code == 302


def test_a_successful_sign_in_keeps_the_earlier_failures(client, make_user, city):
    # given four failures
    user = make_user(Role.MEMBER, city)
    for _ in range(4):
        _sign_in(client, user.username, "wrong", **ATTACKER)
    # when the right password follows
    assert _sign_in(client, user.username, PASSWORD, **ATTACKER).status_code == 302
    # then the failures are still on record
    attempt = AccessAttempt.objects.get(username=user.username)
    assert attempt.failures_since_start == 4


def test_a_forwarded_header_from_a_client_does_not_change_its_address(db):
    # given a client that talks to the app directly and forges the proxy header
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="10.1.1.1")
    # then its own address counts
    assert client_address(request) == "203.0.113.9"


@override_settings(TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
def test_the_forwarded_header_from_our_proxy_gives_the_client_address(db):
    # given a request relayed by two of our proxies, with a forged first hop
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.0.0.5"
    )
    # then the first address our proxies did not add is the client's
    assert client_address(request) == "203.0.113.9"


def test_sign_in_says_the_same_for_an_unknown_account_and_a_wrong_password(client, make_user, city):
    # given
    user = make_user(Role.RESIDENT, city)
    # when
    unknown = _sign_in(client, "no-such-person", "wrong", **OWNER)
    wrong = _sign_in(client, user.username, "wrong", **OWNER)
    # then
    assert unknown.context["form"].errors == wrong.context["form"].errors


def _registration(client, username: str, **meta) -> dict:
    client.get(reverse("core:register"), **meta)
    return {
        "username": username,
        "display_name": "小王",
        "email": "",
        "password1": "Suizhou-2022!",
        "password2": "Suizhou-2022!",
        "answer": client.session[SESSION_KEY],
    }


def test_registration_needs_the_answer_to_the_question(client, city):
    # given a form filled in by a script that does not read the question
    data = {**_registration(client, "xiaowang"), "answer": 0}
    # when
    response = client.post(reverse("core:register"), data)
    # then
    assert response.status_code == 200
    assert "answer" in response.context["form"].errors
    assert not User.objects.filter(username="xiaowang").exists()


def test_an_answer_buys_one_attempt(client, city):
    # given a right answer already spent on a failed attempt
    data = _registration(client, "xiaowang")
    client.post(reverse("core:register"), {**data, "password2": "mismatch"})
    session = client.session
    session[SESSION_KEY] = data["answer"] + 1  # the new question has another answer
    session.save()
    # when the old answer is sent again
    response = client.post(reverse("core:register"), data)
    # then
    assert "answer" in response.context["form"].errors


def test_a_taken_name_reads_the_same_as_a_reserved_one(client, make_user, city):
    # given an existing account
    make_user(Role.RESIDENT, city, username="laozhang")
    # when someone tries its name and a reserved name
    taken = client.post(reverse("core:register"), _registration(client, "LaoZhang"))
    reserved = client.post(reverse("core:register"), _registration(client, "admin"))
    # then both get the same answer, which does not say the name exists
    assert taken.context["form"].errors["username"] == reserved.context["form"].errors["username"]
    assert "已存在" not in taken.content.decode()


def test_one_address_registers_at_most_five_times_an_hour(client, city):
    # given five registrations from one address
    for n in range(5):
        client.post(
            reverse("core:register"), _registration(client, f"bot{n}", **ATTACKER), **ATTACKER
        )
        client.logout()
    # when a sixth comes
    response = client.post(
        reverse("core:register"), _registration(client, "bot5", **ATTACKER), **ATTACKER
    )
    # then it is refused and nothing is written
    assert response.status_code == 429
    assert not User.objects.filter(username="bot5").exists()
    assert User.objects.filter(username__startswith="bot").count() == 5


def test_the_first_password_change_refuses_the_issued_password(client, make_user, city):
    # given an account with the password the office issued
    user = make_user(Role.MEMBER, city)
    user.must_change_password = True
    user.save()
    client.force_login(user)
    # when the person "changes" it to itself
    response = client.post(
        reverse("core:password_change"),
        {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    # then it is refused and the change is still required
    assert "new_password2" in response.context["form"].errors
    user.refresh_from_db()
    assert user.must_change_password


def test_a_name_taken_while_the_form_was_checked_reads_as_taken(client, city, monkeypatch):
    # given someone else registers the name after this form found it free
    from zhengxie.core.views import signin

    register = signin.register_resident

    def second_to_arrive(**fields):
        User.objects.create_user(username=fields["username"], password="Other-2022!")
        return register(**fields)

    monkeypatch.setattr(signin, "register_resident", second_to_arrive)
    # when
    response = client.post(reverse("core:register"), _registration(client, "xiaowang"))
    # then the form says the name is unavailable, as it would have a moment earlier
    assert response.status_code == 200
    assert response.context["form"].errors["username"] == ["该用户名不可用，请换一个。"]
