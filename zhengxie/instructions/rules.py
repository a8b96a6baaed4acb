"""The rules a committee may set for leaders' instructions. Registered by InstructionsConfig."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.rules import Integer, Rule

FEEDBACK_WORKING_DAYS = "instructions.feedback_working_days"
REMIND_DAYS_BEFORE_DUE = "instructions.remind_days_before_due"

RULES = [
    Rule(
        FEEDBACK_WORKING_DAYS,
        _("批示落实反馈期限（工作日）"),
        Integer(min=1, max=120),
        15,
        "领导批示件办理：一般应在15个工作日内办结并反馈（各地督查工作通行做法）",
    ),
    Rule(
        REMIND_DAYS_BEFORE_DUE,
        _("批示反馈到期前提醒天数"),
        Integer(min=0, max=30),
        3,
        "督查督办：到期前提醒，逾期催办",
    ),
]
