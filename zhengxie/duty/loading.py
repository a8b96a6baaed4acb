"""Reading what the engine needs: the active rules, the evaluation rules, the ledger
aggregated set-based (GROUP BY member, kind, role), ratings and recognitions."""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from zhengxie.core.rules import rule

from . import rules as keys
from .engine import Evaluation, GroupData, RuleBook, RuleData
from .models import AnnualTask, DutyRecord, PointsScheme, Recognition, RecognitionKind
from .providers import ratings_source
from .schemes import DEFAULT_SCHEME, FIVE_ONES, SCHEMES


def get_rulebook(committee_id: int) -> RuleBook:
    scheme = (
        PointsScheme.objects.filter(committee_id=committee_id, is_active=True)
        .prefetch_related("groups", "rules__group")
        .first()
    )
    tasks = list(AnnualTask.objects.filter(committee_id=committee_id))
    book = RuleBook.build(scheme, [t for t in tasks if t.is_active])
    # A committee whose office has not opened the rules yet scores by the shipped defaults.
    if scheme is None:
        book = shipped_rulebook(book)
    if not tasks:
        book.tasks = [(code, name, 1, acts) for code, name, acts in FIVE_ONES]
    return book


def shipped_rulebook(book: RuleBook) -> RuleBook:
    data = next(s for s in SCHEMES if s["code"] == DEFAULT_SCHEME)
    book.scheme_name, book.full_marks = data["name"], Decimal(data["full_marks"])
    for code, name, combine, base, ceiling, floor in data["groups"]:
        book.groups[code] = GroupData(
            code, name, combine, Decimal(base), _decimal(ceiling), _decimal(floor)
        )
    for kind, role, points, cap, group in data["rules"]:
        book.rules[(kind, role)] = RuleData(kind, role, Decimal(str(points)), _decimal(cap), group)
    return book


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def get_evaluation(committee_id: int) -> Evaluation:
    return Evaluation(
        weights=rule(committee_id, keys.WEIGHTS),
        bands=rule(committee_id, keys.GRADE_BANDS),
        reputation=rule(committee_id, keys.REPUTATION),
        warning_line=Decimal(str(rule(committee_id, keys.WARNING_LINE))),
    )


def ledger_groups(records_filter: Q) -> QuerySet:
    """(member, kind, role, net) rows; a committee's year is read from the ledger index alone
    (dutyrecord_year_groups holds the sign), in group order, without a sort or a table read."""
    return (
        DutyRecord.objects.filter(records_filter)
        .values_list("member_id", "kind", "role")
        .annotate(net=Sum("sign"))
        .order_by()
    )


def ledger_counts(records_filter: Q) -> dict[int, dict[tuple[str, str], int]]:
    """Net acts per member and (kind, role): one grouped query over the ledger."""
    counts: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    for member_id, kind, role, net in ledger_groups(records_filter):
        if net:
            counts[member_id][(kind, role)] = net
    return counts


def ratings_for(member_ids: Iterable[int], year: int) -> dict[int, tuple[int, int]]:
    """Residents' ratings from the source the grassroots app registers: {member: (rated,
    satisfied or basically satisfied)}."""
    return dict(ratings_source()(member_ids=list(member_ids), year=year))


def recognised_counts(records_filter: Q, year: int) -> dict[int, dict[str, int]]:
    """Commendations, honours and media reports per member in the year (nominations are not
    yet recognition)."""
    found: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        Recognition.objects.filter(records_filter, occurred_on__year=year, is_deleted=False)
        .exclude(kind=RecognitionKind.NOMINATION)
        .values_list("member_id", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    for member_id, kind, n in rows:
        found[member_id][kind] = n
    return found
