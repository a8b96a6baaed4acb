"""The rules a committee may set for its activities. Registered by ActivitiesConfig.ready;
read with core.rules.rule(committee, KEY)."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.rules import Integer, Record, Rule

ABSENCE_LIMITS = "activities.absence_limits"
SIGNIN_TOKEN_MINUTES = "activities.signin.token_minutes"

# The one absence-warning system: an absence without leave counts against the threshold of its
# activity kind's absence rule (全体会议 or 常委会议), per calendar year and per term; a blank
# limit means none. Other activities are not counted: the points schemes deduct for them and
# the points warning line catches a member who misses many.
ABSENCE_SOURCE = (
    "威海 2013：委员届内累计缺席全体会议 3 次、常委届内累计缺席常委会议 7 次，应劝其辞职；"
    "山东 2013：常委年内缺席常委会议 3 次即劝辞（cppcc-rules.md §3.4）。"
    "全体会议每年只开一次，年内次数不设默认；宣威“无故缺席两次”未说明期间，不作默认；"
    "原履职档案的“年内全会 2 次、合计 5 次”无出处，已不再使用；"
    "其他活动缺席按积分方案扣分，由积分预警线提醒。"
)


def _limits(label) -> Record:
    return Record(
        {
            "year": Integer(min=1, max=100, optional=True, label=_("年内")),
            "term": Integer(min=1, max=100, optional=True, label=_("届内")),
        },
        label=label,
    )


RULES = [
    Rule(
        ABSENCE_LIMITS,
        _("无故缺席预警次数"),
        Record(
            {
                "plenary": _limits(_("全体会议")),
                "standing": _limits(_("常委会议")),
            }
        ),
        {"plenary": {"year": None, "term": 3}, "standing": {"year": 3, "term": 7}},
        ABSENCE_SOURCE,
    ),
    Rule(
        SIGNIN_TOKEN_MINUTES,
        _("签到二维码有效分钟数"),
        Integer(min=1, max=24 * 60),
        30,
        "会场大屏每半小时刷新一次二维码",
    ),
]
