"""The portal's models: boards, threads and floors, credits, moderation, the history hall."""

from .boards import Audience, Board, BoardCreditRule, BoardGroup, BoardKind, CreditAction
from .credits import CreditBalance, CreditEntry
from .hall import Exhibition, ExhibitItem, HallTheme
from .moderation import ForumBan, ModAct, ModerationAction, Report, ReportStatus
from .threads import Attachment, Post, PostStatus, Thread, ThreadViewBuffer, ViewFold

__all__ = [
    "Attachment",
    "Audience",
    "Board",
    "BoardCreditRule",
    "BoardGroup",
    "BoardKind",
    "CreditAction",
    "CreditBalance",
    "CreditEntry",
    "ExhibitItem",
    "Exhibition",
    "ForumBan",
    "HallTheme",
    "ModAct",
    "ModerationAction",
    "Post",
    "PostStatus",
    "Report",
    "ReportStatus",
    "Thread",
    "ThreadViewBuffer",
    "ViewFold",
]
