"""The demo world: the Suizhou city committee and its three county-level committees in 2022,
as the 2022 work review describes them. Deterministic: the same seed gives the same world."""

import datetime as dt
import functools
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from .imports.apply import apply_rows
from .models import (
    Committee,
    CommitteeLevel,
    Gender,
    HandlingUnit,
    LeaderKind,
    Member,
    Plenary,
    Role,
    Sector,
    SpecialCommittee,
    Term,
    Town,
    User,
    Venue,
    VenueKind,
)
from .services.accounts import create_account
from .services.committees import create_committee
from .services.directory import save_directory_record
from .services.residents import MovedResident, move_over_residents
from .services.sessions import PlenaryFields, TermFields, add_plenary, add_term

DEMO_PASSWORD = "zhengxie2022"
DEMO_YEAR = 2022
# Fictitious numbers, in order: the members' 1,119 from 13900000000 up, the role accounts'
# from 13800000000 up. The demo sends no SMS anywhere: its backend is the outbox.
MEMBER_MOBILES = "1390000{:04d}"
ROLE_MOBILES = "1380000{:04d}"

# code, name, short name, region, members, venues. Members add up to the review's 1,119
# "members of both levels"; venues to its 47 members' homes and consultation rooms.
COMMITTEES = [
    ("suizhou", "政协随州市委员会", "随州市政协", "随州市", 316, 5),
    ("zengdu", "政协随州市曾都区委员会", "曾都区政协", "曾都区", 251, 12),
    ("suixian", "政协随县委员会", "随县政协", "随县", 262, 16),
    ("guangshui", "政协广水市委员会", "广水市政协", "广水市", 290, 14),
]

TOWNS = {
    "suizhou": ["淅河镇", "大洪山长岗镇", "白云湖街道", "东城街道(高新区)"],
    "zengdu": [
        "西城街道",
        "东城街道",
        "南郊街道",
        "北郊街道",
        "城南新区",
        "何店镇",
        "洛阳镇",
        "府河镇",
        "万店镇",
    ],
    "suixian": [
        "厉山镇",
        "高城镇",
        "殷店镇",
        "草店镇",
        "小林镇",
        "淮河镇",
        "万和镇",
        "尚市镇",
        "唐县镇",
        "吴山镇",
        "新街镇",
        "安居镇",
        "环潭镇",
        "洪山镇",
        "三里岗镇",
        "柳林镇",
        "均川镇",
    ],
    "guangshui": [
        "应山街道",
        "十里街道",
        "广水街道",
        "城郊街道",
        "武胜关镇",
        "杨寨镇",
        "陈巷镇",
        "长岭镇",
        "马坪镇",
        "关庙镇",
        "余店镇",
        "吴店镇",
        "郝店镇",
        "蔡河镇",
        "李店镇",
        "太平镇",
        "骆店镇",
    ],
}

SECTORS = [
    "中国共产党",
    "中国国民党革命委员会",
    "中国民主同盟",
    "中国民主建国会",
    "中国民主促进会",
    "中国农工民主党",
    "九三学社",
    "无党派人士",
    "共青团",
    "总工会",
    "妇联",
    "工商联",
    "科协",
    "经济界",
    "农业界",
    "教育界",
    "科学技术界",
    "文化艺术界",
    "新闻出版界",
    "医药卫生界",
    "体育界",
    "社会科学界",
    "少数民族界",
    "宗教界",
    "社会福利和社会保障界",
    "特邀人士",
]

SPECIAL_COMMITTEES = [
    "提案委员会",
    "经济委员会",
    "农业和农村委员会",
    "人口资源环境委员会",
    "教科卫体委员会",
    "社会和法制委员会",
    "文化文史和学习委员会",
    "民族宗教港澳台侨和外事委员会",
]

