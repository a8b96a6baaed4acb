"""The forum rules a committee may change without code, with the defaults' sources."""

from zhengxie.core.config import get_setting, register_default

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


def register_defaults() -> None:
    register_default(
        FLOOD_SECONDS, 15, label="两次发帖最短间隔(秒)", source="Discuz! X3.5 floodctrl = 15"
    )
    register_default(
        POSTS_PER_HOUR, 30, label="每小时最多发帖数", source="Discuz! X3.5 maxpostsperhour"
    )
    register_default(
        NEWBIE_LINK_HOURS,
        24,
        label="新注册账号多少小时内不得发链接",
        source="Discuz! X3.5 newbiespan; Discourse TL0 不得发链接",
    )
    register_default(
        CREDIT_LEVELS, DEFAULT_CREDIT_LEVELS, label="积分等级", source="Discuz! X3.5 用户组"
    )
    register_default(
        CREDIT_POINTS,
        {str(k): v for k, v in DEFAULT_CREDIT_POINTS.items()},
        label="默认积分规则",
        source="Discuz! X3.5 common_credit_rule",
    )
    register_default(
        IMAGE_MAX_BYTES, 2 * 1024 * 1024, label="上传图片大小上限(字节)", source="本站设定"
    )
    register_default(
        UPLOADS_PER_HOUR,
        20,
        label="每小时最多上传图片数",
        source="本站设定，仿 Discuz! X3.5 用户组“每天最大附件数量”(maxattachnum) 按小时计",
    )


def credit_level(committee_id: int, total: int) -> str:
    name = ""
    for floor, label in get_setting(committee_id, CREDIT_LEVELS):
        if total >= floor:
            name = label
    return name
