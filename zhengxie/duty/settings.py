"""The evaluation rules committees set through core.config (the points rules are own tables)."""

WEIGHTS = "duty.three_highs_weights"
GRADE_BANDS = "duty.grade_bands"
REPUTATION = "duty.reputation_points"
WARNING_LINE = "duty.warning_points_line"
ABSENCE_LIMITS = "duty.absence_limits"

DEFAULTS = [
    (
        WEIGHTS,
        {"quality": 60, "satisfaction": 20, "reputation": 20},
        "三高权重（工作质效度、群众满意度、社会美誉度）",
        "随州“三高”：权重由政协确定；无群众评价的委员按其余两项折算",
    ),
    (
        GRADE_BANDS,
        [["excellent", 90], ["good", 80], ["competent", 60], ["incompetent", 0]],
        "考评等次分数线",
        "安庆：90 分以上优秀，80–89 分良好，60–79 分称职，60 分以下不称职",
    ),
    (
        REPUTATION,
        {"base": 60, "commendation": 10, "honour": 20, "media_report": 10},
        "社会美誉度：起始分和每项表彰、荣誉、报道的加分（满分 100）",
        "随州“三高”之社会美誉度：宣传报道和表彰",
    ),
    (
        WARNING_LINE,
        70,
        "预警线（工作质效度低于此分提醒、约谈）",
        "永春 2018：得分 70 分以下的委员发出提醒通知、进行约谈",
    ),
    (
        ABSENCE_LIMITS,
        {"plenary": 2, "standing": 3, "": 5},
        "年内无故缺席预警次数（按活动类别；空键为合计）",
        "宣威：无故缺席两次全体会议；山东：常委年内缺席常委会议 3 次",
    ),
]
