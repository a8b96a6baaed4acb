"""The rules a committee may set for its opinion reports, with the real rule each default
follows (research/cppcc-rules.md §2)."""

from zhengxie.core.config import register_default

CATEGORIES = "opinions.categories"
BODY_MAX_CHARS = "opinions.body_max_chars"
DECLINE_GROUNDS = "opinions.decline_grounds"
ORGANIZER = "opinions.bulletin_organizer"


def register() -> None:
    register_default(
        CATEGORIES,
        ["经济发展", "乡村振兴", "城市建设", "社会民生", "教育卫生", "文化旅游", "生态环境",
         "社会治理", "其他"],
        label="社情民意信息类别",
        source="随州市政协信息工作分类（演示默认）",
    )  # fmt: skip
    register_default(
        BODY_MAX_CHARS,
        1500,
        label="信息正文字数上限",
        source="广州市政协：一事一议……字数控制在1500字以内为宜",
    )
    register_default(
        DECLINE_GROUNDS,
        [
            "一般性的表态",
            "“炒冷饭”或缺乏可操作性",
            "个别人的牢骚、不满",
            "一般性社会治安事件和群众纠纷",
            "具体日常工作类信息",
            "抄袭公开内容",
        ],
        label="不予采用的常见理由",
        source="全国政协“十报十不报”；某市信息中心来稿要求",
    )
    register_default(
        ORGANIZER,
        "政协办公室",
        label="《社情民意》编印单位",
        source="各级政协办公室（信息科）编印《社情民意》",
    )