CITY_UNITS = [
    "市发展和改革委员会",
    "市经济和信息化局",
    "市教育局",
    "市科学技术局",
    "市公安局",
    "市民政局",
    "市司法局",
    "市财政局",
    "市人力资源和社会保障局",
    "市自然资源和规划局",
    "市生态环境局",
    "市住房和城乡建设局",
    "市交通运输局",
    "市水利和湖泊局",
    "市农业农村局",
    "市商务局",
    "市文化和旅游局",
    "市卫生健康委员会",
    "市退役军人事务局",
    "市应急管理局",
    "市审计局",
    "市市场监督管理局",
    "市统计局",
    "市医疗保障局",
    "市城市管理执法委员会",
    "市林业局",
    "市政务服务和大数据管理局",
    "市信访局",
    "市乡村振兴局",
    "市地方金融工作局",
    "市总工会",
    "团市委",
    "市妇联",
    "市残联",
    "市科协",
    "国网随州供电公司",
    "市税务局",
    "曾都区人民政府",
    "随县人民政府",
    "广水市人民政府",
    "随州高新区管委会",
    "大洪山风景名胜区管委会",
]

COUNTY_UNITS = [
    "发展和改革局",
    "教育局",
    "公安局",
    "民政局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源和规划局",
    "住房和城乡建设局",
    "交通运输局",
    "农业农村局",
    "卫生健康局",
    "文化和旅游局",
    "市场监督管理局",
    "城市管理执法局",
]

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余"
    "杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷龙"
    "黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞建国志斌宇浩然晨阳辉"
    "波宁婷雪梅琳慧颖凯峰亮俊文博欣怡佳琪振华德胜春生海燕小龙云龙子豪思远嘉怡晓东红梅"
    "卫东永红金凤"
)
PARTIES = (
    ["中共党员"] * 37
    + ["民革党员"] * 4
    + ["民盟盟员"] * 6
    + ["民建会员"] * 6
    + ["民进会员"] * 5
    + ["农工党党员"] * 4
    + ["九三学社社员"] * 4
    + ["无党派人士"] * 10
    + ["群众"] * 24
)
ETHNICITIES = ["汉族"] * 96 + ["回族", "土家族", "苗族", "满族"]
WORK_TITLES = [
    "随州市中心医院主任医师",
    "曾都区第一中学校长",
    "湖北齐星集团副总经理",
    "随州职业技术学院教授",
    "随县农业技术推广中心高级农艺师",
    "广水市某律师事务所主任",
    "随州日报社记者",
    "香菇产业协会会长",
    "程力专用汽车股份有限公司工程师",
    "社区党委书记",
    "个体工商户",
    "村党支部书记",
    "市人民医院护士长",
    "编钟文化研究会研究员",
    "专用汽车产业园企业负责人",
    "中学教师",
]

# Members the review names: three provincial honours, one newspaper profile.
NAMED_CITY_MEMBERS = [
    ("甘子林", "M", "随州市工商联副主席、湖北省政协委员"),
    ("刘荣", "F", "随州市中心医院主任医师"),
    ("申小丽", "F", "曾都区某社区党委书记"),
    ("许景闻", "M", "随州市香菇产业企业负责人"),
]


@dataclass
class DemoWorld:
    """What one app's demo step leaves for the next."""

    rng: random.Random
    year: int = DEMO_YEAR
    committees: dict[str, Committee] = field(default_factory=dict)
    plenaries: dict[str, Plenary] = field(default_factory=dict)
    # 五届二次会议 (early 2023): the next plenary, open for the coming year's intake. Every
    # committee's demo proposals sit in its first plenary (2022): the city's own 170 are the
    # review's, and the city-with-counties roll-up adds the counties' own.
    second_plenaries: dict[str, Plenary] = field(default_factory=dict)
    accounts: dict[str, User] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def city(self) -> Committee:
        return self.committees["suizhou"]


