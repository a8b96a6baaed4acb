"""Every named URL asked by every role: the answer permission_matrix.py expects, a refused
POST that changes nothing, and no row missing for a route of the URL conf.

One world (permission_world.py) is built and committed for the module; each test runs in a
transaction that is rolled back, so a request that did write cannot disturb the next one.
"""

import io
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from .permission_matrix import (
    BAD_REQUEST,
    DENY,
    FORBIDDEN,
    LOGIN,
    MATRIX,
    MEMBERS_BOARD,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    REFUSALS,
)
from .permission_world import ROLES, ROUTE_ARGUMENTS, build_world, url_kwargs

# Writes a request may make whoever asks: the session (messages, the login) and the lockout's
# access log.
BOOKKEEPING = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM) "(django_session|axes_\w+)"')
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSIONS: dict[str, str] = {}  # role -> session key, filled by the world fixture


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once and committed; emptied after the module like the demo world."""
    from django.core.management import call_command

    from zhengxie.search.fulltext import engine

    with django_db_blocker.unblock():
        built = build_world()
        for role, user in built.users.items():
            if user is not None:
                login = Client()
                login.force_login(user)
                SESSIONS[role] = login.cookies[settings.SESSION_COOKIE_NAME].value
        yield built
        call_command("flush", "--noinput")
        engine().clear()


def _named_routes() -> set[str]:
    """Every named route of the URL conf but Django admin's own and the JSON API's, as
    namespace:name. The API's operations answer tokens, not sessions: its own table
    (zhengxie/api/tests/permission_table.py) walks every operation of its OpenAPI document."""
    found = set()

    def walk(resolver, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace not in {"admin", "api"}:
                    inner = ":".join(part for part in (namespace, pattern.namespace) if part)
                    walk(pattern, inner)
            elif pattern.name:
                found.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver(), "")
    return found


def _cells():
    for key in MATRIX:
        for role in ROLES:
            yield pytest.param(key, role, id=f"{key}-{role}")


def _refused_posts():
    for key, spec in MATRIX.items():
        for role in ROLES:
            if role in spec.writers:
                continue
            yield pytest.param(key, role, id=f"{key}-{role}")


def _sign_in(client, role: str) -> None:
    """The role's session, opened once for the module: a login per test would double the
    module's run time."""
    if role in SESSIONS:
        client.cookies[settings.SESSION_COOKIE_NAME] = SESSIONS[role]


def _ask(client, world, key: str, role: str, method: str):
    _sign_in(client, role)
    url = reverse(key.split("@")[0], kwargs=url_kwargs(world, key))
    writes = []

    def watch(execute, sql, params, many, context):
        if WRITE.match(sql) and not BOOKKEEPING.match(sql):
            writes.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        response = getattr(client, method)(url)
    return response, writes


def _matches(response, expected: str) -> bool:
    status = response.status_code
    to_login = status == 302 and response["Location"].startswith(reverse("core:login"))
    return {
        OK: status == 200,
        LOGIN: to_login,
        DENY: status in (403, 404),
        FORBIDDEN: status == 403,
        NOT_FOUND: status == 404,
        NOT_ALLOWED: status == 405,
        BAD_REQUEST: status == 400,
        REDIRECT: status == 302 and not to_login,
    }[expected]


def _title(record) -> str:
    return getattr(record, "title", None) or record.name


def test_every_named_route_has_a_row_and_every_row_a_route():
    # given the URL conf and the matrix
    routes = _named_routes()
    rows = {key.split("@")[0] for key in MATRIX}
    # then
    assert sorted(routes - rows) == [], "routes without a row in permission_matrix.MATRIX"
    assert sorted(rows - routes) == [], "rows in permission_matrix.MATRIX for no route"
    assert sorted(set(ROUTE_ARGUMENTS) - set(MATRIX)) == []


