"""The annual work review (年度工作回眸) as prose and tables filled from the figures."""

from dataclasses import dataclass

from zhengxie.core.formatting import percent


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[object]]


def result_class_columns(proposals: dict) -> tuple[list[str], list[int]]:
    """The reply classes the committee uses (its rule, in its order) as column labels
    ("A 类") and their counts."""
    classes = proposals["result_classes"]
    return [f"{code} 类" for code in classes], list(classes.values())


def paragraphs(figures: dict) -> list[tuple[str, str]]:
    """(heading, paragraph) pairs in the order of the review."""
    p, o, a = figures["proposals"], figures["opinions"], figures["activities"]
    g, m, h = figures["grassroots"], figures["members"], figures["honours"]
    j = figures["jobs"]
    name, year = figures["committee_name"], figures["year"]
    return [
        (
            "提案工作",
            f"{year}年，{name}共收到提案{p['received']}件，经审查立案{p['registered']}件，"
            f"并案{p['merged']}件，不予立案{p['declined']}件，转社情民意{p['converted_to_opinion']}件。"
            f"已办复{p['replied']}件，办复率{percent(p['reply_rate'])}；"
            f"提案者满意率{percent(p['satisfaction_rate'])}。"
            f"党政领导领衔督办重点提案{p['key']['city_leaders']}件，"
            f"主席会议成员领衔督办重点提案{p['key']['chair_members']}件。",
        ),
        (
            "协商议政",
            f"全年开展各类履职活动{a['held']}次，其中协商活动{a['consultations']}次；"
            f"形成调研视察报告{a['research_inspection_reports']}篇；"
            f"配合上级政协开展联动履职{a['joint_with_upper']}次。",
        ),
        (
            "社情民意",
            f"报送社情民意信息{o['submitted']}篇，采用{o['adopted']}篇，采用率{percent(o['adoption_rate'])}；"
            f"被上级采用{o['escalated']}篇，获领导批示{o['instructions']}次。",
        ),
        (
            "一线协商·共同缔造",
            f"建成委员之家等协商议事场所{g['venues']}个，开展一线协商活动{g['sessions']}次，"
            f"收集问题{g['problems_collected']}个，协调解决民生实事{g['livelihood_matters_resolved']}件、"
            f"企业发展难题{g['enterprise_difficulties_resolved']}个，"
            f"解决群众“急难愁盼”问题{g['urgent_concerns_resolved']}件，"
            f"群众满意率{percent(g['satisfaction_rate'])}。",
        ),
        (
            "稳就业",
            f"就业服务平台核验用人单位{j['verified_employers']}家，发布岗位{j['jobs_posted']}个，"
            f"其中{j['member_enterprises_hiring']}家委员企业发布招聘岗位；"
            f"求职者投递{j['job_applications']}人次，获面试邀请{j['interviews']}人次，"
            f"实现录用{j['hires']}人。",
        ),
        (
            "委员履职",
            f"委员{m['total']}名全部纳入履职档案，{m['reported_to_towns']}名委员到乡镇街道报到履职；"
            f"委员履职活动参加率{percent(m['participation_rate'])}，"
            f"“五个一”完成率{percent(m['five_ones_completion_rate'])}。"
            f"开展理论学习{a['study_sessions']}次，征集理论文章{a['essays']}篇；"
            f"{h['provincial_excellent_members']}名委员获评省级优秀政协委员。",
        ),
    ]


def tables(figures: dict) -> list[Table]:
    p, g = figures["proposals"], figures["grassroots"]
    feedback = p["feedback"]
    classes, counts = result_class_columns(p)
    return [
        Table(
            "提案办理",
            [
                "收到",
                "立案",
                "并案",
                "不予立案",
                "转社情民意",
                "转委员来信",
                "撤案",
                "已办复",
                "办复率",
            ],
            [
                [
                    p["received"],
                    p["registered"],
                    p["merged"],
                    p["declined"],
                    p["converted_to_opinion"],
                    p["converted_to_letter"],
                    p["withdrawn"],
                    p["replied"],
                    percent(p["reply_rate"]),
                ]
            ],
        ),
        Table("答复类别", classes, [counts]),
        Table(
            "提案者评价",
            ["满意", "基本满意", "不满意", "满意率"],
            [
                [
                    feedback["satisfied"],
                    feedback["basically_satisfied"],
                    feedback["dissatisfied"],
                    percent(p["satisfaction_rate"]),
                ]
            ],
        ),
        Table(
            "重点提案督办",
            ["党政领导领衔", "主席会议成员领衔", "其他"],
            [[p["key"]["city_leaders"], p["key"]["chair_members"], p["key"]["other"]]],
        ),
        Table(
            "社情民意",
            ["报送", "采用", "上级采用", "领导批示", "采用率"],
            [
                [
                    figures["opinions"][k]
                    for k in ("submitted", "adopted", "escalated", "instructions")
                ]
                + [percent(figures["opinions"]["adoption_rate"])]
            ],
        ),
        Table(
            "履职活动",
            ["活动", "协商", "调研视察报告", "理论学习", "理论征文", "联动履职"],
            [
                [
                    figures["activities"][k]
                    for k in (
                        "held",
                        "consultations",
                        "research_inspection_reports",
                        "study_sessions",
                        "essays",
                        "joint_with_upper",
                    )
                ]
            ],
        ),
        Table(
            "一线协商",
            ["场所", "协商活动", "收集问题", "民生实事", "企业难题", "急难愁盼", "满意率"],
            [
                [
                    g["venues"],
                    g["sessions"],
                    g["problems_collected"],
                    g["livelihood_matters_resolved"],
                    g["enterprise_difficulties_resolved"],
                    g["urgent_concerns_resolved"],
                    percent(g["satisfaction_rate"]),
                ]
            ],
        ),
        Table(
            "委员",
            ["委员总数", "报到乡镇街道", "参加率", "“五个一”完成率", "省级优秀委员"],
            [
                [
                    figures["members"]["total"],
                    figures["members"]["reported_to_towns"],
                    percent(figures["members"]["participation_rate"]),
                    percent(figures["members"]["five_ones_completion_rate"]),
                    figures["honours"]["provincial_excellent_members"],
                ]
            ],
        ),
    ]
