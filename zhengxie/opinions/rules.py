"""The rules a committee may set for its opinion reports, with the real rule each default
follows (research/cppcc-rules.md §2). Registered by OpinionsConfig.ready."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.rules import Integer, ListOf, Rule, Text

CATEGORIES = "opinions.categories"
BODY_MAX_CHARS = "opinions.body_max_chars"
DECLINE_GROUNDS = "opinions.decline_grounds"
ORGANIZER = "opinions.bulletin_organizer"

RULES = [
    Rule(
        CATEGORIES,
        _("社情民意信息类别"),
        ListOf(Text(max_length=40)),
        [
            "经济发展",
            "乡村振兴",
            "城市建设",
            "社会民生",
            "教育卫生",
            "文化旅游",
            "生态环境",
            "社会治理",
            "其他",
        ],
        "随州市政协信息工作分类（演示默认）",
    ),
    Rule(
        BODY_MAX_CHARS,
        _("信息正文字数上限"),
        Integer(min=200, max=20000),
        1500,
        "广州市政协：一事一议……字数控制在1500字以内为宜",
    ),
    Rule(
        DECLINE_GROUNDS,
        _("不予采用的常见理由"),
        ListOf(Text(max_length=100), min_items=0),
        [
            "一般性的表态",
            "“炒冷饭”或缺乏可操作性",
            "个别人的牢骚、不满",
            "一般性社会治安事件和群众纠纷",
            "具体日常工作类信息",
            "抄袭公开内容",
        ],
        "全国政协“十报十不报”；某市信息中心来稿要求",
    ),
    Rule(
        ORGANIZER,
        _("《社情民意》编印单位"),
        Text(max_length=40),
        "政协办公室",
        "各级政协办公室（信息科）编印《社情民意》",
    ),
]
