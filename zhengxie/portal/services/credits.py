"""Forum credits: awards and reversals on an append-only ledger, balances kept beside it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, F, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.core.permissions import check_office
from zhengxie.core.rules import rule

from .. import rules
from ..models import Board, BoardCreditRule, CreditAction, CreditBalance, CreditEntry, Post


def board_points(board: Board) -> dict[str, int]:
    """The rules in force on a board: committee defaults, then the board's overrides."""
    defaults = rule(board.committee_id, rules.CREDIT_POINTS)
    points = {action.value: int(defaults.get(action.value, 0)) for action in CreditAction}
    for board_rule in board.credit_rules.all():
        points[board_rule.action] = board_rule.points
    return points


def set_board_credit_points(*, actor: User, board: Board, points: dict[str, int | None]) -> bool:
    """The board's own points per action (本版积分规则), kept by its committee's office; None
    drops the board's override, so the committee's default applies again. Actions not named
    stay as they are. Each rule keeps its history; False when nothing changed. Awards already
    made keep their points (the ledger is never rewritten)."""
    check_office(actor, board.committee_id)
    unknown = set(points) - set(CreditAction.values)
    if unknown:
        raise ValidationError(
            {"points": _("积分动作：没有“%(action)s”。") % {"action": unknown.pop()}}
        )
    changed = False
    with transaction.atomic():
        Board.objects.select_for_update().filter(pk=board.pk).first()  # one edit at a time
        current = {r.action: r for r in BoardCreditRule.objects.filter(board=board)}
        for action, value in points.items():
            found = current.get(action)
            if value is None and found is not None:
                found._history_user = actor
                found.delete()
            elif value is not None and (found is None or found.points != value):
                found = found or BoardCreditRule(board=board, action=action)
                found.points = value
                found._history_user = actor
                found.save()
            else:
                continue
            changed = True
    return changed


def _bump(user_id: int, points: int, *, threads: int = 0, posts: int = 0) -> None:
    balance, _created = CreditBalance.objects.get_or_create(user_id=user_id)
    CreditBalance.objects.filter(pk=balance.pk).update(
        total=F("total") + points, threads=F("threads") + threads, posts=F("posts") + posts
    )


def award_credits(*, post: Post, action: str, note: str = "") -> CreditEntry | None:
    """Award the board's points for an act on a post; one award per post and action."""
    board = post.thread.board
    points = board_points(board)[action]
    with transaction.atomic():
        if CreditEntry.objects.filter(
            post=post, action=action, points__gt=0, reversal__isnull=True
        ).exists():
            return None
        entry = CreditEntry.objects.create(
            user_id=post.author_id, board=board, post=post, action=action, points=points, note=note
        )
        _bump(
            post.author_id,
            points,
            threads=int(action == CreditAction.THREAD),
            posts=int(action == CreditAction.REPLY),
        )
    return entry


def reverse_credits(*, post: Post, action: str, note: str = "") -> CreditEntry | None:
    """Reverse an earlier award with a negative row pointing at it; None if nothing to undo."""
    with transaction.atomic():
        award = (
            CreditEntry.objects.select_for_update(of=("self",))
            .filter(post=post, action=action, reverses__isnull=True, reversal__isnull=True)
            .first()
        )
        if award is None:
            return None
        entry = CreditEntry.objects.create(
            user_id=award.user_id,
            board_id=award.board_id,
            post=post,
            action=action,
            points=-award.points,
            reverses=award,
            note=note,
        )
        _bump(
            award.user_id,
            -award.points,
            threads=-int(action == CreditAction.THREAD),
            posts=-int(action == CreditAction.REPLY),
        )
    return entry


def penalise_deletion(*, post: Post, note: str = "") -> CreditEntry | None:
    points = board_points(post.thread.board)[CreditAction.DELETED]
    if not points:
        return None
    with transaction.atomic():
        entry = CreditEntry.objects.create(
            user_id=post.author_id,
            board=post.thread.board,
            post=post,
            action=CreditAction.DELETED,
            points=points,
            note=note,
        )
        _bump(post.author_id, points)
    return entry


def _net_count(action: str) -> Sum:
    # An award counts one thread or reply; its reversal takes it back.
    sign = Case(When(reverses__isnull=True, then=Value(1)), default=Value(-1))
    return Coalesce(Sum(Case(When(action=action, then=sign), default=Value(0))), 0)


def rebuild_balances() -> int:
    """Recompute every cached balance from the ledger; returns the number of accounts."""
    rows = list(
        CreditEntry.objects.values("user_id").annotate(
            sum_points=Sum("points"),
            n_threads=_net_count(CreditAction.THREAD),
            n_posts=_net_count(CreditAction.REPLY),
        )
    )
    with transaction.atomic():
        CreditBalance.objects.all().delete()
        CreditBalance.objects.bulk_create(
            CreditBalance(
                user_id=row["user_id"],
                total=row["sum_points"],
                threads=row["n_threads"],
                posts=row["n_posts"],
            )
            for row in rows
        )
    return len(rows)
