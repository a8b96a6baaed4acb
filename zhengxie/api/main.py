"""The members' app API, version 1: one NinjaAPI, one router per area of the platform.

Routers are thin skins over the apps' services and selectors (see docs/api.md): parse, call one
service or selector, shape the answer. Every failure is one error shape (errors.py), every list
is keyset-paginated (pagination.py), polled reads answer 304 (caching.py), every request is
rate-limited per address and per token (throttling.py), and every operation needs a bearer
token (auth.py) unless it says auth=None.
"""

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

throttles = api_throttles()
api = NinjaAPI(
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