class Rota:
    """Members taken in turns, the way an office spreads places on joint proposals and
    activities so that everyone has had a turn before anyone has a second: a shuffled round,
    then the next round."""

    def __init__(self, members, rng: random.Random):
        self.members, self.rng, self.queue = list(members), rng, []

    def take(self, count: int) -> list:
        picked: list = []
        count = min(count, len(self.members))
        while len(picked) < count:
            if not self.queue:
                self.queue = self.rng.sample(self.members, len(self.members))
            member = self.queue.pop()
            if member not in picked:
                picked.append(member)
        return picked


@functools.cache
def demo_password_hash() -> str:
    """The demo password hashed once for every demo account: a slow hash (Argon2) per account
    would cost seconds."""
    return make_password(DEMO_PASSWORD)


def _make_user(
    username: str, display_name: str, *, staff_flags: bool = False, mobile: str = ""
) -> User:
    user = User(
        username=username,
        display_name=display_name,
        is_staff=staff_flags,
        mobile=mobile,
        password=demo_password_hash(),
        activated_at=timezone.now(),
    )
    user.save()
    return user


def _committees(world: DemoWorld) -> None:
    """The city, then its counties below it, each with its fifth term and two plenaries, set
    up by the platform's administrator through the pages' services."""
    admin, city = world.accounts["admin"], None
    for code, name, short, region, _members, _venues in COMMITTEES:
        committee = create_committee(
            actor=admin,
            parent=city,
            code=code,
            name=name,
            short_name=short,
            region=region,
            level=CommitteeLevel.CITY if city is None else CommitteeLevel.COUNTY,
        )
        city = city or committee
        world.committees[code] = committee
        term = add_term(
            actor=admin,
            committee=committee,
            data=TermFields(number=5, start_year=2021, end_year=2026, is_current=True),
        )
        world.plenaries[code] = _plenary(admin, term, 1, 2022)
        world.second_plenaries[code] = _plenary(admin, term, 2, 2023)


def _plenary(admin: User, term: Term, session: int, year: int) -> Plenary:
    numerals = "一二三四五"
    committee = term.committee
    data = PlenaryFields(
        term=term,
        session=session,
        code=f"5-{session}",
        name=f"{committee.short_name}五届{numerals[session - 1]}次会议",
        opens_on=dt.date(year, 1, 5),
        closes_on=dt.date(year, 1, 8),
        intake_opens_on=dt.date(year - 1, 12, 1),
        intake_closes_on=dt.date(year, 1, 7),
    )
    return add_plenary(actor=admin, committee=committee, data=data)


def _dictionaries(world: DemoWorld) -> None:
    """Each committee's sectors, special committees, handling units and towns, entered by the
    administrator one record at a time, as on the directory pages."""
    admin = world.accounts["admin"]
    for code, committee in world.committees.items():
        prefix = committee.region
        units = CITY_UNITS if code == "suizhou" else [prefix + n for n in COUNTY_UNITS]
        records = [
            *(Sector(committee=committee, name=n, sort_order=i) for i, n in enumerate(SECTORS)),
            *(
                SpecialCommittee(committee=committee, name=n, sort_order=i)
                for i, n in enumerate(SPECIAL_COMMITTEES)
            ),
            *(HandlingUnit(committee=committee, name=n, sort_order=i) for i, n in enumerate(units)),
            *(
                Town(committee=committee, name=n, district=committee.region, sort_order=i)
                for i, n in enumerate(TOWNS[code])
            ),
        ]
        for record in records:
            save_directory_record(user=admin, record=record)


def _person_name(rng: random.Random, used: set[str]) -> str:
    while True:
        given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
        name = rng.choice(SURNAMES) + given
        if name not in used:
            used.add(name)
            return name


