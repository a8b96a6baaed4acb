"""The proposal rules a committee may set (core.config), with their defaults and sources."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.config import get_setting, register_default

# 五位一体 over the 14 business categories of the Jiangsu 2019 plenary (cppcc-rules §1.2):
# the national committee and Suizhou count by the first level, the register files by the second.
CATEGORIES = {
    "经济建设": ["经济发展", "工业商贸", "财税金融", "农林水利", "科学技术"],
    "政治建设": ["政治建设", "法制建设", "统战综合"],
    "文化建设": ["文化宣传", "教育事业"],
    "社会建设": ["社会事业", "医卫体育"],
    "生态文明建设": ["资源环境", "城乡建设"],
}
# 浙江海洋与渔业局 three-class scheme (cppcc-rules §1.8); committees may use ABCD.
RESULT_CLASSES = [
    ["A", "已解决或基本解决"],
    ["B", "正在解决或列入计划解决"],
    ["C", "因条件限制留作参考"],
]

DEFAULTS = (
    ("proposals.categories", CATEGORIES, _("提案类别（两级）"), "cppcc-rules §1.2 五位一体"),
    ("proposals.result_classes", RESULT_CLASSES, _("答复类别"), "cppcc-rules §1.8"),
    ("proposals.title_max_chars", 50, _("案由字数上限"), "河池提案系统：案由不超过50字"),
    ("proposals.section_max_chars", 3000, _("每段字数上限"), "河池提案系统：每段不超过3000字"),
    ("proposals.max_attachments", 5, _("附件个数上限"), "河池提案系统：附件最多5个"),
    ("proposals.attachment_max_mb", 32, _("单个附件上限（MB）"), "河池提案系统：单个32MB"),
    ("proposals.cosign_days", 7, _("联名确认期限（天）"), "朝天政协：截止前上网签名方有效"),
    ("proposals.reply_months", 3, _("办理期限（月）"), "提案办理：三个月内办复"),
    ("proposals.max_reply_months", 6, _("延期后最长期限（月）"), "最迟不得超过六个月"),
    (
        "proposals.reassign_working_days",
        5,
        _("申请调整承办期限（工作日）"),
        "涡阳：交办后5个工作日",
    ),
    ("proposals.contact_working_days", 15, _("办前沟通期限（工作日）"), "崇义：交办后15个工作日内"),
    (
        "proposals.feedback_working_days",
        15,
        _("提案者评价期限（工作日）"),
        "崇义：15个工作日内反馈",
    ),
    ("proposals.redo_months", 1, _("重新办理期限（月）"), "不满意的重新办理，默认一个月"),
    ("proposals.reminder_days", [30, 7, 1], _("到期提醒（天）"), "办理到期前30、7、1天提醒"),
)


def register_defaults() -> None:
    for key, value, label, source in DEFAULTS:
        register_default(key, value, label=str(label), source=source)


def categories(committee_id: int) -> dict[str, list[str]]:
    return get_setting(committee_id, "proposals.categories")


def category_main_of(committee_id: int, category: str) -> str:
    for main, subs in categories(committee_id).items():
        if category == main or category in subs:
            return main
    return ""


def result_classes(committee_id: int) -> dict[str, str]:
    return dict(get_setting(committee_id, "proposals.result_classes"))


def rule(committee_id: int, name: str):
    return get_setting(committee_id, f"proposals.{name}")
