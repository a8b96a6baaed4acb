"""The rules a committee may change for its grassroots casework, with their defaults' sources."""

from zhengxie.core.config import get_setting, register_default
from zhengxie.core.models import Committee

# 随州 2022 工作报告: 民生实事 682 件、企业发展难题 55 件、急难愁盼 779 件.
CASE_CATEGORIES = [
    {"code": "livelihood", "label": "民生实事"},
    {"code": "enterprise", "label": "企业发展难题"},
    {"code": "urgent", "label": "急难愁盼"},
]
# 委员三联系 (research/cppcc-rules.md §4.4, design suggestion; the local three are unverified).
CONTACT_KINDS = [
    {"code": "sector", "label": "联系界别群众"},
    {"code": "grassroots", "label": "联系基层"},
    {"code": "enterprise", "label": "联系企业"},
]
REPORTS_PER_ACCOUNT = 5  # 每个账号每天最多反映 5 件，防止刷单
REPORTS_PER_ADDRESS = 20  # 同一网络地址每天最多 20 件（社区、单位共用出口）
REPORT_WINDOW_SECONDS = 24 * 3600
PHOTO_MAX_BYTES = 5 * 1024 * 1024  # 与上传内存上限一致
PHOTO_MAX_COUNT = 3
REMIND_DAYS_BEFORE_DUE = 3  # 武汉一线协商: 严格按照时间节点兑现承诺

DEFAULTS = [
    ("grassroots.case_categories", CASE_CATEGORIES, "一线协商问题类别", "随州市政协2022年工作回顾"),
    ("grassroots.contact_kinds", CONTACT_KINDS, "委员三联系类型", "研究 §4.4 设计建议"),
    ("grassroots.reports_per_account", REPORTS_PER_ACCOUNT, "每账号每日反映上限", "防刷"),
    ("grassroots.reports_per_address", REPORTS_PER_ADDRESS, "每地址每日反映上限", "防刷"),
    ("grassroots.report_window_seconds", REPORT_WINDOW_SECONDS, "反映计数周期(秒)", "防刷"),
    ("grassroots.photo_max_bytes", PHOTO_MAX_BYTES, "照片大小上限(字节)", "上传限制"),
    ("grassroots.photo_max_count", PHOTO_MAX_COUNT, "照片数量上限", "上传限制"),
    ("grassroots.remind_days_before_due", REMIND_DAYS_BEFORE_DUE, "到期前提醒天数", "武汉一线协商"),
]


def register_defaults() -> None:
    for key, value, label, source in DEFAULTS:
        register_default(key, value, label=label, source=source)


def categories(committee: Committee | int) -> dict[str, str]:
    """code -> label, in the committee's order."""
    return {c["code"]: c["label"] for c in get_setting(committee, "grassroots.case_categories")}


def contact_kinds(committee: Committee | int) -> dict[str, str]:
    return {c["code"]: c["label"] for c in get_setting(committee, "grassroots.contact_kinds")}


def setting(committee: Committee | int, name: str):
    return get_setting(committee, f"grassroots.{name}")
