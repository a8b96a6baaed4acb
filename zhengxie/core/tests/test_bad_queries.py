"""No query string makes a page fail: every GET route, with malformed values for the query
parameters the pages read, answers 400 or 404 (or its usual page), never a 500."""

import logging

import pytest
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from zhengxie.core import factories
from zhengxie.core.models import Role
from zhengxie.proposals import factories as proposal_factories

PARAMS = (
    "committee", "year", "page", "plenary", "kind", "state", "q", "text", "town", "edit",
    "reviewer", "unit", "category", "case", "authorid", "after", "rollup", "month",
)  # fmt: skip
# Superscript digits pass str.isdigit() but not int(); the long one overflows a 64-bit id.
ONE_AT_A_TIME = "²"
ALL_AT_ONCE = ("abc", "99999999999999999999", "-1", "1.5", "١٢")


def _urls(patterns, namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin/"):
                continue  # Django's own admin
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            converters = getattr(pattern.pattern, "converters", {})
            kwargs = {
                name: 1 if isinstance(converter, IntConverter) else "x"
                for name, converter in converters.items()
            }
            yield reverse(namespace + pattern.name, kwargs=kwargs)


class ReadParams:
    """Which query parameters the pages read, recorded on QueryDict while a request is
    served: a parameter a page never reads cannot break it, so it is not sent one at a time.
    A page that walks the whole query (an API's parser, say) reads every one; parsing the
    query string, a copy or a re-encoding for the next page's link reads none."""

    def __init__(self, monkeypatch):
        self.read: set[str] = set()
        self._passing = False
        for name in ("__getitem__", "get", "getlist", "__contains__"):
            monkeypatch.setattr(QueryDict, name, self._one(getattr(QueryDict, name)))
        for name in ("__iter__", "items", "lists", "values", "keys", "dict"):
            monkeypatch.setattr(QueryDict, name, self._every(getattr(QueryDict, name)))
        for name in ("__init__", "copy", "__copy__", "__deepcopy__", "urlencode"):
            monkeypatch.setattr(QueryDict, name, self._passed_on(getattr(QueryDict, name)))

    def _one(self, method):
        def reading(query, key, *args, **kwargs):
            if not self._passing:
                self.read.add(key)
            return method(query, key, *args, **kwargs)

        return reading

    def _every(self, method):
        def reading(query, *args, **kwargs):
            if not self._passing:
                self.read.update(PARAMS)
            return method(query, *args, **kwargs)

        return reading

    def _passed_on(self, method):
        def passing(query, *args, **kwargs):
            passing_before, self._passing = self._passing, True
            try:
                return method(query, *args, **kwargs)
            finally:
                self._passing = passing_before

        return passing


def _queries(read: ReadParams):
    """The malformed queries for one page: every parameter at once with each bad value (and
    none at all, so a page parsing one parameter after another reads each past its default),
    then each parameter the page read on its own."""
    read.read.clear()
    yield {}
    for value in ALL_AT_ONCE:
        yield dict.fromkeys(PARAMS, value)
    for name in sorted(read.read & set(PARAMS)):
        yield {name: ONE_AT_A_TIME}


@pytest.fixture
def world(city, county):
    """A committee with a plenary and a proposal in hand, so pages get past their lookups."""
    staff = factories.make_user(role=Role.STAFF, committee=city)
    proposal_factories.make_assigned(committee=city, office=staff)
    return staff


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["staff", "guest"])
def test_no_malformed_query_value_gives_a_server_error(client, world, who, monkeypatch):
    # given every GET route, as signed-in staff and as a guest
    if who == "staff":
        client.force_login(world)
    urls = sorted(set(_urls(get_resolver().url_patterns)))
    assert len(urls) > 100
    client.raise_request_exception = False
    read = ReadParams(monkeypatch)
    failures = []
    # when each is fetched with each malformed query
    logging.disable(logging.CRITICAL)  # hundreds of expected 400/404 log lines
    try:
        for url in urls:
            for query in _queries(read):
                status = client.get(url, query).status_code
                if status >= 500:
                    failures.append((url, query, status))
    finally:
        logging.disable(logging.NOTSET)
    # then none is a server error
    assert failures == []


@pytest.mark.parametrize("query", ["q=%00", "q=%E7%A4%BE%00", "committee=city%00"])
def test_a_nul_byte_in_the_query_is_a_bad_request(client, query):
    # (PostgreSQL refuses NUL in a string literal: a search term carrying one was a 500 there)
    # when
    response = client.get(f"{reverse('portal:search')}?{query}")
    # then
    assert response.status_code == 400
