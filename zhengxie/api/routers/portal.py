"""The portal (政协论坛 and 文史馆) over the API: boards, a board's threads, a thread's floors,
replying, search and the culture hall.

Reads guests may make on the web are open here without a token (auth=token_or_guest): a
request without one reads as a guest, exactly what the web shows a guest, and a request with
one reads as its person, so a member sees the members' boards. The board, thread and floor
rules are the portal's own (portal.permissions through its selectors and posting service).
"""

from datetime import datetime

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from zhengxie.portal.models import HallTheme
from zhengxie.portal.permissions import can_reply
from zhengxie.portal.selectors import forum
from zhengxie.portal.selectors.hall import get_visible_exhibition, list_exhibitions, list_periods
from zhengxie.portal.selectors.search import search_posts
from zhengxie.portal.services import posting
from zhengxie.portal.services.views_counter import record_view

from ..auth import token_or_guest
from ..errors import ERRORS
from ..pagination import Keyset

router = Router(tags=["portal"])


class BoardOut(Schema):
    id: int
    name: str
    description: str
    kind: str


class BoardGroupOut(Schema):
    id: int
    name: str
    boards: list[BoardOut]

    @staticmethod
    def resolve_boards(group) -> list:
        return group.visible_boards


class BoardsOut(Schema):
    groups: list[BoardGroupOut]


class ThreadOut(Schema):
    id: int
    board_id: int
    title: str
    author_id: int
    author_name: str
    created_at: datetime
    last_post_at: datetime
    views: int
    replies: int
    is_pinned: bool
    is_digest: bool
    is_locked: bool

    @staticmethod
    def resolve_author_name(thread) -> str:
        return str(thread.author)

    @staticmethod
    def resolve_views(thread) -> int:
        return thread.shown_views


class FloorOut(Schema):
    id: int
    floor: int
    author_id: int
    author_name: str
    author_title: str = Field(description="委员的称谓；非委员为空")
    author_level: str
    status: str
    body_html: str = Field(description="已清洗的 HTML；不可见的楼层为空")
    created_at: datetime

    @staticmethod
    def resolve_author_name(post) -> str:
        return str(post.author)

    @staticmethod
    def resolve_author_level(post) -> str:
        return str(post.author_level or "")

    @staticmethod
    def resolve_body_html(post) -> str:
        return post.body_html if post.show_body else ""


class ThreadPageOut(Schema):
    thread: ThreadOut
    can_reply: bool
    items: list[FloorOut]
    next: str | None = Field(description="下一页的翻页标记（楼层号）；没有下一页时为 null")


class FloorsIn(Schema):
    cursor: str | None = Field(None, pattern=r"^[0-9]{1,9}$", description="上一页答复中的 next")
    author_id: int | None = Field(None, description="只看该作者")


class FloorReplyIn(Schema):
    body: str = Field(max_length=20000, description="HTML，可用加粗、列表、引用和链接")


class FloorReplyOut(Schema):
    id: int
    thread_id: int
    floor: int
    status: str = Field(description="visible；需审核的版块为 pending")


class SearchHitOut(Schema):
    thread_id: int
    thread_title: str
    post_id: int
    floor: int
    board_name: str
    author_name: str
    snippet_html: str = Field(description="摘要，查询词以 <mark> 标出")


class SearchOut(Schema):
    query: str
    items: list[SearchHitOut]


class ExhibitionOut(Schema):
    id: int
    title: str
    theme: str
    theme_label: str
    period: str
    summary: str
    item_count: int

    @staticmethod
    def resolve_theme_label(exhibition) -> str:
        return exhibition.get_theme_display()


class HallOut(Schema):
    periods: list[str]
    exhibitions: list[ExhibitionOut]


class HallIn(Schema):
    theme: HallTheme | None = None
    period: str = Field("", max_length=40)


class ExhibitItemOut(Schema):
    id: int
    title: str
    caption: str
    description: str
    period: str
    image_url: str | None

    @staticmethod
    def resolve_image_url(item) -> str | None:
        return reverse("portal:item_image", args=[item.pk]) if item.image else None


