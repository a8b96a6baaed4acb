"""A member's own duty (我的履职): the year's figures, its points by kind, the five ones
(五个一), the three highs (三高) and the term's duty file, read through the same selectors as
the web's /duty/me/ and /duty/members/<id>/ pages, so the app and the page cannot disagree."""

from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from zhengxie.duty.models import Grade
from zhengxie.duty.permissions import check_own_duty_permission
from zhengxie.duty.selectors.member import MemberYear, duty_file, member_year
from zhengxie.duty.templatetags.duty_tags import breakdown_label

from ..errors import ERRORS

router = Router(tags=["duty"])


class YearIn(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="默认为今年")


class ThreeHighsOut(Schema):
    quality: Decimal = Field(description="工作质效度")
    satisfaction: Decimal | None = Field(description="群众满意度；无人评价时为 null")
    reputation: Decimal = Field(description="社会美誉度")
    score: Decimal = Field(description="三高综合得分")
    grade: str
    grade_label: str


class TaskOut(Schema):
    name: str
    done: bool


class FiveOnesOut(Schema):
    year: int
    all_done: bool
    tasks: list[TaskOut]


class PointsLineOut(Schema):
    key: str = Field(description="履职类别，或 base:/clamp: 加分组名")
    label: str
    points: float


class PointsOut(Schema):
    year: int
    total: float
    lines: list[PointsLineOut]


class DutyYearOut(Schema):
    year: int
    published: bool = Field(description="已发布的年度结果，而非实时计算")
    scheme_name: str
    points: float
    three_highs: ThreeHighsOut
    five_ones_done: int
    five_ones_total: int


class FileRowOut(Schema):
    category: str
    counts: list[int] = Field(description="与 years 一一对应的次数")


class FileYearOut(Schema):
    year: int
    points: float
    five_ones_done: bool
    score: Decimal
    grade: str
    grade_label: str
    published: bool


class DutyFileOut(Schema):
    years: list[int]
    rows: list[FileRowOut]
    summaries: list[FileYearOut]


def _year(request: HttpRequest, year: int | None) -> MemberYear:
    member = check_own_duty_permission(request.user)
    return member_year(member=member, year=year or timezone.localdate().year)


def _grade_label(code: str) -> str:
    return str(dict(Grade.choices).get(code, ""))


def _three_highs(figures: dict) -> ThreeHighsOut:
    return ThreeHighsOut(
        quality=figures["quality"],
        satisfaction=figures["satisfaction"],
        reputation=figures["reputation"],
        score=figures["score"],
        grade=figures["grade"],
        grade_label=_grade_label(figures["grade"]),
    )


@router.get("/me", response={200: DutyYearOut, **ERRORS})
def my_year(request: HttpRequest, filters: Query[YearIn]):
    """我的履职: the year's points, three highs and how many of the five ones are done."""
    page = _year(request, filters.year)
    return DutyYearOut(
        year=page.year,
        published=page.published,
        scheme_name=page.figures.get("scheme_name", ""),
        points=float(page.figures["points"]),
        three_highs=_three_highs(page.figures),
        five_ones_done=sum(done for _name, done in page.tasks),
        five_ones_total=len(page.tasks),
    )


@router.get("/me/points", response={200: PointsOut, **ERRORS})
def my_points(request: HttpRequest, filters: Query[YearIn]):
    """积分构成: the year's points by kind of duty; the lines add up to the total."""
    page = _year(request, filters.year)
    lines = [
        PointsLineOut(key=key, label=breakdown_label(key), points=float(value))
        for key, value in (page.figures.get("breakdown") or {}).items()
    ]
    return PointsOut(year=page.year, total=float(page.figures["points"]), lines=lines)


@router.get("/me/five-ones", response={200: FiveOnesOut, **ERRORS})
def my_five_ones(request: HttpRequest, filters: Query[YearIn]):
    """五个一: the committee's annual tasks and whether each is done this year."""
    page = _year(request, filters.year)
    tasks = [TaskOut(name=name, done=done) for name, done in page.tasks]
    all_done = bool(page.figures.get("five_ones_done"))
    return FiveOnesOut(year=page.year, all_done=all_done, tasks=tasks)


@router.get("/me/three-highs", response={200: ThreeHighsOut, **ERRORS})
def my_three_highs(request: HttpRequest, filters: Query[YearIn]):
    """三高: work quality, people's satisfaction, public reputation, the score and grade."""
    return _three_highs(_year(request, filters.year).figures)


@router.get("/me/file", response={200: DutyFileOut, **ERRORS})
def my_file(request: HttpRequest):
    """履职档案: the term's duties counted per category and year, and each year's result."""
    member = check_own_duty_permission(request.user)
    data = duty_file(member=member, today_year=timezone.localdate().year)
    return DutyFileOut(
        years=data["years"],
        rows=[FileRowOut(category=name, counts=counts) for name, counts in data["rows"]],
        summaries=[
            FileYearOut(
                year=year,
                points=float(figures["points"]),
                five_ones_done=figures["five_ones_done"],
                score=figures["score"],
                grade=figures["grade"],
                grade_label=_grade_label(figures["grade"]),
                published=published,
            )
            for year, figures, published in data["summaries"]
        ],
    )
