"""Members' contributions on the 网络议政 board count towards their duty file."""

from django.db import transaction
from django.utils import timezone

from zhengxie.core.models import Member
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import credit_duty, revoke_duty

from ..models import BoardKind, Post


def _member_of(post: Post) -> Member | None:
    if post.thread.board.kind != BoardKind.DELIBERATION:
        return None
    return Member.objects.filter(
        user_id=post.author_id, committee_id=post.committee_id, is_active=True
    ).first()


def credit_member(*, post: Post) -> None:
    member = _member_of(post)
    if member is None:
        return
    role = "thread" if post.floor == 1 else "reply"
    transaction.on_commit(
        lambda: credit_duty(
            member=member,
            kind=DutyKind.FORUM,
            source=post,
            occurred_on=timezone.localdate(post.created_at),
            role=role,
            note=post.thread.title[:100],
        )
    )


def revoke_member(*, post: Post) -> None:
    member = _member_of(post)
    if member is None:
        return
    transaction.on_commit(
        lambda: revoke_duty(member=member, kind=DutyKind.FORUM, source=post, note="帖子被删除")
    )
