"""The duty step of the demo, run last: the three 2022 provincial honours and the 人民政协报
report the work review names, each committee's commendation of its most active members, and
the 2022 year computed from what the other apps credited (never typed-in totals)."""

import datetime as dt

from zhengxie.core.demo import DemoWorld
from zhengxie.core.models import Member

from .models import RecognitionKind, RecognitionLevel, YearBalance
from .services.recognition import record_recognition
from .services.recompute import recompute_year
from .services.rules import ensure_rules

# 2022年，省政协委员甘子林，市政协委员刘荣、申小丽 3 人获评"湖北省优秀政协委员". The review
# gives the year, not the day; the demo dates them at the year's end.
PROVINCIAL_HONOURS = ["甘子林", "刘荣", "申小丽"]
HONOUR_TITLE = "湖北省优秀政协委员"
MEDIA_REPORT = (
    "许景闻",
    "菇农的“财神爷”——记湖北省随州市政协委员许景闻",
    "人民政协报",
    "“委员新样子”专栏",
)
COMMENDED_PER_COMMITTEE = 3


def _city_member(world: DemoWorld, name: str) -> Member:
    return Member.objects.get(committee=world.city, name=name)


def _honours(world: DemoWorld) -> None:
    staff = world.accounts.get("staff")
    year_end = dt.date(world.year, 12, 1)
    for name in PROVINCIAL_HONOURS:
        member = _city_member(world, name)
        record_recognition(
            actor=staff,
            member=member,
            kind=RecognitionKind.NOMINATION,
            level=RecognitionLevel.CITY,
            title=f"推荐{HONOUR_TITLE}",
            issuer="随州市政协",
            occurred_on=dt.date(world.year, 10, 15),
        )
        record_recognition(
            actor=staff,
            member=member,
            kind=RecognitionKind.HONOUR,
            level=RecognitionLevel.PROVINCIAL,
            title=HONOUR_TITLE,
            issuer="湖北省政协",
            occurred_on=year_end,
        )
    name, title, outlet, column = MEDIA_REPORT
    record_recognition(
        actor=staff,
        member=_city_member(world, name),
        kind=RecognitionKind.MEDIA_REPORT,
        level=RecognitionLevel.NATIONAL,
        title=title,
        issuer=outlet,
        note=column,
        occurred_on=dt.date(world.year, 11, 1),
    )


def _commendations(world: DemoWorld) -> None:
    """Each committee commends its members with the most points of the computed year."""
    for committee in world.committees.values():
        top = (
            YearBalance.objects.filter(committee=committee, year=world.year, points__gt=0)
            .select_related("member")
            .order_by("-points", "member_id")[:COMMENDED_PER_COMMITTEE]
        )
        for balance in top:
            record_recognition(
                actor=None,
                member=balance.member,
                kind=RecognitionKind.COMMENDATION,
                level=RecognitionLevel.CITY
                if committee.parent_id is None
                else RecognitionLevel.COUNTY,
                title=f"{world.year}年度履职优秀委员",
                issuer=committee.name,
                occurred_on=dt.date(world.year, 12, 20),
            )


def seed(world: DemoWorld) -> None:
    for committee in world.committees.values():
        ensure_rules(committee=committee)
    _honours(world)
    for committee in world.committees.values():
        recompute_year(committee=committee, year=world.year)
    _commendations(world)
    computed = sum(recompute_year(committee=c, year=world.year) for c in world.committees.values())
    world.notes.append(f"履职：{computed} 名委员的 {world.year} 年度积分由履职记录计算")
