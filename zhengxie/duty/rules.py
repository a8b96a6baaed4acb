"""The evaluation rules committees set (the points schemes are tables of their own, seeded
from duty/schemes.py). Registered by DutyConfig.ready; read with core.rules.rule."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core.rules import Choice, Integer, Pairs, Record, Rule

WEIGHTS = "duty.three_highs_weights"
GRADE_BANDS = "duty.grade_bands"
REPUTATION = "duty.reputation_points"
WARNING_LINE = "duty.warning_points_line"

DIMENSIONS = ("quality", "satisfaction", "reputation")
GRADES = ("excellent", "good", "competent", "incompetent")


def _some_weight(weights: dict) -> str:
    return "" if any(weights.values()) else _("三项权重不能都为 0。")


def _score(label) -> Integer:
    return Integer(min=0, max=100, label=label)


RULES = [
    Rule(
        WEIGHTS,
        gettext_lazy("三高权重（工作质效度、群众满意度、社会美誉度）"),
        Record(
            {
                "quality": _score(gettext_lazy("工作质效度")),
                "satisfaction": _score(gettext_lazy("群众满意度")),
                "reputation": _score(gettext_lazy("社会美誉度")),
            },
            check=_some_weight,
        ),
        {"quality": 60, "satisfaction": 20, "reputation": 20},
        "随州“三高”：权重由政协确定；无群众评价的委员按其余两项折算",
    ),
    Rule(
        GRADE_BANDS,
        gettext_lazy("考评等次分数线"),
        Pairs(Choice(list(GRADES)), _score(gettext_lazy("分数线")), order="desc", by=1),
        [["excellent", 90], ["good", 80], ["competent", 60], ["incompetent", 0]],
        "安庆：90 分以上优秀，80–89 分良好，60–79 分称职，60 分以下不称职",
    ),
    Rule(
        REPUTATION,
        gettext_lazy("社会美誉度：起始分和每项表彰、荣誉、报道的加分（满分 100）"),
        Record(
            {
                "base": _score(gettext_lazy("起始分")),
                "commendation": _score(gettext_lazy("每项表彰加分")),
                "honour": _score(gettext_lazy("每项荣誉加分")),
                "media_report": _score(gettext_lazy("每篇报道加分")),
            }
        ),
        {"base": 60, "commendation": 10, "honour": 20, "media_report": 10},
        "随州“三高”之社会美誉度：宣传报道和表彰",
    ),
    Rule(
        WARNING_LINE,
        gettext_lazy("预警线（工作质效度低于此分提醒、约谈）"),
        _score(""),
        70,
        "永春 2018：得分 70 分以下的委员发出提醒通知、进行约谈",
    ),
]
