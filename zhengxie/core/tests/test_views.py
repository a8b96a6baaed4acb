import pytest
from django.urls import reverse

from zhengxie.core.challenge import SESSION_KEY
from zhengxie.core.factories import PASSWORD
from zhengxie.core.models import Role, RoleGrant, User


def test_healthz_reports_database_and_cache(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_resident_registers_and_is_logged_in(client, city):
    # given the registration page and its question
    client.get(reverse("core:register"))
    # when
    response = client.post(
        reverse("core:register"),
        {
            "username": "xiaowang",
            "display_name": "小王",
            "email": "",
            "password1": "Suizhou-2022!",
            "password2": "Suizhou-2022!",
            "answer": client.session[SESSION_KEY],
        },
    )
    # then
    assert response.status_code == 302
    user = User.objects.get(username="xiaowang")
    assert RoleGrant.objects.get(user=user).role == Role.RESIDENT
    assert client.get(reverse("core:home")).context["user"] == user


def test_five_failed_logins_lock_the_account(client, make_user, city):
    user = make_user(Role.MEMBER, city)
    url = reverse("core:login")
    for _ in range(5):
        client.post(url, {"username": user.username, "password": "wrong"})

    response = client.post(url, {"username": user.username, "password": PASSWORD})

    assert response.status_code == 429
    assert "锁定" in response.content.decode()


def test_first_login_forces_a_password_change(client, make_user, city):
    user = make_user(Role.MEMBER, city)
    user.must_change_password = True
    user.save()
    client.force_login(user)

    assert client.get(reverse("core:inbox")).url == reverse("core:password_change")
    client.post(
        reverse("core:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Bianzhong-88",
            "new_password2": "Bianzhong-88",
        },
    )
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get(reverse("core:inbox")).status_code == 200


@pytest.mark.parametrize("path", ["/no-such-page/"])
def test_unknown_page_is_a_chinese_404(client, db, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_the_lock_lifts_after_fifteen_minutes(client, make_user, city):
    import datetime as dt

    from axes.models import AccessAttempt
    from django.utils import timezone

    # given an account locked by five failures
    user = make_user(Role.MEMBER, city)
    url = reverse("core:login")
    for _ in range(5):
        client.post(url, {"username": user.username, "password": "wrong"})
    assert client.post(url, {"username": user.username, "password": PASSWORD}).status_code == 429
    # when sixteen minutes have passed
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    # then the right password signs in
    response = client.post(url, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
