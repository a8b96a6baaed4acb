"""The forum rules a committee may change without code, with the defaults' sources.
Registered by PortalConfig.ready; read with core.rules.rule(committee, KEY)."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.rules import Integer, Pairs, Record, Rule, Text, rule

from .models import CreditAction

# Discuz! X3.5 install_data.sql common_credit_rule: 发表主题 +2, 发表回复 +1, 加精华 +5;
# deleting reverses the award, and the `deleted` penalty comes on top of that.
DEFAULT_CREDIT_POINTS = {
    CreditAction.THREAD: 2,
    CreditAction.REPLY: 1,
    CreditAction.DIGEST: 5,
    CreditAction.DELETED: -2,
}

# Discuz! X3.5 credit-ranked member groups (限制会员 below 0 … 论坛元老 3000+).
DEFAULT_CREDIT_LEVELS = [
    [-1_000_000, "限制会员"],
    [0, "新手上路"],
    [50, "注册会员"],
    [200, "中级会员"],
    [500, "高级会员"],
    [1000, "金牌会员"],
    [3000, "论坛元老"],
]

FLOOD_SECONDS = "portal.flood_seconds"
POSTS_PER_HOUR = "portal.posts_per_hour"
NEWBIE_LINK_HOURS = "portal.newbie_link_hours"
CREDIT_LEVELS = "portal.credit_levels"
CREDIT_POINTS = "portal.credit_points"
IMAGE_MAX_BYTES = "portal.image_max_bytes"
UPLOADS_PER_HOUR = "portal.uploads_per_hour"
POSTS_PER_PAGE = 10  # Discuz postperpage default
THREADS_PER_PAGE = 20  # Discuz topicperpage default


def _credit_points_kind() -> Record:
    return Record(
        {action.value: Integer(min=-100, max=100, label=action.label) for action in CreditAction}
    )


RULES = [
    Rule(
        FLOOD_SECONDS,
        _("两次发帖最短间隔(秒)"),
        Integer(min=0, max=3600),
        15,
        "Discuz! X3.5 floodctrl = 15",
    ),
    Rule(
        POSTS_PER_HOUR,
        _("每小时最多发帖数"),
        Integer(min=1, max=1000),
        30,
        "Discuz! X3.5 maxpostsperhour",
    ),
    Rule(
        NEWBIE_LINK_HOURS,
        _("新注册账号多少小时内不得发链接"),
        Integer(min=0, max=24 * 30),
        24,
        "Discuz! X3.5 newbiespan; Discourse TL0 不得发链接",
    ),
    Rule(
        CREDIT_LEVELS,
        _("积分等级"),
        Pairs(Integer(label=_("起点积分")), Text(max_length=20, label=_("等级名称")), order="asc"),
        DEFAULT_CREDIT_LEVELS,
        "Discuz! X3.5 用户组",
    ),
    Rule(
        CREDIT_POINTS,
        _("默认积分规则"),
        _credit_points_kind(),
        {str(k): v for k, v in DEFAULT_CREDIT_POINTS.items()},
        "Discuz! X3.5 common_credit_rule",
    ),
    Rule(
        IMAGE_MAX_BYTES,
        _("上传图片大小上限(字节)"),
        Integer(min=1, max=20 * 1024 * 1024),
        2 * 1024 * 1024,
        "本站设定",
    ),
    Rule(
        UPLOADS_PER_HOUR,
        _("每小时最多上传图片数"),
        Integer(min=0, max=1000),
        20,
        "本站设定，仿 Discuz! X3.5 用户组“每天最大附件数量”(maxattachnum) 按小时计",
    ),
]


def credit_level(committee_id: int, total: int) -> str:
    name = ""
    for floor, label in rule(committee_id, CREDIT_LEVELS):
        if total >= floor:
            name = label
    return name