class ExhibitionDetailOut(Schema):
    id: int
    title: str
    theme: str
    theme_label: str
    period: str
    summary: str
    items: list[ExhibitItemOut]

    @staticmethod
    def resolve_theme_label(exhibition) -> str:
        return exhibition.get_theme_display()

    @staticmethod
    def resolve_items(exhibition) -> list:
        return list(exhibition.items.all())


@router.get("/boards", response={200: BoardsOut, **ERRORS}, auth=token_or_guest)
def boards(request: HttpRequest):
    """The portal's boards the reader may open, by group, in the portal's order (a few dozen
    rows set up by staff, answered whole)."""
    committee = forum.get_portal_committee()
    return {"groups": forum.list_board_groups(request.user, committee)}


@router.get(
    "/boards/{board_id}/threads", response={200: list[ThreadOut], **ERRORS}, auth=token_or_guest
)
@paginate(Keyset, ordering=("-is_pinned", "-last_post_at", "-id"), complete=forum.total_views)
def board_threads(request: HttpRequest, board_id: int):
    """A board's threads, pinned first, then by last reply."""
    return forum.board_threads(request.user, forum.get_visible_board(request.user, board_id))


@router.get("/threads/{thread_id}", response={200: ThreadPageOut, **ERRORS}, auth=token_or_guest)
def thread(request: HttpRequest, thread_id: int, page: Query[FloorsIn]):
    """A thread and its floors, ten at a time from the first (楼主); each read counts a view,
    as a page view does on the web."""
    found = forum.get_visible_thread(request.user, thread_id)
    record_view(thread_id=found.pk)
    data = forum.get_thread_page(
        request.user, found, after=int(page.cursor or 0), author_only=page.author_id
    )
    return {
        "thread": found,
        "can_reply": can_reply(request.user, found),
        "items": data.posts,
        "next": str(data.next_after) if data.next_after is not None else None,
    }


@router.post("/threads/{thread_id}/posts", response={201: FloorReplyOut, **ERRORS})
def reply(request: HttpRequest, thread_id: int, payload: FloorReplyIn):
    """Reply to a thread: the web's reply, with its limits (flood interval, hourly cap, a new
    account's links), bans, closed threads and moderation queue."""
    found = forum.get_visible_thread(request.user, thread_id)
    post = posting.reply(user=request.user, thread=found, body=payload.body)
    return Status(201, post)


@router.get("/search", response={200: SearchOut, **ERRORS}, auth=token_or_guest)
def search(request: HttpRequest, q: str = ""):
    """The portal's search: threads and floors the reader may open that hold every term,
    best first, at most fifty (a ranked answer has no cursor)."""
    query = q.strip()[:60]
    committee = forum.get_portal_committee()
    results = search_posts(user=request.user, query=query, committee_id=committee.pk)
    return SearchOut(
        query=query,
        items=[
            SearchHitOut(
                thread_id=result.post.thread_id,
                thread_title=result.post.thread.title,
                post_id=result.post.pk,
                floor=result.post.floor,
                board_name=result.post.thread.board.name,
                author_name=str(result.post.author),
                snippet_html=str(result.snippet_html),
            )
            for result in results
        ],
    )


@router.get("/hall", response={200: HallOut, **ERRORS}, auth=token_or_guest)
def hall(request: HttpRequest, filters: Query[HallIn]):
    """文史馆: the exhibitions, by theme and period, as on /portal/hall/."""
    committee = forum.get_portal_committee()
    exhibitions = list_exhibitions(
        request.user, committee, theme=filters.theme or "", period=filters.period
    )
    return {"periods": list_periods(committee), "exhibitions": exhibitions}


@router.get(
    "/hall/{exhibition_id}", response={200: ExhibitionDetailOut, **ERRORS}, auth=token_or_guest
)
def exhibition(request: HttpRequest, exhibition_id: int):
    return get_visible_exhibition(request.user, exhibition_id)
