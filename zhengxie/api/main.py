"""The members' app API, version 1: one NinjaAPI, one router per area of the platform.

Routers are thin skins over the apps' services and selectors (see docs/api.md): parse, call one
service or selector, shape the answer. Every failure is one error shape (errors.py), every list
is keyset-paginated (pagination.py), polled reads answer 304 (caching.py), every request is
rate-limited per address and per token (throttling.py), and every operation needs a bearer
token (auth.py) unless it says auth=None.
"""

import json

from ninja import NinjaAPI

from . import errors
from .auth import token_auth
from .routers import (
    activities,
    auth,
    choices,
    duty,
    grassroots,
    inbox,
    instructions,
    jobs,
    leaders,
    me,
    opinions,
    portal,
    proposals,
    search,
    todo,
    workflows,
)
from .throttling import api_throttles


class ZhengxieAPI(NinjaAPI):
    """Builds its OpenAPI document once per process. Walking every operation's models costs
    about 0.9 s of CPU, and the document is the same for every request and language, so
    building it per request made /openapi.json the costliest page a guest could ask for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._schema_texts: dict[str, str] = {}

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        if path_prefix not in self._schema_texts:
            schema = super().get_openapi_schema(path_prefix=path_prefix)
            self._schema_texts[path_prefix] = json.dumps(schema)
        # A fresh copy for each caller: one that changes its copy changes nobody else's.
        return json.loads(self._schema_texts[path_prefix])


throttles = api_throttles()
api = ZhengxieAPI(
    title="智慧政协 API",
    version="1",
    description="委员、承办单位、领导和群众的移动应用接口。错误统一为 "
    '{"error": {"code", "message", "fields"}}；列表按游标翻页（next）。',
    urls_namespace="api",
    auth=token_auth,
    throttle=throttles,
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)

api.add_router("/auth", auth.router)
api.add_router("/me", me.router)
api.add_router("/inbox", inbox.router)
api.add_router("/todo", todo.router)
api.add_router("/proposals", proposals.router)
api.add_router("/duty", duty.router)
api.add_router("/leaders", leaders.router)
api.add_router("/portal", portal.router)
api.add_router("/opinions", opinions.router)
api.add_router("/activities", activities.router)
api.add_router("/grassroots", grassroots.router)
api.add_router("/instructions", instructions.router)
api.add_router("/jobs", jobs.router)
api.add_router("/search", search.router)
api.add_router("/choices", choices.router)
# Last: its "/{kind}/{id}/transitions" would otherwise catch other routers' paths.
api.add_router("", workflows.router)
