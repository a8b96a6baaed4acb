"""The headline figures each dashboard shows, in order, with how to print them."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zhengxie.core.formatting import percent


@dataclass(frozen=True)
class Card:
    section: str
    key: str
    label: str | Promise
    is_rate: bool = False


COCKPIT = [
    Card("proposals", "registered", _("立案提案")),
    Card("proposals", "reply_rate", _("办复率"), True),
    Card("proposals", "satisfaction_rate", _("提案满意率"), True),
    Card("opinions", "adopted", _("社情民意采用")),
    Card("activities", "consultations", _("协商活动")),
    Card("activities", "research_inspection_reports", _("调研视察报告")),
    Card("grassroots", "sessions", _("一线协商")),
    Card("grassroots", "urgent_concerns_resolved", _("解决急难愁盼")),
    Card("jobs", "jobs_posted", _("发布岗位数")),
    Card("members", "total", _("委员")),
    Card("members", "participation_rate", _("履职参加率"), True),
    Card("members", "five_ones_completion_rate", _("“五个一”完成率"), True),
    Card("honours", "provincial_excellent_members", _("省级优秀委员")),
]

LABELS = {
    "received": _("收到"),
    "registered": _("立案"),
    "merged": _("并案"),
    "declined": _("不予立案"),
    "converted_to_opinion": _("转社情民意"),
    "converted_to_letter": _("转委员来信"),
    "withdrawn": _("撤案"),
    "replied": _("已办复"),
    "reply_rate": _("办复率"),
    "satisfaction_rate": _("满意率"),
    "contact_rate": _("见面率"),
    "overdue": _("超期"),
    "submitted": _("报送"),
    "adopted": _("采用"),
    "escalated": _("上级采用"),
    "instructions": _("领导批示"),
    "adoption_rate": _("采用率"),
    "held": _("活动"),
    "consultations": _("协商活动"),
    "research_inspection_reports": _("调研视察报告"),
    "study_sessions": _("理论学习"),
    "essays": _("理论征文"),
    "joint_with_upper": _("联动履职"),
    "venues": _("协商议事场所"),
    "sessions": _("一线协商"),
    "problems_collected": _("收集问题"),
    "livelihood_matters_resolved": _("民生实事"),
    "enterprise_difficulties_resolved": _("企业难题"),
    "urgent_concerns_resolved": _("急难愁盼"),
    "total": _("委员总数"),
    "participants": _("参加活动委员"),
    "participation_rate": _("参加率"),
    "five_ones_completion_rate": _("“五个一”完成率"),
    "reported_to_towns": _("报到乡镇街道"),
    "warnings": _("履职预警"),
    "jobs_posted": _("发布岗位数"),
    "verified_employers": _("核验用人单位"),
    "member_enterprises_hiring": _("委员企业招聘"),
    "job_applications": _("求职投递人次"),
    "interviews": _("面试邀请"),
    "hires": _("录用人数"),
    "referrals": _("基层问题推荐岗位"),
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
