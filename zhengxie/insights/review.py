"""The annual work review (年度工作回眸): prose with figure fields, tables, the comparison with
the previous year and, for a city, between its counties.

The prose is a template that the office edits (ReviewDraft.prose): a line "# 标题" opens a
section, every other line is a paragraph, and a figure is named as a field
"{{ proposals.received }}" (any figure the review computes, by its dotted key). Fields are
read from the figures when the review is shown, so they stay live until publication freezes
the figures."""

import re
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zhengxie.core.formatting import percent


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[object]]


# The prose every draft starts from: the seed review's sections, its figures as fields.
DEFAULT_PROSE = (Path(__file__).parent / "review_prose.txt").read_text(encoding="utf-8")

FIELD = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")


def flatten(value, prefix: str = "") -> dict[str, object]:
    """Every figure under its dotted key ("proposals.key.city_leaders"); sections are not
    fields, only their numbers and names are."""
    if isinstance(value, dict):
        fields: dict[str, object] = {}
        for key, inner in value.items():
            fields |= flatten(inner, f"{prefix}.{key}" if prefix else str(key))
        return fields
    if isinstance(value, int | float | str | bool):
        return {prefix: value}
    return {}


def show(key: str, value: object) -> str:
    return percent(value) if key.endswith("_rate") else str(value)


def check_prose(prose: str, figures: dict) -> None:
    """Refuse a field that names no figure or is left open, naming the line."""
    fields = flatten(figures)
    errors = []
    for number, line in enumerate(prose.splitlines(), start=1):
        for name in FIELD.findall(line):
            if name not in fields:
                errors.append(
                    _("第%(line)d行：没有名为“%(name)s”的数据字段。")
                    % {"line": number, "name": name}
                )
        if "{{" in FIELD.sub("", line) or "}}" in FIELD.sub("", line):
            errors.append(
                _("第%(line)d行：数据字段应写作 {{ 字段名 }}，括号不完整。") % {"line": number}
            )
    if not prose.strip():
        errors.append(_("正文：不能为空。"))
    if errors:
        raise ValidationError({"prose": errors})


def paragraphs(figures: dict, prose: str = DEFAULT_PROSE) -> list[tuple[str, str]]:
    """(heading, paragraph) pairs in the order of the prose, its fields filled from the
    figures; a section's second and later paragraphs carry an empty heading."""
    fields = flatten(figures)

    def fill(match: re.Match) -> str:
        name = match.group(1)
        return show(name, fields[name]) if name in fields else match.group(0)

    pairs, heading = [], ""
    for line in prose.splitlines():
        line = line.strip()
        if line.startswith("# "):
            heading = line[2:].strip()
        elif line:
            pairs.append((heading, FIELD.sub(fill, line)))
            heading = ""
    return pairs


def result_class_columns(proposals: dict) -> tuple[list[str], list[int]]:
    """The reply classes the committee uses (its rule, in its order) as column labels
    ("A 类") and their counts."""
    classes = proposals["result_classes"]
    return [f"{code} 类" for code in classes], list(classes.values())


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


# The review's headline figures, compared year on year: (dotted key, label).
HEADLINES = [
    ("proposals.received", "收到提案"),
    ("proposals.registered", "立案提案"),
    ("proposals.replied", "已办复提案"),
    ("proposals.reply_rate", "办复率"),
    ("proposals.satisfaction_rate", "提案者满意率"),
    ("proposals.key.city_leaders", "党政领导领衔督办重点提案"),
    ("proposals.key.chair_members", "主席会议成员领衔督办重点提案"),
    ("activities.held", "履职活动"),
    ("activities.consultations", "协商活动"),
    ("activities.research_inspection_reports", "调研视察报告"),
    ("activities.study_sessions", "理论学习"),
    ("activities.essays", "理论征文"),
    ("activities.joint_with_upper", "联动履职"),
    ("opinions.submitted", "报送社情民意"),
    ("opinions.adopted", "采用社情民意"),
    ("opinions.adoption_rate", "社情民意采用率"),
    ("opinions.escalated", "被上级采用"),
    ("opinions.instructions", "领导批示"),
    ("grassroots.venues", "协商议事场所"),
    ("grassroots.sessions", "一线协商活动"),
    ("grassroots.problems_collected", "收集问题"),
    ("grassroots.livelihood_matters_resolved", "解决民生实事"),
    ("grassroots.enterprise_difficulties_resolved", "解决企业难题"),
    ("grassroots.urgent_concerns_resolved", "解决急难愁盼"),
    ("grassroots.satisfaction_rate", "群众满意率"),
    ("jobs.verified_employers", "核验用人单位"),
    ("jobs.jobs_posted", "发布岗位"),
    ("jobs.hires", "实现录用"),
    ("members.total", "委员总数"),
    ("members.participation_rate", "履职活动参加率"),
    ("members.five_ones_completion_rate", "“五个一”完成率"),
    ("honours.provincial_excellent_members", "省级优秀委员"),
]
# The records a year is made of: a year where none of them exists has no data to compare with.
YEAR_RECORDS = (
    "proposals.received",
    "activities.held",
    "opinions.submitted",
    "grassroots.sessions",
)
# Each section's own records: a section that had none the year before (a new term's proposals,
# a service not yet running) says so rather than counting 0 -> N as growth.
SECTION_RECORDS = {
    "proposals": "proposals.received",
    "activities": "activities.held",
    "opinions": "opinions.submitted",
    "grassroots": "grassroots.sessions",
    "jobs": "jobs.jobs_posted",
}
NO_PREVIOUS = "上年无数据"


