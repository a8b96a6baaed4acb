"""A few current inter-session proposals in every step, so the demo accounts have work today:
the member has one to rate, the housing bureau one to answer, the office one to review."""

import datetime as dt

from django.utils import timezone

from zhengxie.core.demo import DemoWorld, office_login
from zhengxie.core.models import HandlingUnit, Member

from .. import services
from .plenary import Ctx, _liaison, submit


def seed_current(world: DemoWorld, rows) -> None:
    city = world.city
    ctx = Ctx(
        world,
        city,
        office_login(world, city),
        list(HandlingUnit.objects.filter(committee=city)),
        list(Member.objects.filter(committee=city)),
    )
    member = getattr(world.accounts.get("member"), "member", None)
    housing = HandlingUnit.objects.get(committee=city, name="市住房和城乡建设局")
    now = timezone.now()
    made = [
        submit(ctx, next(rows), now - dt.timedelta(days=40 - i), first=member) for i in range(7)
    ]
    services.give_preliminary_opinion(
        proposal=made[1], actor=ctx.office, opinion="符合立案标准，建议立案"
    )
    for proposal in made[2:]:
        services.register_proposal(proposal=proposal, actor=ctx.office)
    today = timezone.localdate()
    for proposal in made[3:6]:
        services.assign_proposal(
            proposal=proposal,
            actor=ctx.office,
            lead=housing,
            assigned_on=today - dt.timedelta(days=20),
        )
    liaison = _liaison(ctx, housing)
    for proposal in made[4:6]:
        reply = services.draft_reply(
            proposal=proposal,
            actor=liaison,
            result_class="B",
            text="提案收悉，我局已将所提建议列入年度计划，正在推进。",
        )
        services.send_reply(reply=reply, actor=liaison)
    reply = made[5].replies.get()
    services.approve_reply(reply=reply, actor=ctx.office)
    # One ran past its deadline: the office's overdue list and the units' reminders show it.
    transport = HandlingUnit.objects.get(committee=city, name="市交通运输局")
    services.assign_proposal(
        proposal=made[6],
        actor=ctx.office,
        lead=transport,
        assigned_on=today - dt.timedelta(days=120),
    )
