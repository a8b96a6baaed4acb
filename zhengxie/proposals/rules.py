"""The proposal rules a committee may set, each with its default's source. Registered with
the core rules registry by ProposalsConfig.ready; read with core.rules.rule(committee, KEY)."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.rules import CodeList, Integer, ListOf, Mapping, Rule, Text, rule

CATEGORIES = "proposals.categories"
RESULT_CLASSES = "proposals.result_classes"
TITLE_MAX_CHARS = "proposals.title_max_chars"
SECTION_MAX_CHARS = "proposals.section_max_chars"
MAX_ATTACHMENTS = "proposals.max_attachments"
ATTACHMENT_MAX_MB = "proposals.attachment_max_mb"
COSIGN_DAYS = "proposals.cosign_days"
REPLY_MONTHS = "proposals.reply_months"
MAX_REPLY_MONTHS = "proposals.max_reply_months"
REASSIGN_WORKING_DAYS = "proposals.reassign_working_days"
CONTACT_WORKING_DAYS = "proposals.contact_working_days"
FEEDBACK_WORKING_DAYS = "proposals.feedback_working_days"
REDO_MONTHS = "proposals.redo_months"
REMINDER_DAYS = "proposals.reminder_days"


def _days(*, min: int = 1, max: int = 365) -> Integer:
    return Integer(min=min, max=max)


RULES = [
    # 五位一体 over the 14 business categories of the Jiangsu 2019 plenary (cppcc-rules §1.2):
    # the national committee and Suizhou count by the first level, the register files by the
    # second.
    Rule(
        CATEGORIES,
        _("提案类别（两级）"),
        Mapping(ListOf(Text(max_length=40), min_items=0)),
        {
            "经济建设": ["经济发展", "工业商贸", "财税金融", "农林水利", "科学技术"],
            "政治建设": ["政治建设", "法制建设", "统战综合"],
            "文化建设": ["文化宣传", "教育事业"],
            "社会建设": ["社会事业", "医卫体育"],
            "生态文明建设": ["资源环境", "城乡建设"],
        },
        "cppcc-rules §1.2 五位一体",
    ),
    # 浙江海洋与渔业局 three-class scheme (cppcc-rules §1.8); committees may use ABCD.
    Rule(
        RESULT_CLASSES,
        _("答复类别"),
        CodeList(code_max_length=4),
        [
            {"code": "A", "label": "已解决或基本解决"},
            {"code": "B", "label": "正在解决或列入计划解决"},
            {"code": "C", "label": "因条件限制留作参考"},
        ],
        "cppcc-rules §1.8",
    ),
    Rule(
        TITLE_MAX_CHARS,
        _("案由字数上限"),
        Integer(min=10, max=200),
        50,
        "河池提案系统：案由不超过50字",
    ),
    Rule(
        SECTION_MAX_CHARS,
        _("每段字数上限"),
        Integer(min=100, max=20000),
        3000,
        "河池提案系统：每段不超过3000字",
    ),
    Rule(
        MAX_ATTACHMENTS, _("附件个数上限"), Integer(min=0, max=20), 5, "河池提案系统：附件最多5个"
    ),
    Rule(
        ATTACHMENT_MAX_MB,
        _("单个附件上限（MB）"),
        Integer(min=1, max=100),
        32,
        "河池提案系统：单个32MB",
    ),
    Rule(COSIGN_DAYS, _("联名确认期限（天）"), _days(max=60), 7, "朝天政协：截止前上网签名方有效"),
    Rule(REPLY_MONTHS, _("办理期限（月）"), Integer(min=1, max=12), 3, "提案办理：三个月内办复"),
    Rule(
        MAX_REPLY_MONTHS, _("延期后最长期限（月）"), Integer(min=1, max=12), 6, "最迟不得超过六个月"
    ),
    Rule(
        REASSIGN_WORKING_DAYS,
        _("申请调整承办期限（工作日）"),
        _days(max=60),
        5,
        "涡阳：交办后5个工作日",
    ),
    Rule(
        CONTACT_WORKING_DAYS,
        _("办前沟通期限（工作日）"),
        _days(max=60),
        15,
        "崇义：交办后15个工作日内",
    ),
    Rule(
        FEEDBACK_WORKING_DAYS,
        _("提案者评价期限（工作日）"),
        _days(max=60),
        15,
        "崇义：15个工作日内反馈",
    ),
    Rule(
        REDO_MONTHS,
        _("重新办理期限（月）"),
        Integer(min=1, max=6),
        1,
        "不满意的重新办理，默认一个月",
    ),
    Rule(
        REMINDER_DAYS,
        _("到期提醒（天）"),
        ListOf(_days(), min_items=0),
        [30, 7, 1],
        "办理到期前30、7、1天提醒",
    ),
]


def categories(committee_id: int) -> dict[str, list[str]]:
    return rule(committee_id, CATEGORIES)


def category_main_of(committee_id: int, category: str) -> str:
    for main, subs in categories(committee_id).items():
        if category == main or category in subs:
            return main
    return ""


def result_classes(committee_id: int) -> dict[str, str]:
    """code -> label, in the committee's order."""
    return {c["code"]: c["label"] for c in rule(committee_id, RESULT_CLASSES)}
