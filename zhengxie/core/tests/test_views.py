import datetime as dt
import socket

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from redis.exceptions import ConnectionError as RedisConnectionError

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


def test_readyz_answers_when_database_cache_and_tasks_answer(client, db):
    # when
    response = client.get("/readyz")
    # then the immediate backend in tests has no queue to lag
    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "cache": "ok",
        "tasks": {"backend": "ImmediateBackend", "oldest_waiting_seconds": None},
    }


def test_readyz_names_the_database_when_it_does_not_answer(client, db, monkeypatch):
    # given a database that refuses connections
    class Unreachable:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("zhengxie.core.readiness.connection", Unreachable())
    # when
    response = client.get("/readyz")
    # then
    assert response.status_code == 503
    assert response.json()["database"] == "error: OperationalError"
    assert response.json()["cache"] == "ok"


def test_readyz_names_the_cache_when_redis_is_away(client, db, monkeypatch):
    # given a cache whose server has gone
    class Away:
        def set(self, *args, **kwargs):
            raise RedisConnectionError("connection reset")

    monkeypatch.setattr("zhengxie.core.readiness.cache", Away())
    # when
    response = client.get("/readyz")
    # then
    assert response.status_code == 503
    assert response.json()["cache"] == "error: ConnectionError"
    assert response.json()["database"] == "ok"


def test_readyz_names_the_cache_when_no_redis_listens(client, db, settings):
    # given the production cache (django-redis) pointed at a loopback port nothing listens on
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{port}/0",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }}  # fmt: skip
    # when
    response = client.get("/readyz")
    # then the load balancer is told the cache is the part that is away, not a crash
    assert response.status_code == 503
    assert response.json()["cache"].startswith("error: ")
    assert response.json()["database"] == "ok"


def test_readyz_reports_how_long_the_oldest_ready_task_has_waited(client, db, settings):
    # given the database task queue, a task waiting two minutes and an older one finished
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    now = timezone.now()
    for status, age in (("READY", 120), ("SUCCESSFUL", 3600)):
        task = DBTaskResult.objects.create(
            status=status,
            args_kwargs={"args": [], "kwargs": {}},
            task_path="zhengxie.proposals.tasks.proposal_deadlines",
            backend_name="default",
            run_after=get_date_max(),
        )
        DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=now - dt.timedelta(seconds=age))
    # when
    response = client.get("/readyz")
    # then the lag is the waiting task's, not the finished one's
    assert response.status_code == 200
    tasks = response.json()["tasks"]
    assert tasks["backend"] == "DatabaseBackend"
    assert 120 <= tasks["oldest_waiting_seconds"] < 180