def _members(world: DemoWorld) -> None:
    """Each committee's roster, loaded by its office through the roster import's writer as a
    workbook is: every member has an account from the start, keyed by their number, and a
    demo login holding a named member's number is linked to that seat."""
    rng, used_names, mobiles = world.rng, set(), set()
    numbers = (MEMBER_MOBILES.format(n) for n in range(10_000))
    all_towns = list(Town.objects.order_by("id"))
    for code, _name, _short, _region, count, _venues in COMMITTEES:
        committee = world.committees[code]
        sectors = list(Sector.objects.filter(committee=committee))
        specials = list(SpecialCommittee.objects.filter(committee=committee))
        # City members report to towns across the whole city; county members to their own.
        towns = (
            all_towns
            if code == "suizhou"
            else [t for t in all_towns if t.committee_id == committee.pk]
        )
        named = NAMED_CITY_MEMBERS if code == "suizhou" else []
        rows = []
        for index in range(count):
            if index < len(named):
                name, gender, title = named[index]
                used_names.add(name)
            else:
                name = _person_name(rng, used_names)
                gender = "F" if rng.random() < 0.32 else "M"
                title = rng.choice(WORK_TITLES)
            # The random number is still drawn, and dropped, so that every later random
            # choice of the demo (and so every figure) stays as it was.
            drawn = ""
            while not drawn or drawn in mobiles:
                drawn = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
            mobiles.add(drawn)
            mobile = next(numbers)
            rows.append(
                (
                    index + 1,
                    {
                        "name": name,
                        "gender": Gender(gender),
                        "ethnicity": rng.choice(ETHNICITIES),
                        "birth_month": dt.date(rng.randrange(1956, 1992), rng.randrange(1, 13), 1),
                        "party": rng.choice(PARTIES),
                        "sector": rng.choice(sectors),
                        "special_committee": rng.choice(specials),
                        "work_title": title,
                        "mobile": mobile,
                        "is_standing": index < count // 6,
                        "town": rng.choice(towns),
                    },
                )
            )
        apply_rows(
            committee=committee,
            rows=rows,
            user=office_login(world, committee),
            password_hash=demo_password_hash(),
        )


def _venues(world: DemoWorld) -> None:
    kinds = [VenueKind.MEMBERS_HOME] * 3 + [VenueKind.STUDIO, VenueKind.ROOM]
    for code, _name, _short, _region, _members, count in COMMITTEES:
        committee = world.committees[code]
        towns = list(Town.objects.filter(committee=committee).order_by("id"))
        members = list(Member.objects.filter(committee=committee).order_by("id"))
        for index in range(count):
            town = towns[index % len(towns)]
            kind = kinds[index % len(kinds)]
            venue = Venue(
                committee=committee,
                town=town,
                name=f"{town.name}{kind.label}"
                + (f"（{index // len(towns) + 1}）" if index >= len(towns) else ""),
                kind=kind,
                address=f"{committee.region}{town.name}政府大院",
                duty_days="每月第一个周三",
                star_rating=world.rng.choice([3, 4, 4, 5]),
                sort_order=index,
            )
            save_directory_record(
                user=world.accounts["admin"],
                record=venue,
                many={"members": world.rng.sample(members, 6)},
            )


def demo_login(
    *, staff: User, committee: Committee, role: str, username: str, name: str, **details
) -> User:
    """A demo login made as an office makes one on the accounts page (create_account), keeping
    the demo's shared password, and so activated."""
    user, _password = create_account(
        staff=staff,
        committee=committee,
        role=role,
        username=username,
        display_name=name,
        password_hash=demo_password_hash(),
        **details,
    )
    return user


def demo_office(
    world: DemoWorld, username: str, committee: Committee, *, name: str, department: str
) -> User:
    """An office login of a committee, made once by the platform's administrator."""
    if username not in world.accounts:
        world.accounts[username] = demo_login(
            staff=world.accounts["admin"],
            committee=committee,
            role=Role.STAFF,
            username=username,
            name=name,
            department=department,
        )
    return world.accounts[username]


def office_login(world: DemoWorld, committee: Committee) -> User:
    """The office login of a committee (the city's is the demo's `staff`): it loads the roster
    and runs the proposals."""
    return demo_office(
        world,
        "staff" if committee == world.city else f"{committee.code}_staff",
        committee,
        name=f"{committee.display_name} 提案委干事",
        department="提案委",
    )


