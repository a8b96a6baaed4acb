"""A person's forum profile: threads, replies, credits and their level.

The threads and replies listed are those the viewer may open, not all the person wrote: a
profile must not show a guest the titles and text of members-only boards.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from .. import permissions
from ..models import CreditBalance, CreditEntry, Post, Thread
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
    threads = permissions.filter_visible_threads(viewer, Thread.objects.filter(author=user))
    replies = permissions.filter_visible_posts(
        viewer, Post.objects.filter(author=user, floor__gt=1)
    )
    threads = list(threads.select_related("board").order_by("-created_at")[:20])
    replies = list(replies.select_related("thread").order_by("-created_at")[:20])
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


SHOWCASE_STORIES = 20


def list_public_stories(*, member) -> list[dict]:
    """委员风采's card: the threads the member wrote that a guest may open (one query for the
    boards a guest sees, one for the threads)."""
    if member.user_id is None:
        return []
    threads = permissions.filter_visible_threads(
        AnonymousUser(), Thread.objects.filter(author_id=member.user_id)
    )
    return [
        {
            "title": thread.title,
            "url": reverse("portal:thread", args=[thread.pk]),
            "when": thread.created_at.date(),
        }
        for thread in threads.only("pk", "title", "created_at").order_by("-created_at")[
            :SHOWCASE_STORIES
        ]
    ]
