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
