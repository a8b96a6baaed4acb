"""How many proposals a register page holds, without reading every visible row on each page.

The count is the one query of the register that grows with it: at 100,000 proposals the
office's unfiltered count reads the whole committee's index (about 10 ms on SQLite), and a
unit's filter, driven from the committee's side, probes every one of those rows (about 20 ms).

- The whole register of the office, leaders and administrators is cached per person and per
  set of committees read, under a version that moves on whenever a proposal is created,
  deleted, or changes committee, state, deletion or author (the signals below, and the register
  import's bulk insert). Their visibility reads the proposal rows alone
  (`whole_register_committee_ids`), so nothing else can change the figure. The version is
  moved at once and again after the commit: a reader that counted between the two, still
  seeing the old rows, stored its figure under the version the commit leaves behind.
- A unit's filter counts from the unit's active assignments (one per proposal and unit, by
  the assignment_unique_active_unit constraint), each looking its proposal up by key on the
  register (`_count_unit`): a few thousand index entries instead of the committee's every row.
- Any other filter is counted as it is.
"""

import hashlib
import secrets

from django.core.cache import cache
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery

from zhengxie.core.models import User

from ..models import Assignment
from ..permissions import whole_register_committee_ids

VERSION_KEY = "proposals:register:version"
# Only a backstop: every change that moves a count also moves the version.
COUNT_SECONDS = 600
# The fields of a proposal that decide whether it is on someone's register.
COUNTED_FIELDS = frozenset(
    {"committee", "committee_id", "state", "is_deleted", "created_by", "created_by_id"}
)


def register_version() -> int:
    """Started at random, so a version lost with a cache flush never repeats one a figure was
    stored under."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.randbits(48), timeout=None)
        version = cache.get(VERSION_KEY, 0)
    return version


def bump_register_version() -> None:
    """Now, and once the current transaction commits (at once outside one)."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    cache.add(VERSION_KEY, secrets.randbits(48), timeout=None)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        # Evicted between the two calls: a fresh random start is as good as a step.
        cache.set(VERSION_KEY, secrets.randbits(48), timeout=None)


def _cache_key(user: User, committee_ids: set[int]) -> str:
    committees = ",".join(str(pk) for pk in sorted(committee_ids))
    digest = hashlib.sha256(committees.encode()).hexdigest()[:16]
    return f"proposals:register:count:{register_version()}:{user.pk}:{digest}"


def count_register(
    *, user: User, queryset: QuerySet, unfiltered: bool, unit: int | None = None
) -> int:
    """The number of proposals in `queryset` (the person's register, filtered, without the
    unit filter), narrowed to `unit`'s active assignments when one is given."""
    if unit:
        return _count_unit(queryset, unit)
    committee_ids = whole_register_committee_ids(user) if unfiltered else set()
    if not committee_ids:
        return queryset.count()
    key = _cache_key(user, committee_ids)
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, COUNT_SECONDS)
    return count


def _count_unit(queryset: QuerySet, unit: int) -> int:
    """Each of the unit's active assignments looks its proposal up by primary key in
    `queryset`, as a scalar subquery rather than EXISTS. PostgreSQL makes an EXISTS a join, and
    at its default random_page_cost (4) prices a unit's 2,500 lookups above a sequential scan
    of the whole table, which it then hashes (at 100,000 proposals, several times the
    lookups' time). A scalar subquery is never made a join: it stays a lookup per assignment on
    every database, and at most one proposal has the key, so it never returns two rows."""
    proposal = queryset.filter(pk=OuterRef("proposal_id")).order_by().values("pk")
    assignments = Assignment.objects.filter(unit_id=unit, is_active=True)
    return assignments.filter(proposal_id=Subquery(proposal)).count()
