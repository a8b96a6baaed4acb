"""A person's forum profile: threads, replies, credits and their level."""

from dataclasses import dataclass

from ..models import CreditBalance, CreditEntry, Post, PostStatus, Thread
from ..rules import credit_level


@dataclass
class Profile:
    user: object
    title: str
    total: int
    level: str
    threads: list
    replies: list
    ledger: list | None


def get_profile(viewer, user, *, committee_id: int, with_ledger: bool) -> Profile:
    balance = CreditBalance.objects.filter(user=user).first()
    total = balance.total if balance else 0
    member = getattr(user, "member", None)
    title = (member.public_title or f"{member.committee.display_name}委员") if member else ""
    threads = list(
        Thread.objects.filter(author=user, status=PostStatus.VISIBLE)
        .select_related("board")
        .order_by("-created_at")[:20]
    )
    replies = list(
        Post.objects.filter(author=user, status=PostStatus.VISIBLE, floor__gt=1)
        .select_related("thread")
        .order_by("-created_at")[:20]
    )
    ledger = (
        list(CreditEntry.objects.filter(user=user).select_related("board")[:50])
        if with_ledger
        else None
    )
    return Profile(
        user=user,
        title=title,
        total=total,
        level=credit_level(committee_id, total),
        threads=threads,
        replies=replies,
        ledger=ledger,
    )
