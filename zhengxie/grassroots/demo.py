"""Grassroots 2022 for the demo: the review's four stories as full cases made through the
services, then the year's volume through the same services (demo_volume.py), so the city
roll-up shows the review's figures."""

import datetime as dt

from zhengxie.core.demo import DemoWorld
from zhengxie.core.models import HandlingUnit, User, Venue

from .demo_volume import fill_year
from .models import Case, CaseSource, ParticipantKind
from .services.actions import agree_action, report_progress
from .services.cases import accept_case, close_case, raise_case_by_convenor, rate_case, report_case
from .services.contacts import record_contact
from .services.sessions import Participant, hold_session

D = dt.date


def _venue(world: DemoWorld, code: str, town: str) -> Venue:
    return (
        Venue.objects.filter(committee=world.committees[code], town__name=town)
        .order_by("id")
        .first()
    )


def _unit(venue: Venue, name: str) -> HandlingUnit:
    return HandlingUnit.objects.get(
        committee_id=venue.committee_id, name=venue.committee.region + name
    )


def _people(
    venue: Venue, reps: str, departments: str, community: str, companies: str = ""
) -> list[Participant]:
    members = [
        Participant(ParticipantKind.MEMBER, m.name, m.pk) for m in venue.members.order_by("id")[:3]
    ]
    others = [
        *(Participant(ParticipantKind.RESIDENT_REP, n) for n in reps.split("、") if n),
        *(Participant(ParticipantKind.DEPARTMENT, n) for n in departments.split("、") if n),
        *(Participant(ParticipantKind.COMPANY, n) for n in companies.split("、") if n),
        *(Participant(ParticipantKind.COMMUNITY, n) for n in community.split("、") if n),
    ]
    return members + others


def _finish(
    actor: User,
    case: Case,
    venue: Venue,
    session,
    steps: list[tuple],
    rating: tuple,
    rater: User | None = None,
) -> None:
    """Actions agreed at the session, done on their dates, then rated and closed."""
    actions = [
        agree_action(
            actor=actor,
            case=case,
            description=what,
            responsible_name="",
            responsible_unit=_unit(venue, unit),
            due_on=due,
            session=session,
            on=session.held_on,
        )
        for what, unit, due, _done in steps
    ]
    for action, (_what, _unit_name, _due, done) in zip(actions, steps, strict=True):
        report_progress(
            actor=actor, action=action, note="已完成并经群众代表验收", done=True, on=done
        )
    value, comment, rated_on = rating
    rate_case(
        actor=rater or actor,
        case=case,
        value=value,
        comment=comment,
        on=rated_on,
        by_representatives=rater is None,
    )
    close_case(actor=actor, case=case, on=rated_on + dt.timedelta(days=3))


def _hongshan(world: DemoWorld) -> None:
    venue, convenor = _venue(world, "suixian", "洪山镇"), world.accounts["convenor"]
    member = venue.members.select_related("user").order_by("id").first()
    _contact, case = record_contact(
        actor=member.user,
        kind="grassroots",
        target="洪山镇集镇居民",
        town=venue.town,
        occurred_on=D(2022, 3, 8),
        content="走访集镇老街，居民反映棚户区房屋破旧、排水不畅。",
        case={
            "category": "livelihood",
            "title": "洪山镇集镇棚户区改造",
            "place": "随县洪山镇集镇老街",
            "description": "集镇老街棚户区房屋年久失修，雨季积水，群众盼望改造。",
        },
    )
    accept_case(actor=convenor, case=case, venue=venue, on=D(2022, 3, 10))
    session = hold_session(
        actor=convenor,
        venue=venue,
        title="集镇棚户区改造一线协商会",
        held_on=D(2022, 4, 15),
        cases=[case],
        participants=_people(
            venue,
            "老街居民代表张德明、李秀英",
            "随县住房和城乡建设局、洪山镇人民政府",
            "洪山镇集镇社区",
        ),
        minutes={
            "briefing": "镇政府通报棚户区现状和改造计划。",
            "questions": "居民代表提问补偿标准和过渡安置。",
            "answers": "县住建局解答改造政策和资金来源。",
            "speeches": "委员建议分期实施、先排水后房屋。",
        },
        consensus="纳入2022年棚户区改造计划，先行改造排水管网，年内完成首期改造。",
    )
    _finish(
        convenor,
        case,
        venue,
        session,
        [
            ("改造集镇老街排水管网", "住房和城乡建设局", D(2022, 7, 31), D(2022, 7, 20)),
            ("实施首期棚户区房屋改造", "住房和城乡建设局", D(2022, 11, 30), D(2022, 11, 18)),
        ],
        ("satisfied", "老街变新街，群众很满意", D(2022, 11, 25)),
    )


