"""Two activities of the seed that people other than members attended: the 随州文史记者行,
where reporters went along with the members of the culture and press sectors, and the
office's own 学习“四史”读书报告会暨文史知识讲解评比活动 (end of June 2022), held for its
cadres. The guests and cadres are signed in through the guests service, so neither enters
members' participation or duty figures. No randomness: the other demo steps' draws stay as
they were."""

import datetime as dt

from zhengxie.core.demo import DemoWorld
from zhengxie.core.models import Member, Role, User

from .demo_holding import at
from .models import ActivityKind, GuestKind, InvitationSource
from .services import activities as activity_services
from .services.attendance import bulk_sign_in, mark_held
from .services.guests import add_guest, sign_in_guest
from .services.invitations import invite_members

REPORTERS = (
    ("随州日报", "何晓燕"),
    ("随州日报", "邓俊"),
    ("随州广播电视台", "柳青"),
    ("随州广播电视台", "黄启明"),
    ("湖北日报随州记者站", "王璐"),
)
# Cadres without a platform account are named; the office's staff accounts come as themselves.
CADRES = (("办公室", "李敏"), ("研究室", "张涛"), ("文史委", "刘佳"), ("机关党委", "赵磊"))
SECTORS = ("文化艺术界", "新闻出版界")


def _held(world: DemoWorld, activity, members: list[int]):
    invite_members(
        actor=None, activity=activity, source=InvitationSource.MANUAL, member_ids=members
    )
    activity_services.send_notice(actor=None, activity=activity)
    bulk_sign_in(actor=None, activity=activity, member_ids=members)
    return mark_held(actor=None, activity=activity)


def _with_reporters(world: DemoWorld, office, kinds: dict, year: int) -> None:
    city = world.city
    day = dt.date(year, 9, 22)
    activity = activity_services.create_activity(
        actor=None,
        committee=city,
        kind=kinds["inspection"],
        title="随州文史记者行",
        description="邀请媒体人士走访文史遗存，宣传随州文史资源。",
        starts_at=at(day),
        ends_at=at(day, 17),
        location="曾都区擂鼓墩古墓群、随州市博物馆",
    )
    members = Member.objects.filter(committee=city, sector__name__in=SECTORS, is_active=True)
    _held(world, activity, list(members.order_by("id").values_list("pk", flat=True)[:8]))
    for unit, name in REPORTERS:
        guest = add_guest(
            actor=office, activity=activity, kind=GuestKind.MEDIA, name=name, unit=unit
        )
        sign_in_guest(actor=office, guest=guest)


def _office_contest(world: DemoWorld, office, kinds: dict, year: int) -> None:
    day = dt.date(year, 6, 28)
    activity = activity_services.create_activity(
        actor=None,
        committee=world.city,
        kind=kinds["reading"],
        title="学习“四史”读书报告会暨文史知识讲解评比活动",
        starts_at=at(day, 14),
        ends_at=at(day, 17),
        location="市政协机关会议室",
        office_own=True,
    )
    activity_services.send_notice(actor=None, activity=activity)
    staff = User.objects.filter(role_grants__committee=world.city, role_grants__role=Role.STAFF)
    cadres = [
        add_guest(actor=office, activity=activity, kind=GuestKind.CADRE, user=user)
        for user in staff.distinct().order_by("id")
    ]
    cadres += [
        add_guest(actor=office, activity=activity, kind=GuestKind.CADRE, name=name, unit=unit)
        for unit, name in CADRES
    ]
    for cadre in cadres:
        sign_in_guest(actor=office, guest=cadre)
    mark_held(actor=None, activity=activity)


def seed(world: DemoWorld) -> None:
    office, year = world.accounts["staff"], world.year
    kinds = {k.code: k for k in ActivityKind.objects.filter(committee=world.city)}
    _with_reporters(world, office, kinds, year)
    _office_contest(world, office, kinds, year)
    world.notes.append("activities: 文史记者行 with 5 reporters, the office's own 四史 contest")
