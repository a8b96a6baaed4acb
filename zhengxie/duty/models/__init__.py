from .deeds import DeedPhoto, DeedState, PracticalDeed
from .ledger import DutyKind, DutyRecord
from .recognition import Recognition, RecognitionKind, RecognitionLevel
from .results import Grade, YearBalance, YearResult, YearResultRow
from .rules import AnnualTask, CombineMode, PointsGroup, PointsRule, PointsScheme, SchemeKind
from .showcase import Showcase
from .warnings import DutyWarning, WarningReason, WarningStatus

__all__ = [
    "AnnualTask",
    "CombineMode",
    "DeedPhoto",
    "DeedState",
    "DutyKind",
    "DutyRecord",
    "DutyWarning",
    "Grade",
    "PointsGroup",
    "PointsRule",
    "PointsScheme",
    "PracticalDeed",
    "Recognition",
    "RecognitionKind",
    "RecognitionLevel",
    "SchemeKind",
    "Showcase",
    "WarningReason",
    "WarningStatus",
    "YearBalance",
    "YearResult",
    "YearResultRow",
]
