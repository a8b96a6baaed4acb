"""Test factories for opinion reports, built through the services so credits and history run."""

import datetime as dt
import itertools

from zhengxie.core.factories import make_member, make_user
from zhengxie.core.models import Committee, Member, Role, User

from . import services
from .models import BulletinIssue, OpinionReport

_sequence = itertools.count(1)


def make_author(*, committee: Committee) -> Member:
    """A member with an account, ready to report."""
    return make_member(committee=committee, with_account=True)


def make_office(*, committee: Committee) -> User:
    return make_user(role=Role.STAFF, committee=committee, department="研究室")


def make_report(
    *,
    author: Member,
    title: str = "",
    body: str = "香菇出口受阻，建议拓展线上渠道。",
    submit: bool = True,
    co_authors: list[Member] | None = None,
) -> OpinionReport:
    return services.create_report(
        committee=author.committee,
        actor=author.user,
        title=title or f"关于香菇产业发展的建议{next(_sequence)}",
        body=body,
        category="经济发展",
        member_ids=[m.pk for m in co_authors or []],
        submit=submit,
    )


def make_adopted_report(*, author: Member, office: User, mode: str = "single") -> OpinionReport:
    report = make_report(author=author)
    return services.apply_action(report=report, actor=office, action="adopt", mode=mode)


def make_bulletin(
    *, reports: list[OpinionReport], office: User, issued_on: dt.date | None = None
) -> BulletinIssue:
    return services.compose_bulletin(
        committee=reports[0].committee,
        actor=office,
        report_ids=[r.pk for r in reports],
        issued_on=issued_on or dt.date(2022, 6, 1),
        title="综合",
    )


def make_forwarded_report(*, author: Member, office: User, unit) -> OpinionReport:
    report = make_report(author=author)
    return services.apply_action(report=report, actor=office, action="forward", unit=unit)