def _account(
    world: DemoWorld, key: str, name: str, committee: Committee, role: str, **grant
) -> User:
    """A demo login made by the platform's administrator, as an office makes it on the
    accounts page, keeping the demo's shared password (and so activated)."""
    mobile = grant.pop("mobile", "") or ROLE_MOBILES.format(len(world.accounts))
    user = demo_login(
        staff=world.accounts["admin"], committee=committee, role=role, username=key, name=name,
        mobile=mobile, **grant,
    )  # fmt: skip
    world.accounts[key] = user
    return user


def _resident(world: DemoWorld, key: str, name: str) -> None:
    """A resident registered on the committee's old website, moved over by the city office
    when the platform replaced it, as the portal's and the job board's people are."""
    person = MovedResident(
        username=key,
        display_name=name,
        mobile=ROLE_MOBILES.format(len(world.accounts)),
        password_hash=demo_password_hash(),
    )
    (world.accounts[key],) = move_over_residents(
        staff=world.accounts["staff"], committee=world.city, people=[person]
    )


def _member_login(world: DemoWorld, key: str, name: str) -> None:
    """A member's login under a name the demo's guide gives, holding the number the city's
    roster gives that named member (the city's roster is the first and its named members lead
    it): the roster import then links the seat to it and grants the member role, as it does
    for a member who already had an account."""
    index = [named for named, _gender, _title in NAMED_CITY_MEMBERS].index(name)
    world.accounts[key] = _make_user(key, name, mobile=MEMBER_MOBILES.format(index))


def _administrator(world: DemoWorld) -> None:
    """The platform's superuser, the one account made outside the services (as
    `createsuperuser` makes it on a new installation): it sets up everything else."""
    admin = _make_user("admin", "系统管理员", staff_flags=True, mobile=ROLE_MOBILES.format(0))
    admin.is_superuser = True
    admin.save()
    world.accounts["admin"] = admin


def _accounts(world: DemoWorld) -> None:
    city, zengdu = world.city, world.committees["zengdu"]
    _account(world, "staff", "提案委 陈干事", city, Role.STAFF, department="提案委员会")
    _account(world, "zengdu_staff", "曾都区政协 周干事", zengdu, Role.STAFF, department="办公室")
    housing = HandlingUnit.objects.get(committee=city, name="市住房和城乡建设局")
    _account(world, "unit", "市住建局 联络员", city, Role.UNIT, handling_unit=housing)
    _account(
        world,
        "leader",
        "市政府 分管副市长",
        city,
        Role.LEADER,
        leader_kind=LeaderKind.PARTY_GOVERNMENT,
        title="副市长",
    )
    _account(
        world,
        "chair",
        "市政协 副主席",
        city,
        Role.LEADER,
        leader_kind=LeaderKind.CHAIR_MEMBER,
        title="市政协副主席",
    )
    _resident(world, "resident", "热心市民 小王")
    _account(world, "convenor", "洪山镇 召集人", world.committees["suixian"], Role.CONVENOR)
    _member_login(world, "member", "刘荣")
    _member_login(world, "member2", "申小丽")


def _convenors(world: DemoWorld) -> None:
    """洪山镇's venues take the demo's convenor, set on the venues' directory page."""
    suixian, admin = world.committees["suixian"], world.accounts["admin"]
    for venue in Venue.objects.filter(committee=suixian, town__name="洪山镇"):
        venue.convenor = world.accounts["convenor"]
        save_directory_record(user=admin, record=venue)


def seed(world: DemoWorld) -> None:
    _administrator(world)
    _committees(world)
    _dictionaries(world)
    # The logins first: the roster links the demo's two member logins to their seats.
    _accounts(world)
    _members(world)
    _venues(world)
    _convenors(world)
