"""Sessions outlive the cache: with Redis they are cached_db, written through to the database."""

import runpy

from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from zhengxie.core.factories import make_member

CACHED_DB = "django.contrib.sessions.backends.cached_db"


def test_with_redis_sessions_are_kept_in_the_database_behind_the_cache(monkeypatch):
    # given a deployment that names a Redis server (nothing connects to it here)
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    # when the settings are read
    read = runpy.run_path(str(settings.BASE_DIR / "config" / "settings" / "base.py"))
    # then Redis caches the sessions and the database keeps them
    assert read["SESSION_ENGINE"] == CACHED_DB


@override_settings(SESSION_ENGINE=CACHED_DB)
def test_a_session_survives_the_cache_being_emptied(client, city):
    # given a member signed in
    member = make_member(committee=city, with_account=True)
    client.force_login(member.user)
    assert client.get(reverse("core:inbox")).status_code == 200
    # when the cache loses everything, as a Redis restart does
    cache.clear()
    # then the member is still signed in
    assert client.get(reverse("core:inbox")).status_code == 200
