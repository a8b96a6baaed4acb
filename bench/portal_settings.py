"""Production-like settings for bench/portal_thread.py: DEBUG off, the bench's URLconf."""

from config.settings.base import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.portal_urls"
LOGGING = {"version": 1, "disable_existing_loggers": True}
