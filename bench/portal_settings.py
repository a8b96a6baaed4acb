"""Settings for bench/portal_thread.py: the benches' own, its URLconf and quiet logs."""

from bench.settings import *  # noqa: F403

ROOT_URLCONF = "bench.portal_urls"
LOGGING = {"version": 1, "disable_existing_loggers": True}
