"""Production-like settings for the benches: the platform's own, with DEBUG off as a deployment
runs it. With DEBUG on, Django keeps and formats every statement it sends: in a profile of
the register import, formatting its bulk statements took a tenth of the import. The database
and the cache come from the environment as always."""

from config.settings.base import *  # noqa: F403

DEBUG = False
