"""The duty step of the demo, run last: the three 2022 provincial honours and the 人民政协报
report the work review names, each committee's commendation of its most active members, and
the members' practical deeds (兴办实事) recorded and confirmed through the deed workflow, and
the 2022 year computed from what the other apps credited (never typed-in totals)."""

import datetime as dt

from zhengxie.core.demo import DemoWorld
from zhengxie.core.models import Member, User, Venue

from .models import Recognition, RecognitionKind, RecognitionLevel, YearBalance
from .services.deeds import confirm_deed, record_deed, return_deed
from .services.recognition import record_recognition
from .services.recompute import recompute_year
from .services.rules import ensure_rules
from .services.showcase import set_showcase_featured, set_showcase_public

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

# The deeds plan, as inputs: the share of each committee's members who record deeds in the
# year, how many each records, and what becomes of them (the rest wait for confirmation).
DEED_MEMBER_SHARE = 0.7
DEEDS_PER_MEMBER = (1, 1, 2)
DEED_CONFIRMED_SHARE = 0.88
DEED_RETURNED_SHARE = 0.07
DEED_RETURN_REASON = "请补充受益群众人数和现场照片。"
# (what, for whom, where): the kinds of deed the review's members' stories tell of.
DEED_KINDS = [
    ("协调修缮{town}便民桥", "沿线村民", "{town}河边组"),
    ("为{town}敬老院捐赠冬衣和取暖器", "敬老院五保老人", "{town}敬老院"),
    ("联系企业为{town}留守儿童捐建图书角", "留守儿童", "{town}中心小学"),
    ("推动{town}老旧小区加装路灯", "小区居民", "{town}老旧小区"),
    ("组织医疗专家到{town}义诊", "村民和居民", "{town}卫生院"),
    ("帮助{town}菇农对接销售渠道", "香菇种植户", "{town}香菇基地"),
    ("协调解决{town}农贸市场排水问题", "商户和周边居民", "{town}农贸市场"),
    ("为{town}困难家庭学生争取助学金", "困难家庭学生", "{town}"),
]


# 委员风采: the members the review names and each committee's commended members switch their
# pages on, and so does every SHOWCASE_EVERY-th member with an account (no draw from the rng,
# so the other steps' records stay as they were); the city office features the named ones.
SHOWCASE_EVERY = 8


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


def _confirmer(world: DemoWorld, venue: Venue | None, committee) -> User:
    if venue is not None and venue.convenor_id:
        return venue.convenor
    key = "staff" if committee.code == "suizhou" else f"{committee.code}_staff"
    return world.accounts[key]


def _record_deeds(world: DemoWorld, member: Member, venues: list[Venue]) -> list:
    rng, recorded = world.rng, []
    for _ in range(rng.choice(DEEDS_PER_MEMBER)):
        venue = rng.choice(venues) if venues and rng.random() < 0.7 else None
        town = venue.town.name if venue else rng.choice(["城区", "乡镇"])
        what, whom, where = rng.choice(DEED_KINDS)
        start = dt.date(world.year, 1, 10)
        recorded.append(
            record_deed(
                actor=member.user,
                title=what.format(town=town),
                description=f"{member.name}委员{what.format(town=town)}，事毕由受益群众签字确认。",
                place=where.format(town=town),
                beneficiaries=whom,
                done_on=start + dt.timedelta(days=rng.randrange(330)),
                venue=venue,
            )
        )
    return recorded


def _deeds(world: DemoWorld) -> int:
    """Members record deeds as the plan says, and the venues' convenors or the offices decide
    them through the workflow; the year's figures then count the confirmed ones."""
    confirmed = 0
    for committee in world.committees.values():
        members = list(
            Member.objects.filter(committee=committee, is_active=True)
            .select_related("user")
            .prefetch_related("venues__town", "venues__convenor")
            .order_by("id")
        )
        for member in world.rng.sample(members, round(len(members) * DEED_MEMBER_SHARE)):
            for deed in _record_deeds(world, member, list(member.venues.all())):
                confirmer, fate = _confirmer(world, deed.venue, committee), world.rng.random()
                if fate < DEED_CONFIRMED_SHARE:
                    confirm_deed(actor=confirmer, deed=deed)
                    confirmed += 1
                elif fate < DEED_CONFIRMED_SHARE + DEED_RETURNED_SHARE:
                    return_deed(actor=confirmer, deed=deed, reason=DEED_RETURN_REASON)
    return confirmed


def seed(world: DemoWorld) -> None:
    for committee in world.committees.values():
        ensure_rules(committee=committee)
    confirmed = _deeds(world)
    world.notes.append(f"兴办实事：{confirmed} 件经召集人或机关确认，计入履职档案")
    _honours(world)
    for committee in world.committees.values():
        recompute_year(committee=committee, year=world.year)
    _commendations(world)
    computed = sum(recompute_year(committee=c, year=world.year) for c in world.committees.values())
    for committee in world.committees.values():  # the previous year (core/demo_2021.py)
        recompute_year(committee=committee, year=world.year - 1)
    world.notes.append(f"履职：{computed} 名委员的 {world.year} 年度积分由履职记录计算")
    opted = _showcases(world)
    world.notes.append(f"委员风采：{opted} 名委员公开了风采页")


def _showcases(world: DemoWorld) -> int:
    named = {*PROVINCIAL_HONOURS, MEDIA_REPORT[0]}
    commended = set(
        Recognition.objects.filter(
            kind=RecognitionKind.COMMENDATION, occurred_on__year=world.year
        ).values_list("member_id", flat=True)
    )
    members = (
        Member.objects.filter(is_active=True, user__isnull=False)
        .select_related("user")
        .order_by("id")
    )
    opted = 0
    for index, member in enumerate(members):
        featured = member.committee_id == world.city.pk and member.name in named
        if featured or member.pk in commended or index % SHOWCASE_EVERY == 0:
            set_showcase_public(actor=member.user, public=True)
            opted += 1
        if featured:
            set_showcase_featured(actor=world.accounts["staff"], member=member, featured=True)
    return opted
