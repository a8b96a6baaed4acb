"""The rules a committee may change for its grassroots casework, with their defaults' sources.
Registered by GrassrootsConfig.ready; read with core.rules.rule(committee, KEY)."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Committee
from zhengxie.core.rules import CodeList, Integer, Rule, rule

CASE_CATEGORIES = "grassroots.case_categories"
CONTACT_KINDS = "grassroots.contact_kinds"
REPORTS_PER_ACCOUNT = "grassroots.reports_per_account"
REPORTS_PER_ADDRESS = "grassroots.reports_per_address"
REPORT_WINDOW_SECONDS = "grassroots.report_window_seconds"
PHOTO_MAX_BYTES = "grassroots.photo_max_bytes"
PHOTO_MAX_COUNT = "grassroots.photo_max_count"
REMIND_DAYS_BEFORE_DUE = "grassroots.remind_days_before_due"

RULES = [
    Rule(
        CASE_CATEGORIES,
        _("一线协商问题类别"),
        CodeList(),
        # 随州 2022 工作报告: 民生实事 682 件、企业发展难题 55 件、急难愁盼 779 件.
        [
            {"code": "livelihood", "label": "民生实事"},
            {"code": "enterprise", "label": "企业发展难题"},
            {"code": "urgent", "label": "急难愁盼"},
        ],
        "随州市政协2022年工作回顾",
    ),
    Rule(
        CONTACT_KINDS,
        _("委员三联系类型"),
        CodeList(),
        # research/cppcc-rules.md §4.4, a design suggestion; the local three are unverified.
        [
            {"code": "sector", "label": "联系界别群众"},
            {"code": "grassroots", "label": "联系基层"},
            {"code": "enterprise", "label": "联系企业"},
        ],
        "研究 §4.4 设计建议",
    ),
    Rule(
        REPORTS_PER_ACCOUNT,
        _("每账号每日反映上限"),
        Integer(min=0, max=1000),
        5,
        "防刷：每个账号每天最多反映 5 件",
    ),
    Rule(
        REPORTS_PER_ADDRESS,
        _("每地址每日反映上限"),
        Integer(min=0, max=10000),
        20,
        "防刷：同一网络地址每天最多 20 件（社区、单位共用出口）",
    ),
    Rule(
        REPORT_WINDOW_SECONDS,
        _("反映计数周期(秒)"),
        Integer(min=60, max=7 * 24 * 3600),
        24 * 3600,
        "防刷",
    ),
    Rule(
        PHOTO_MAX_BYTES,
        _("照片大小上限(字节)"),
        Integer(min=1, max=5 * 1024 * 1024),
        5 * 1024 * 1024,
        "上传限制：与上传内存上限一致",
    ),
    Rule(PHOTO_MAX_COUNT, _("照片数量上限"), Integer(min=0, max=10), 3, "上传限制"),
    Rule(
        REMIND_DAYS_BEFORE_DUE,
        _("到期前提醒天数"),
        Integer(min=0, max=60),
        3,
        "武汉一线协商：严格按照时间节点兑现承诺",
    ),
]


def categories(committee: Committee | int) -> dict[str, str]:
    """code -> label, in the committee's order."""
    return {c["code"]: c["label"] for c in rule(committee, CASE_CATEGORIES)}


def contact_kinds(committee: Committee | int) -> dict[str, str]:
    return {c["code"]: c["label"] for c in rule(committee, CONTACT_KINDS)}
