"""The schemes and annual tasks a committee starts with, as data (codes, numbers, labels).

MINHANG: 闵行《委员履职积分管理细则》 (research/cppcc-rules.md §3.3), additive from 0.
ANQING: 安庆百分制扣分法 (§3.3): meetings 50 with deductions to 0, proposals 30; the remaining
20 points for other duty are this platform's default split, which committees adjust.
FIVE_ONES: 随州 "五个一" (§3.2).
"""

from .models.ledger import CONSULTATION_ROLES, RESEARCH_ROLES

# Roles the other apps write: proposals "first" / "joint" / "cosigner"; activities the kind
# code of the activity ("plenary", "standing", "bimonthly", "thematic", "research",
# "inspection", "study" and the rest of activities/services/kinds.py DEFAULT_KINDS).

# (code, name, combine, base, ceiling, floor)
Group = tuple[str, str, str, int, int | None, int | None]
# (kind, role, points, annual cap, group code)
Rule = tuple[str, str, float, float | None, str]

MINHANG = {
    "code": "minhang",
    "name": "加分制（闵行细则）",
    "kind": "additive",
    "full_marks": 100,
    "source": "闵行《委员履职积分管理细则》",
    "groups": [
        ("meetings", "会议和活动", "sum", 0, None, None),
        ("proposal", "提案（每年只计一次，不重复计分）", "max", 0, None, None),
        ("other", "其他履职", "sum", 0, None, None),
    ],
    "rules": [
        ("attendance", "plenary", 5, None, "meetings"),  # 全会期间每参加半天活动计 5 分
        ("attendance", "study", 10, None, "meetings"),  # 外出集中学习培训全程参加 10 分
        ("attendance", "", 5, None, "meetings"),  # 其他会议和活动每次 5 分
        ("absence", "", -5, None, "meetings"),
        ("proposal", "first", 15, 15, "proposal"),  # 个人提案人 15 分
        ("proposal", "joint", 15, 15, "proposal"),  # 联名提案主笔人 15 分
        ("proposal", "", 3, 3, "proposal"),  # 直接参与者 3 分
        ("opinion_submitted", "", 3, None, "other"),
        ("opinion_adopted", "", 5, None, "other"),
        ("instruction", "", 10, None, "other"),
        ("speech", "", 5, None, "other"),
        ("report", "", 10, None, "other"),
        ("essay", "", 5, None, "other"),
        ("reading", "", 2, None, "other"),
        ("session", "", 5, None, "other"),
        ("case_raised", "", 2, None, "other"),
        ("case_resolved", "", 5, None, "other"),
        ("contact", "", 1, 10, "other"),
        ("forum", "", 1, 10, "other"),
        ("practical_deed", "", 10, None, "other"),
        ("commendation", "", 10, None, "other"),
        ("media_report", "", 5, None, "other"),
        ("honour", "", 20, None, "other"),
    ],
}

ANQING = {
    "code": "anqing",
    "name": "百分制（安庆扣分法）",
    "kind": "hundred",
    "full_marks": 100,
    "source": "安庆委员履职考核：会议 50 分扣完为止，提案 30 分",
    "groups": [
        # 未经请假缺席政协会议一次扣 5 分（全体会议扣 10 分），扣完 50 分为止
        ("meetings", "参加政协会议", "sum", 50, 50, 0),
        ("proposal", "提交提案", "max", 0, 30, 0),
        ("other", "其他履职", "sum", 0, 20, 0),
    ],
    "rules": [
        ("absence", "plenary", -10, None, "meetings"),
        ("absence", "", -5, None, "meetings"),
        ("proposal", "", 30, 30, "proposal"),
        ("opinion_submitted", "", 5, None, "other"),
        ("opinion_adopted", "", 5, None, "other"),
        ("report", "", 5, None, "other"),
        ("speech", "", 5, None, "other"),
        ("session", "", 5, None, "other"),
        ("case_resolved", "", 5, None, "other"),
        ("practical_deed", "", 5, None, "other"),
        ("attendance", "research", 5, None, "other"),
        ("attendance", "inspection", 5, None, "other"),
        ("attendance", "consultation", 5, None, "other"),
    ],
}

SCHEMES = [MINHANG, ANQING]
DEFAULT_SCHEME = "minhang"

# (code, name, acts as [kind, role]; a blank role matches any role)
# Which activity kinds count for research and consultation: models/ledger.py.
FIVE_ONES = [
    ("proposal", "提交一件提案", [["proposal", ""]]),
    (
        "research",
        "参加一次调研",
        [*(["attendance", role] for role in RESEARCH_ROLES), ["report", ""]],
    ),
    (
        "consultation",
        "参与一场协商议事活动",
        [*(["attendance", role] for role in CONSULTATION_ROLES), ["session", ""]],
    ),
    ("opinion", "反映一条社情民意信息", [["opinion_submitted", ""]]),
    ("deed", "兴办一件便民利民实事", [["practical_deed", ""], ["case_resolved", ""]]),
]