def test_every_route_with_arguments_says_which_records_they_name():
    # given the rows whose route cannot be reversed without arguments
    needing = []
    for key in MATRIX:
        try:
            reverse(key.split("@")[0])
        except NoReverseMatch:
            needing.append(key)
    # then each says which records of the world it is asked about
    assert sorted(set(needing) - set(ROUTE_ARGUMENTS)) == []


@pytest.mark.parametrize(("key", "role"), list(_cells()))
def test_get_answers_as_the_matrix_says(client, world, db, key, role):
    # given the role's expected answer for the route
    spec = MATRIX[key]
    expected = spec.get[role]
    # when the person asks for the page
    response, writes = _ask(client, world, key, role, "get")
    # then
    assert _matches(response, expected), (response.status_code, response.get("Location"))
    if expected in REFUSALS or expected == NOT_ALLOWED:
        assert writes == [], "a refused request wrote to the database"
    if spec.conceals and role in spec.conceals[1] and not 300 <= response.status_code < 400:
        title = _title(world.records[spec.conceals[0]])
        assert title not in response.content.decode(), f"the page shows “{title}”"


@pytest.mark.parametrize(("key", "role"), list(_refused_posts()))
def test_a_refused_post_is_refused_and_changes_nothing(client, world, db, key, role):
    # given a role the route does not let act
    # when it posts an empty form
    response, writes = _ask(client, world, key, role, "post")
    # then it is sent to log in, or refused, and nothing was written
    assert writes == [], "a refused POST wrote to the database"
    assert _matches(response, LOGIN) or _matches(response, DENY), (
        response.status_code,
        response.get("Location"),
    )


def _text_of(response) -> str:
    """A page's text, or every cell of a spreadsheet download."""
    if response["Content-Type"] != XLSX:
        return response.content.decode()
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    cells = (
        cell for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row
    )
    return " ".join(str(cell) for cell in cells if cell is not None)


# The city's records the world holds, by a title no page prints for another reason.
CITY_RECORDS = ("assigned", "draft", "report", "member", "case", "activity", "outcome")


def _county_office_pages():
    for key, spec in MATRIX.items():
        opens = spec.get["county_staff"] == OK and spec.get["guest"] != OK
        if key not in ROUTE_ARGUMENTS and opens:
            yield pytest.param(key, id=key)


@pytest.mark.parametrize("key", list(_county_office_pages()))
def test_the_county_office_naming_the_city_finds_none_of_its_records(client, world, db, key):
    # given the county's office staff on a page they open for their own committee
    _sign_in(client, "county_staff")
    # when they name the city in the committee picker
    response = client.get(reverse(key), {"committee": world.city.code})
    # then the page is refused, or shows nothing of the city's
    if response.status_code in (403, 404):
        return
    assert response.status_code == 200
    page = _text_of(response)
    for name in CITY_RECORDS:
        assert _title(world.records[name]) not in page, f"the page shows the city's {name}"


@pytest.mark.parametrize("role", sorted(set(ROLES) - MEMBERS_BOARD))
def test_the_forum_search_finds_no_members_only_thread_for_others(client, world, db, role):
    # given a thread on the members' board and someone outside its audience
    _sign_in(client, role)
    title = world.secret_thread.title
    # when they search for its very title
    response = client.get(reverse("portal:search"), {"q": title})
    # then
    assert response.status_code == 200
    assert title not in response.content.decode().replace(f'value="{title}"', "")


def test_a_wrong_signin_token_signs_nobody_in(client, world, db):
    # given an invited member holding a token that is not the activity's
    # when they post it
    response, writes = _ask(client, world, "activities:signin", "member", "post")
    # then nothing is recorded and the answer is a refusal
    assert writes == []
    assert response.status_code in (400, 403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_django_admin_is_for_administrators_only(client, world, db, role):
    # given
    _sign_in(client, role)
    # when
    responses = [
        client.get(reverse("admin:index")),
        client.get(reverse("admin:core_member_changelist")),
    ]
    # then
    for response in responses:
        if role == "admin":
            assert response.status_code == 200
        else:
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("admin:login"))
