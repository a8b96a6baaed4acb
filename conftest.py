"""Fixtures every app's tests share: a city with one county, people in each role, a browser."""

import io
import os
import shutil

import pytest
from django.conf import settings

from zhengxie.core import factories
from zhengxie.core.models import Committee, CommitteeLevel, Role

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def on_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def _demo_world_order(item) -> int:
    if "demo_world" not in getattr(item, "fixturenames", ()):
        return 0
    marker = item.get_closest_marker("django_db")
    return 2 if marker and marker.kwargs.get("transaction") else 1


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # The demo world is seeded once for the run, so the tests that read it run together at the
    # end, after pytest-django's own ordering; those that commit and flush run last of all.
    items.sort(key=_demo_world_order)
    if on_postgres():
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: run with DATABASE_URL=postgres://...")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fresh_cache(monkeypatch):
    """Every test starts with an empty cache, whichever backend the run uses, and with no
    page copies or views of an earlier test in the process; a test's buffered views reach the
    shared count when it reads or folds them (its timer is an hour away and then cancelled)."""
    from django.core.cache import cache

    from zhengxie.portal.services import pages, views_counter

    cache.clear()
    monkeypatch.setattr(pages, "local_pages", pages.LocalPages())
    buffer = views_counter.ViewBuffer(seconds=3600)
    monkeypatch.setattr(views_counter, "view_buffer", buffer)
    yield
    if buffer.timer is not None:
        buffer.timer.cancel()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language (Chinese): a request an earlier test made in
    English leaves English active in the thread, and services' messages would follow it."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_search_engine_after_committed_tests(request):
    """Tests that really commit (transactional ones, browser journeys) are cleaned up with a
    flush, which empties the tables but not SQLite's FTS5 index: empty it too."""
    yield
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        from zhengxie.search.fulltext import engine

        engine().clear()


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """Rows a test module writes once, committed, for all its tests to read; afterwards every
    table is emptied, the search engine's own index tables included (flush does not know
    them)."""
    from django.core.management import call_command

    from zhengxie.search.fulltext import engine

    with django_db_blocker.unblock():
        yield
        call_command("flush", "--noinput")
        engine().clear()


@pytest.fixture(scope="session")
def demo_world(django_db_setup, django_db_blocker):
    """The whole demo world, seeded once for the run (its tests are ordered last); the value is
    what seed_demo printed."""
    from django.core.management import call_command

    from zhengxie.search.fulltext import engine

    printed = io.StringIO()
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=printed)
        yield printed.getvalue()
        call_command("flush", "--noinput")
        engine().clear()


@pytest.fixture
def stored_files():
    """stored_files() -> the names the test has added to the default storage (in memory under
    the test settings, and shared by the whole run, so earlier tests' files are left out)."""
    from django.core.files.storage import default_storage

    def walk(folder: str = "") -> list[str]:
        folders, files = default_storage.listdir(folder)
        found = [f"{folder}/{name}".lstrip("/") for name in files]
        for sub in folders:
            found += walk(f"{folder}/{sub}".lstrip("/"))
        return found

    before = set(walk())
    return lambda: sorted(set(walk()) - before)


@pytest.fixture
def task_queue(db, settings):
    """The database task queue production runs (django_tasks_db), with a worker in this
    process: task_queue.run() runs every ready task, task_queue.start_and_die() lets a worker
    take the next one and die before it ends."""
    from zhengxie.core.tests.task_queue import TaskQueue

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return TaskQueue()


@pytest.fixture
def city(db):
    return factories.make_committee(code="city", name="测试市政协")


@pytest.fixture
def county(city):
    return factories.make_committee(code="county", parent=city, name="测试县政协")


@pytest.fixture
def province(city):
    """A provincial committee on the platform above the test city."""
    province = Committee.objects.create(
        code="prov", name="测试省政协", short_name="测试省政协", level=CommitteeLevel.PROVINCIAL
    )
    city.parent = province
    city.save(update_fields=["parent"])
    return province


@pytest.fixture
def other_county(city):
    return factories.make_committee(code="county2", parent=city, name="另一县政协")


@pytest.fixture
def make_user(db):
    """make_user(Role.STAFF, committee) -> a user holding that role there."""

    def make(role: str | None = None, committee=None, **grant):
        return factories.make_user(role=role, committee=committee, **grant)

    return make


@pytest.fixture
def staff(city, make_user):
    return make_user(Role.STAFF, city)


@pytest.fixture
def browser_page(live_server):
    """A Playwright page in Debian's Chromium, or a skip that says what is missing."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(15000)
        page.base_url = live_server.url
        yield page
        context.close()
        browser.close()
