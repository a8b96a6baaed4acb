"""Forum test factories with keyword-only defaults."""

import itertools

from zhengxie.core.models import Committee

from .models import Audience, Board, BoardGroup, BoardKind, Thread
from .services import posting

_sequence = itertools.count(1)

EVERYONE = [Audience.GUEST, Audience.RESIDENT, Audience.MEMBER, Audience.STAFF]
ACCOUNTS = [Audience.RESIDENT, Audience.MEMBER, Audience.STAFF]


def make_board(
    *,
    committee: Committee,
    kind: str = BoardKind.DISCUSSION,
    view: list[str] | None = None,
    post: list[str] | None = None,
    reply: list[str] | None = None,
    download: list[str] | None = None,
    **fields,
) -> Board:
    n = next(_sequence)
    group, _created = BoardGroup.objects.get_or_create(committee=committee, name="测试分区")
    return Board.objects.create(
        committee=committee,
        group=group,
        slug=fields.pop("slug", f"b{n}"),
        name=fields.pop("name", f"测试版块{n}"),
        kind=kind,
        view_audience=EVERYONE if view is None else view,
        post_audience=ACCOUNTS if post is None else post,
        reply_audience=ACCOUNTS if reply is None else reply,
        download_audience=ACCOUNTS if download is None else download,
        **fields,
    )


def make_thread(*, board: Board, author, title: str = "", body: str = "正文内容") -> Thread:
    return posting.create_thread(
        user=author,
        board=board,
        title=title or f"测试主题{next(_sequence)}",
        body=body,
        skip_limits=True,
    )
