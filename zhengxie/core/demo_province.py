"""The provincial level above the demo city: 政协湖北省委员会 (`hubei`) with a few members,
among them the seed's 甘子林 (湖北省政协委员, living and working in Suizhou), an office
account and a leader. It is its own step after `seed_demo`, so the city's world and every
figure of it stay exactly as they were: the province only adds itself above them.

The seed counts 甘子林 among the city's 1,119 members of both levels as well; here the
provincial seat is a second, separate seat of the same person on the province's roster, with
no account of its own (the person signs in with the city seat's number)."""

from django.db import transaction

from .demo import demo_login, demo_password_hash
from .imports.apply import apply_rows
from .models import Committee, CommitteeLevel, LeaderKind, Role, User
from .services.committees import create_committee, move_committee
from .services.sessions import TermFields, add_term

CODE = "hubei"
CITY_CODE = "suizhou"
ACCOUNT_MOBILES = "1370000{:04d}"
# (name, gender, work title, mobile): the seed's 甘子林 and three fictitious provincial members.
MEMBERS = [
    ("甘子林", "M", "随州市工商联副主席（居住随州）", ""),
    ("欧阳澜", "F", "武汉大学教授", "13700000101"),
    ("闻一舟", "M", "襄阳市某农业企业负责人", "13700000102"),
    ("汤若霏", "F", "宜昌市中心医院主任医师", "13700000103"),
]
REASON = "演示数据：省级政协"


def seed_province() -> Committee | None:
    """Builds the province once, above the demo city; returns None when it is there already
    or when the city is not (no demo world to sit above)."""
    city = Committee.objects.filter(code=CITY_CODE).first()
    if city is None or Committee.objects.filter(code=CODE).exists():
        return None
    admin = User.objects.get(username="admin", is_superuser=True)
    with transaction.atomic():
        province = create_committee(
            actor=admin,
            parent=None,
            code=CODE,
            name="政协湖北省委员会",
            short_name="湖北省政协",
            level=CommitteeLevel.PROVINCIAL,
            region="湖北省",
        )
        # The city was set up on its own; it joins below the province once, here.
        move_committee(actor=admin, committee=city, parent=province, reason=REASON)
        add_term(
            actor=admin,
            committee=province,
            data=TermFields(number=12, start_year=2018, end_year=2022, is_current=True),
        )
        _members(province, admin)
        _accounts(province, admin)
    return province


def _members(province: Committee, admin: User) -> None:
    """The province's roster, loaded through the roster import's writer as the city's is."""
    rows = [
        (row, {"name": name, "gender": gender, "work_title": title, "mobile": mobile,
               "public_title": "湖北省政协委员"})
        for row, (name, gender, title, mobile) in enumerate(MEMBERS, start=1)
    ]  # fmt: skip
    apply_rows(committee=province, rows=rows, user=admin, password_hash=demo_password_hash())


def _accounts(province: Committee, admin: User) -> None:
    people = [
        ("hubei_staff", "省政协办公厅 李干事", Role.STAFF, {"department": "办公厅"}),
        ("hubei_leader", "省政协 副主席", Role.LEADER,
         {"leader_kind": LeaderKind.CHAIR_MEMBER, "title": "省政协副主席"}),
    ]  # fmt: skip
    # The demo's platform administrator hands out the province's first roles: nobody at the
    # province holds one yet.
    for n, (username, name, role, grant) in enumerate(people):
        demo_login(
            staff=admin, committee=province, role=role, username=username, name=name,
            mobile=ACCOUNT_MOBILES.format(n), **grant,
        )  # fmt: skip
