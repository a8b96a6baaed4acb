"""Demo wording: which unit handles a category, the proposer kind of a body, reply letters."""

import random

from zhengxie.core.models import HandlingUnit

from ..models import Proposal, ProposerKind

# Business category -> the words of the unit that usually leads (市住建局 for 城乡建设 ...).
LEAD_BY_CATEGORY = {
    "社会事业": ["民政局", "人力资源和社会保障局"],
    "教育事业": ["教育局"],
    "经济发展": ["发展和改革局"],
    "医卫体育": ["卫生健康局"],
    "资源环境": ["自然资源和规划局"],
    "工业商贸": ["市场监督管理局", "发展和改革局"],
    "文化宣传": ["文化和旅游局"],
    "法制建设": ["公安局"],
    "城乡建设": ["住房和城乡建设局", "城市管理执法局", "交通运输局"],
    "科学技术": ["发展和改革局"],
    "政治建设": ["民政局"],
    "财税金融": ["财政局"],
    "农林水利": ["农业农村局"],
    "统战综合": ["民政局"],
}
PARTIES = ("民革", "民盟", "民建", "民进", "农工", "致公", "九三")
GROUPS = ("工商联", "妇联", "共青团", "总工会", "科协", "侨联", "台联", "文联")


def lead_unit_for(units: list[HandlingUnit], category: str, rng: random.Random) -> HandlingUnit:
    for word in LEAD_BY_CATEGORY.get(category, []):
        matches = [u for u in units if word in u.name]
        if matches:
            return matches[0]
    return rng.choice(units)


def proposer_kind_of(row: dict) -> str:
    if row["kind"] == "individual":
        return ProposerKind.INDIVIDUAL
    if row["kind"] == "joint":
        return ProposerKind.JOINT
    name = row["body_name"]
    if any(p in name for p in PARTIES):
        return ProposerKind.PARTY
    if any(g in name for g in GROUPS):
        return ProposerKind.GROUP
    if "委员会" in name and "政协" in name:
        return ProposerKind.SPECIAL_COMMITTEE
    return ProposerKind.SECTOR


RESULT_WORDS = {
    "A": "提案所提建议已基本落实",
    "B": "提案所提建议已列入我单位年度工作计划，正在逐步推进",
    "C": "受资金和政策条件限制，提案所提建议暂难实施，我们将留作今后工作参考",
}


def reply_text(proposal: Proposal, unit: HandlingUnit, result: str) -> str:
    return (
        f"您提出的《{proposal.title}》收悉。{unit.name}高度重视，主要负责人专题研究，"
        f"分管负责人带队与提案者见面沟通，现答复如下：\n"
        f"一、办理主要做法：对照提案所提建议逐条梳理，会同相关单位制定落实措施，明确责任科室和完成时限。\n"
        f"二、办理结果：{RESULT_WORDS[result]}。\n"
        f"感谢您对我们工作的关心和支持，欢迎继续提出宝贵意见。联系人：经办科室，电话 0722-3281234。"
    )
