"""The contract: /api/v1/openapi.json is a valid OpenAPI 3 document, and /api/v1/docs shows it
from the project's own static files, under the site's Content-Security-Policy."""

import importlib
import pkgutil
from urllib.parse import urlparse

import pytest
from django.test import Client
from ninja import Schema

from zhengxie.api import routers
from zhengxie.core.tests.test_policy_journey import REPORT_VIOLATIONS


def test_the_openapi_document_is_published_with_every_error_answer(db):
    # when
    schema = Client().get("/api/v1/openapi.json").json()
    # then
    assert schema["openapi"].startswith("3.")
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            answers = set(operation["responses"])
            assert {"400", "401", "403", "404", "429"} <= answers, (method, path)


def test_the_document_is_built_once_per_process_and_each_caller_gets_its_own_copy(db, monkeypatch):
    # given a process that has not built the document yet
    from ninja import main as ninja_main

    from zhengxie.api.main import api

    builds = []
    build = ninja_main.get_schema
    monkeypatch.setattr(api, "_schema_texts", {})
    monkeypatch.setattr(
        ninja_main, "get_schema", lambda **kwargs: builds.append(1) or build(**kwargs)
    )
    # when it is asked for three times, in both languages, and one caller changes its copy
    first = Client().get("/api/v1/openapi.json").json()
    api.get_openapi_schema(path_prefix="/api/v1/")["paths"].clear()
    again = Client(headers={"accept-language": "en"}).get("/api/v1/openapi.json").json()
    # then it was built once, and every caller read the whole document
    assert len(builds) == 1
    assert again == first
    assert len(first["paths"]) > 50


def test_every_schema_has_a_name_of_its_own():
    # The document keys schemas by class name: two classes of one name (an activity's and a
    # job's InvitationOut) make one of them describe the other's answers, silently.
    names: dict[str, set[str]] = {}
    for info in pkgutil.iter_modules(routers.__path__):
        module = importlib.import_module(f"{routers.__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Schema):
                names.setdefault(value.__name__, set()).add(value.__module__)
    assert {name: found for name, found in names.items() if len(found) > 1} == {}


def test_the_docs_page_uses_our_static_swagger_not_a_cdn(db):
    # when
    response = Client().get("/api/v1/docs")
    page = response.content.decode()
    # then
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_docs_page_loads_in_a_browser_asking_nothing_of_other_hosts(browser_page):
    # given a browser that notes every request and every refusal
    page, problems, hosts = browser_page, [], set()
    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    # when
    page.goto(f"{page.base_url}/api/v1/docs")
    page.wait_for_selector("[data-path='/api/v1/auth/token']")
    # then the operations are drawn, from our own host only, and nothing was refused
    assert hosts <= {urlparse(page.base_url).netloc, ""}
    assert problems == []