def _haodian(world: DemoWorld) -> None:
    venue, admin = _venue(world, "guangshui", "郝店镇"), world.accounts["admin"]
    case = raise_case_by_convenor(
        actor=admin,
        venue=venue,
        category="livelihood",
        title="郝店镇村组道路柏油路建设",
        description="村组道路坑洼不平，雨天泥泞，农产品运不出去。",
        place="广水市郝店镇",
        reporter_name="村民代表",
        source=CaseSource.COMMUNITY,
        on=D(2022, 4, 6),
    )
    session = hold_session(
        actor=admin,
        venue=venue,
        title="柏油路建设一线协商会",
        held_on=D(2022, 5, 12),
        cases=[case],
        participants=_people(
            venue, "村民代表王建国", "广水市交通运输局、郝店镇人民政府", "相关村委会"
        ),
        minutes={
            "briefing": "镇政府通报道路现状。",
            "questions": "村民问何时动工。",
            "answers": "交通运输局解答项目资金安排。",
            "speeches": "委员建议与农产品运输需求统筹。",
        },
        consensus="列入农村公路提档升级项目，秋收前完成柏油路面铺设。",
    )
    _finish(
        admin,
        case,
        venue,
        session,
        [("铺设柏油路面", "交通运输局", D(2022, 9, 15), D(2022, 9, 8))],
        ("satisfied", "路修好了，出行方便", D(2022, 9, 20)),
    )


def _wulongxiang(world: DemoWorld) -> None:
    """Lifts for old blocks: several sessions before the residents agree on sharing the cost."""
    venue, staff, member = (
        _venue(world, "zengdu", "西城街道"),
        world.accounts["zengdu_staff"],
        world.accounts["member2"].member,
    )
    _contact, case = record_contact(
        actor=member.user,
        kind="sector",
        target="乌龙巷社区老年居民",
        town=venue.town,
        occurred_on=D(2022, 2, 22),
        content="老旧小区多为六层楼，老人上下楼困难。",
        case={
            "category": "livelihood",
            "title": "乌龙巷社区老旧小区加装电梯",
            "place": "曾都区西城街道乌龙巷社区",
            "description": "老旧小区无电梯，老年人上下楼困难，盼望加装电梯。",
        },
    )
    accept_case(actor=staff, case=case, venue=venue, on=D(2022, 2, 25))
    rounds = [
        (D(2022, 3, 18), "低层住户担心采光和噪音，意见未统一。", ""),
        (D(2022, 4, 22), "讨论按楼层分摊费用的方案。", ""),
        (
            D(2022, 5, 27),
            "各楼层住户就分摊比例达成一致。",
            "按楼层梯度分摊费用，申请老旧小区改造补助，首批两栋先行加装。",
        ),
    ]
    sessions = [
        hold_session(
            actor=staff,
            venue=venue,
            title=f"加装电梯第{n}次协商会",
            held_on=on,
            cases=[case],
            participants=_people(
                venue,
                "楼栋长刘桂英、住户代表陈明",
                "曾都区住房和城乡建设局",
                "乌龙巷社区居委会",
                "电梯安装企业",
            ),
            minutes={"briefing": "社区通报加装电梯意向调查结果。", "speeches": speech},
            consensus=consensus,
        )
        for n, (on, speech, consensus) in enumerate(rounds, start=1)
    ]
    _finish(
        staff,
        case,
        venue,
        sessions[-1],
        [("首批两栋加装电梯", "住房和城乡建设局", D(2022, 10, 31), D(2022, 10, 26))],
        ("basic", "电梯装好了，希望其他楼栋也尽快", D(2022, 11, 2)),
    )


def _chengxi(world: DemoWorld) -> None:
    venue, admin, resident = (
        _venue(world, "guangshui", "城郊街道"),
        world.accounts["admin"],
        world.accounts["resident"],
    )
    case = report_case(
        reporter=resident,
        address="127.0.0.1",
        town=venue.town,
        category="urgent",
        title="新农村小区天然气通气",
        description="城西社区新农村小区管道已铺多年一直未通气，冬天做饭取暖困难。",
        place="广水市城郊街道城西社区新农村小区",
        phone="13800002022",
        on=D(2022, 6, 2),
    )
    accept_case(actor=admin, case=case, venue=venue, on=D(2022, 6, 6))
    session = hold_session(
        actor=admin,
        venue=venue,
        title="新农村小区天然气通气协商会",
        held_on=D(2022, 6, 28),
        cases=[case],
        participants=_people(
            venue,
            "小区业主代表",
            "广水市住房和城乡建设局、城郊街道办事处",
            "城西社区居委会",
            "燃气公司",
        ),
        minutes={
            "briefing": "社区通报管网现状。",
            "questions": "业主问未通气原因。",
            "answers": "燃气公司解答验收手续问题。",
            "speeches": "委员建议部门联合验收。",
        },
        consensus="部门联合验收管网，燃气公司十月底前通气。",
    )
    _finish(
        admin,
        case,
        venue,
        session,
        [("联合验收管网并通气", "住房和城乡建设局", D(2022, 10, 31), D(2022, 10, 20))],
        ("satisfied", "终于用上天然气了", D(2022, 10, 25)),
        rater=resident,
    )


def seed(world: DemoWorld) -> None:
    for story in (_hongshan, _haodian, _wulongxiang, _chengxi):
        story(world)
    fill_year(world)
