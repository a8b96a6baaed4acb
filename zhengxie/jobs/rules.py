"""The rules a committee may change for its job board, with their defaults' sources.
Registered by JobsConfig.ready; read with core.rules.rule(committee, KEY)."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.rules import Integer, ListOf, Rule, Text, rule

FEE_WORDS = "jobs.fee_words"
LICENCE_MAX_BYTES = "jobs.licence_max_bytes"
APPLICATIONS_PER_DAY = "jobs.applications_per_day"

RULES = [
    Rule(
        FEE_WORDS,
        _("涉嫌向求职者收费的用语"),
        ListOf(Text(max_length=20)),
        ["押金", "培训费", "服装费", "保证金", "体检费", "工装费", "中介费", "报名费", "资料费"],
        # 《就业服务与就业管理规定》第十四条：用人单位招用人员不得以招用人员为名牟取不正当利益。
        "《就业服务与就业管理规定》第十四条",
    ),
    Rule(
        LICENCE_MAX_BYTES,
        _("营业执照图片大小上限(字节)"),
        Integer(min=100_000, max=20_000_000),
        5_000_000,
        "门户上传图片的通行上限 5 MB",
    ),
    Rule(
        APPLICATIONS_PER_DAY,
        _("每人每日投递上限"),
        Integer(min=1, max=500),
        30,
        "防刷：每个账号每天最多投递 30 个岗位",
    ),
]


def fee_words(committee_id: int) -> list[str]:
    return list(rule(committee_id, FEE_WORDS))
