"""Portal home, boards, the thread page (with the guests' page cache) and reader mode."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import get_language

from zhengxie.core.web.pagination import page_number
from zhengxie.core.workflow import OVERRIDE
from zhengxie.core.workflow.actions import actions_for

from .. import permissions
from ..models import BoardKind, Thread
from ..rules import POSTS_PER_PAGE
from ..selectors import forum as forum_selectors
from ..selectors.hall import list_exhibitions
from ..selectors.moderation import moderated_boards
from ..services.pages import CSRF_MARK, PAGE_SECONDS, VIEWS_MARK, guest_page_hit, page_key
from ..services.views_counter import record_view

home_committee = forum_selectors.get_portal_committee


def with_steps(records: list, user) -> list:
    """Each record with the steps the person may take on it now, read from the engine:
    `steps` are buttons of the page's own form, `override` links to the engine's page."""
    for record in records:
        links = actions_for(record, user)
        record.steps = [link for link in links if link.name != OVERRIDE]
        record.override = next((link for link in links if link.name == OVERRIDE), None)
    return records


def portal_home(request: HttpRequest) -> HttpResponse:
    committee = home_committee()
    user = request.user
    context = {
        "committee": committee,
        "news": forum_selectors.latest_threads(user, committee, kind=BoardKind.NEWS, limit=6),
        "latest": forum_selectors.latest_threads(user, committee, limit=10),
        "groups": forum_selectors.list_board_groups(user, committee),
        "exhibitions": list_exhibitions(user, committee)[:4],
    }
    return render(request, "portal/home.html", context)


def board_detail(request: HttpRequest, pk: int) -> HttpResponse:
    board = forum_selectors.get_visible_board(request.user, pk)
    page = page_number(request)
    threads, more = forum_selectors.list_board_threads(request.user, board, page=page)
    context = {
        "board": board,
        "threads": threads,
        "page": page,
        "more": more,
        "can_post": permissions.can_post_thread(request.user, board),
    }
    return render(request, "portal/board.html", context)


def _int(value, default: int) -> int:
    try:
        return max(int(value), default if default > 0 else 0)
    except (TypeError, ValueError):
        return default


def is_plain_guest(request: HttpRequest) -> bool:
    """No session and no flash messages: the page is the same as every other guest's."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def fill_guest_page(entry: dict, pending: int, request: HttpRequest) -> HttpResponse:
    shown = max(entry["views"] + pending, entry["replies"])
    body = entry["html"].replace(VIEWS_MARK, str(shown))
    if CSRF_MARK in body:  # only pages with a form a guest may post mint a token
        body = body.replace(CSRF_MARK, get_token(request))
    return HttpResponse(body)


def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = page_number(request)
    author_only = _int(request.GET.get("authorid"), 0) or None
    cacheable = is_plain_guest(request) and author_only is None
    if cacheable and (hit := guest_page_hit(pk, page, get_language())) is not None:
        return fill_guest_page(*hit, request)
    thread = get_object_or_404(Thread.objects.select_related("board", "author"), pk=pk)
    permissions.check_view_thread(request.user, thread)
    pending = record_view(thread_id=pk)
    # 只看该作者 pages by the last floor seen; all floors page by the gapless floor range.
    after = _int(request.GET.get("after"), 0) if author_only else (page - 1) * POSTS_PER_PAGE
    data = forum_selectors.get_thread_page(
        request.user, thread, after=after, author_only=author_only
    )
    context = _thread_context(request, data)
    if not cacheable:
        return render(request, "portal/thread.html", context)
    thread.shown_views = VIEWS_MARK
    context["csrf_token"] = CSRF_MARK
    entry = {
        "views": thread.views,
        "replies": thread.replies,
        "html": render_to_string("portal/thread.html", context, request=request),
    }
    # A page with a form for guests needs each visitor's own CSRF token, which only the full
    # middleware chain sets as a cookie: such a page is filled but not shared, so every cached
    # page may be answered by GuestPageMiddleware.
    if CSRF_MARK not in entry["html"]:
        cache.set(page_key(pk, page, get_language()), entry, PAGE_SECONDS)
    return fill_guest_page(entry, pending, request)


def _thread_context(request: HttpRequest, data) -> dict:
    user, thread = request.user, data.thread
    if data.moderator:
        for post in data.posts:
            post.thread = thread  # the moderator check reads the board: no query per floor
        with_steps(data.posts, user)
    return {
        "data": data,
        "thread": thread,
        "board": thread.board,
        "can_reply": permissions.can_reply(user, thread),
        "can_download": permissions.can_download(user, thread.board),
        "boards": moderated_boards(user, thread.committee_id) if data.moderator else [],
        "page_range": range(1, data.pages + 1),
    }


def thread_reader(request: HttpRequest, pk: int) -> HttpResponse:
    """阅读模式: the first floor alone, without the site's chrome."""
    thread = get_object_or_404(Thread.objects.select_related("board", "author"), pk=pk)
    permissions.check_view_thread(request.user, thread)
    record_view(thread_id=pk)
    data = forum_selectors.get_thread_page(request.user, thread, after=0, author_only=None)
    first = data.posts[0] if data.posts else None
    return render(request, "portal/reader.html", {"thread": thread, "first": first})
