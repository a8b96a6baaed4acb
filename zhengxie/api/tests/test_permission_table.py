"""Every operation of the API asked by every role of the permission world with its own token:
the answer permission_table.py expects, nothing written by a refused request, and no operation
of the OpenAPI document without a row (a new endpoint must say who may use it)."""

import re

import pytest
from django.db import connection
from django.test import Client

from zhengxie.api.main import api
from zhengxie.core.models import Notification
from zhengxie.core.services.api_tokens import issue_token
from zhengxie.core.tests.permission_world import ROLES, Const, build_world

from .permission_table import TABLE

PREFIX = "/api/v1"
TOKENS: dict[str, str] = {}
# Writes any request may make: a token's last-used stamp, the lockout's log.
BOOKKEEPING = re.compile(r'^\s*(UPDATE "core_apitoken" SET "last_used_at"|INSERT INTO "axes_)')
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    from django.core.management import call_command

    from zhengxie.search.fulltext import engine

    with django_db_blocker.unblock():
        built = build_world()
        member = built.users["member"]
        built.records["member_device"] = issue_token(user=member, device_name="平板").record
        built.records["member_notification"] = Notification.objects.create(
            recipient=member, title="通知"
        )
        for role, user in built.users.items():
            if user is not None:
                TOKENS[role] = issue_token(user=user).token
        yield built
        call_command("flush", "--noinput")
        engine().clear()


def _operations() -> set[str]:
    paths = api.get_openapi_schema()["paths"]
    return {
        f"{method.upper()} {path.removeprefix(PREFIX)}"
        for path, operations in paths.items()
        for method in operations
    }


def test_every_operation_has_a_row_and_every_row_an_operation():
    operations = _operations()
    assert sorted(operations - set(TABLE)) == [], "operations without a row in TABLE"
    assert sorted(set(TABLE) - operations) == [], "rows in TABLE for no operation"


def _url(world, key: str) -> str:
    path = key.split(" ", 1)[1]
    for name, value in TABLE[key].args.items():
        argument = str(value) if isinstance(value, Const) else str(world.records[value].pk)
        path = path.replace(f"{{{name}}}", argument)
    return PREFIX + path


def _cells():
    for key in TABLE:
        for role in ROLES:
            yield pytest.param(key, role, id=f"{key}-{role}")


@pytest.mark.parametrize(("key", "role"), list(_cells()))
def test_each_role_gets_the_answer_the_table_says(world, db, key, role):
    # given the role's token and the row's request
    row, method = TABLE[key], key.split(" ", 1)[0].lower()
    headers = {"Authorization": f"Bearer {TOKENS[role]}"} if role in TOKENS else {}
    writes = []

    def watch(execute, sql, params, many, context):
        if WRITE.match(sql) and not BOOKKEEPING.match(sql):
            writes.append(sql)
        return execute(sql, params, many, context)

    # when
    with connection.execute_wrapper(watch):
        kwargs = {"headers": headers}
        if method != "get":
            kwargs |= {"data": row.body or {}, "content_type": "application/json"}
        response = getattr(Client(), method)(_url(world, key), **kwargs)
    # then
    expected = row.answers[role]
    allowed = expected if isinstance(expected, tuple) else (expected,)
    assert response.status_code in allowed, response.content[:300]
    if response.status_code >= 400:
        assert set(response.json()) == {"error"}
        assert writes == [], "a refused request wrote to the database"
