"""The headline figures each dashboard shows, in order, with how to print them."""

from dataclasses import dataclass

from .review import percent


@dataclass(frozen=True)
class Card:
    section: str
    key: str
    label: str
    is_rate: bool = False


COCKPIT = [
    Card("proposals", "registered", "立案提案"),
    Card("proposals", "reply_rate", "办复率", True),
    Card("proposals", "satisfaction_rate", "提案满意率", True),
    Card("opinions", "adopted", "社情民意采用"),
    Card("activities", "consultations", "协商活动"),
    Card("activities", "research_inspection_reports", "调研视察报告"),
    Card("grassroots", "sessions", "一线协商"),
    Card("grassroots", "urgent_concerns_resolved", "解决急难愁盼"),
    Card("members", "total", "委员"),
    Card("members", "participation_rate", "履职参加率", True),
    Card("members", "five_ones_completion_rate", "“五个一”完成率", True),
    Card("honours", "provincial_excellent_members", "省级优秀委员"),
]

LABELS = {
    "received": "收到",
    "registered": "立案",
    "merged": "并案",
    "declined": "不予立案",
    "converted_to_opinion": "转社情民意",
    "converted_to_letter": "转委员来信",
    "withdrawn": "撤案",
    "replied": "已办复",
    "reply_rate": "办复率",
    "satisfaction_rate": "满意率",
    "contact_rate": "见面率",
    "overdue": "超期",
    "submitted": "报送",
    "adopted": "采用",
    "escalated": "上级采用",
    "instructions": "领导批示",
    "adoption_rate": "采用率",
    "held": "活动",
    "consultations": "协商活动",
    "research_inspection_reports": "调研视察报告",
    "study_sessions": "理论学习",
    "essays": "理论征文",
    "joint_with_upper": "联动履职",
    "venues": "协商议事场所",
    "sessions": "一线协商",
    "problems_collected": "收集问题",
    "livelihood_matters_resolved": "民生实事",
    "enterprise_difficulties_resolved": "企业难题",
    "urgent_concerns_resolved": "急难愁盼",
    "total": "委员总数",
    "participants": "参加活动委员",
    "participation_rate": "参加率",
    "five_ones_completion_rate": "“五个一”完成率",
    "reported_to_towns": "报到乡镇街道",
    "warnings": "履职预警",
}


def render_cards(cards: list[Card], figures: dict, links: dict) -> list[dict]:
    return [
        {
            "label": card.label,
            "value": percent(figures[card.section][card.key])
            if card.is_rate
            else figures[card.section][card.key],
            "url": links.get(card.section, {}).get(card.key, ""),
        }
        for card in cards
    ]


def section_cards(section: dict, links: dict) -> list[dict]:
    """Every scalar figure of one section; rates printed as percentages."""
    cards = []
    for key, value in section.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        shown = percent(value) if key.endswith("_rate") else value
        cards.append({"label": LABELS.get(key, key), "value": shown, "url": links.get(key, "")})
    return cards