def has_data(figures: dict) -> bool:
    fields = flatten(figures)
    return any(fields[key] for key in YEAR_RECORDS)


def _compared(key: str, before: dict, year_has_data: bool) -> bool:
    records = SECTION_RECORDS.get(key.split(".")[0])
    return year_has_data and (records is None or bool(before[records]))


def _change(key: str, before, now) -> tuple[str, str]:
    """(absolute change, relative change): rates change in percentage points; a figure that
    was 0 has no relative change."""
    if key.endswith("_rate"):
        return f"{(now - before) * 100:+.1f} 个百分点", "—"
    relative = f"{(now - before) / before * 100:+.1f}%" if before else "—"
    return f"{now - before:+d}", relative


def year_on_year(figures: dict, previous: dict) -> Table:
    """Every headline figure beside the previous year's, with the change; when the previous
    year (or the figure's section) has no records, it says so instead of counting growth."""
    now, before = flatten(figures), flatten(previous)
    year_has_data = has_data(previous)
    rows = []
    for key, label in HEADLINES:
        if _compared(key, before, year_has_data):
            rows.append(
                [
                    label,
                    show(key, before[key]),
                    show(key, now[key]),
                    *_change(key, before[key], now[key]),
                ]
            )
        else:
            rows.append([label, NO_PREVIOUS, show(key, now[key]), NO_PREVIOUS, NO_PREVIOUS])
    year = figures["year"]
    return Table(
        f"与{year - 1}年比较",
        ["指标", f"{year - 1}年", f"{year}年", "增减", "增减幅度"],
        rows,
    )


# The main figures the city compares its counties on.
COUNTY_FIGURES = [
    ("proposals.registered", "立案提案"),
    ("proposals.reply_rate", "办复率"),
    ("opinions.submitted", "报送社情民意"),
    ("opinions.adopted", "采用社情民意"),
    ("activities.held", "履职活动"),
    ("grassroots.sessions", "一线协商活动"),
    ("grassroots.livelihood_matters_resolved", "解决民生实事"),
    ("members.total", "委员"),
    ("members.participation_rate", "参加率"),
    ("members.five_ones_completion_rate", "“五个一”完成率"),
]


def county_comparison(counties: list[dict]) -> Table:
    """One row per county (its own figures), in the order given."""
    rows = []
    for county in counties:
        fields = flatten(county)
        rows.append(
            [county["committee_name"], *(show(k, fields[k]) for k, _label in COUNTY_FIGURES)]
        )
    return Table("县市区比较", ["政协", *(label for _key, label in COUNTY_FIGURES)], rows)


@dataclass(frozen=True)
class ReviewDocument:
    """Everything a page or a file of the review shows, from one snapshot of the figures:
    {"current": ..., "previous": ..., "counties": [...]} (counties only for a city's roll-up)."""

    snapshot: dict
    prose: str = DEFAULT_PROSE

    @property
    def figures(self) -> dict:
        return self.snapshot["current"]

    @property
    def title(self) -> str:
        return f"{self.figures['committee_name']}{self.figures['year']}年工作回眸"

    @property
    def previous_has_data(self) -> bool:
        return has_data(self.snapshot["previous"])

    def paragraphs(self) -> list[tuple[str, str]]:
        return paragraphs(self.figures, self.prose)

    def tables(self) -> list[Table]:
        return tables(self.figures)

    def year_on_year(self) -> Table:
        return year_on_year(self.figures, self.snapshot["previous"])

    def counties(self) -> Table | None:
        counties = self.snapshot.get("counties")
        return county_comparison(counties) if counties else None

    def all_tables(self) -> list[Table]:
        county = self.counties()
        return [self.year_on_year(), *([county] if county else []), *self.tables()]


@dataclass(frozen=True)
class Chart:
    kind: str  # "pie" or "bar"
    title: str
    labels: list[str]
    values: list[int]


def charts(figures: dict) -> list[Chart]:
    """The review's charts as data, drawn by each format its own way."""
    p, g, a = figures["proposals"], figures["grassroots"], figures["activities"]
    feedback = ("satisfied", "basically_satisfied", "dissatisfied")
    return [
        Chart("pie", "提案答复类别", *result_class_columns(p)),
        Chart(
            "pie",
            "提案者评价",
            ["满意", "基本满意", "不满意"],
            [p["feedback"][k] for k in feedback],
        ),
        Chart(
            "bar",
            "一线协商解决问题",
            ["民生实事", "企业难题", "急难愁盼"],
            [
                g["livelihood_matters_resolved"],
                g["enterprise_difficulties_resolved"],
                g["urgent_concerns_resolved"],
            ],
        ),
        Chart(
            "bar",
            "履职活动",
            ["协商", "调研视察报告", "理论学习", "联动履职"],
            [
                a["consultations"],
                a["research_inspection_reports"],
                a["study_sessions"],
                a["joint_with_upper"],
            ],
        ),
    ]
