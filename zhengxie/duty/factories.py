"""Test factories of the duty app: source records to credit, and credited members."""

import datetime as dt
import itertools

from zhengxie.core.factories import make_member
from zhengxie.core.models import Committee, Member, Town

from .models import DutyRecord
from .services import credit_duty

_sequence = itertools.count(1)


def make_source(*, committee: Committee) -> Town:
    """Any saved record can be the source of a credit; a town is the cheapest one."""
    return Town.objects.create(committee=committee, name=f"来源记录{next(_sequence)}")


def credit(
    *,
    member: Member,
    kind: str,
    role: str = "",
    on: dt.date | None = None,
    times: int = 1,
) -> list[DutyRecord]:
    """Credit `times` distinct acts of one kind and role to the member."""
    on = on or dt.date(2022, 6, 1)
    return [
        credit_duty(
            member=member,
            kind=kind,
            role=role,
            source=make_source(committee=member.committee),
            occurred_on=on,
        )
        for _ in range(times)
    ]


def make_credited_member(*, committee: Committee, **fields) -> Member:
    return make_member(committee=committee, **fields)


def make_deed(*, member: Member, venue=None, on: dt.date | None = None, title: str = "", photos=()):
    """A deed the member records through the service (the member needs an account)."""
    from .services.deeds import record_deed

    return record_deed(
        actor=member.user,
        title=title or f"为社区修缮路灯{next(_sequence)}",
        description="协调供电所修复小区路灯 12 盏。",
        place="东城街道文化路社区",
        beneficiaries="社区居民约 300 户",
        done_on=on or dt.date(2022, 6, 1),
        venue=venue,
        photos=list(photos),
    )
