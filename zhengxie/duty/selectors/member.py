"""One member's year and term, computed live from the ledger with the same engine the
rebuild uses (a published year is read from its snapshot). Constant queries per page."""

from dataclasses import dataclass, field

from django.db.models import Q, Sum

from zhengxie.core.models import Member

from ..engine import RuleBook, evaluate
from ..loading import get_evaluation, get_rulebook, ledger_counts, ratings_for, recognised_counts
from ..models import DutyKind, DutyRecord, YearResultRow
from ..models.ledger import DUTY_FILE_CATEGORIES
from ..providers import registered_sections


@dataclass
class CreditedAct:
    record: DutyRecord
    points: float
    url: str


@dataclass
class MemberYear:
    member: Member
    year: int
    figures: dict
    published: bool
    acts: list[CreditedAct] = field(default_factory=list)
    tasks: list[tuple[str, bool]] = field(default_factory=list)


def _figures(member: Member, year: int, book: RuleBook) -> tuple[dict, bool]:
    row = YearResultRow.objects.filter(member=member, year=year).values().first()
    if row is not None:
        return row, True
    counts = ledger_counts(Q(member=member, year=year)).get(member.pk, {})
    figures = evaluate(
        book,
        get_evaluation(member.committee_id),
        counts,
        rating=ratings_for([member.pk], year).get(member.pk),
        recognised=recognised_counts(Q(member=member), year).get(member.pk, {}),
    )
    return figures, False


def credited_acts(records: list[DutyRecord], book: RuleBook) -> list[CreditedAct]:
    """The acts whose latest ledger row is a credit, newest first, with the rule's points."""
    latest: dict[tuple, DutyRecord] = {}
    for record in sorted(records, key=lambda r: r.seq):
        latest[(record.kind, record.source_type_id, record.source_id)] = record
    acts = []
    for record in sorted(latest.values(), key=lambda r: (r.occurred_on, r.pk), reverse=True):
        if record.sign < 0:
            continue
        rule = book.rule_for(record.kind, record.role)
        source = record.source
        url = source.get_absolute_url() if hasattr(source, "get_absolute_url") else ""
        acts.append(CreditedAct(record, float(rule.points) if rule else 0.0, url))
    return acts


def member_year(*, member: Member, year: int) -> MemberYear:
    book = get_rulebook(member.committee_id)
    figures, published = _figures(member, year, book)
    records = list(
        DutyRecord.objects.filter(member=member, year=year)
        .select_related("source_type")
        .prefetch_related("source")
    )
    done = figures.get("five_ones") or {}
    return MemberYear(
        member=member,
        year=year,
        figures=figures,
        published=published,
        acts=credited_acts(records, book),
        tasks=[(name, bool(done.get(code))) for code, name, _n, _acts in book.tasks],
    )


def member_sections(*, member: Member) -> list[dict]:
    """The cards other apps registered for 我的履职, in their order; a provider that fails
    fails the page rather than showing an empty card."""
    return [
        {"key": section.key, "title": section.title, "items": section.provider(member=member)}
        for section in registered_sections()
    ]


def _category(kind: str, role: str) -> int:
    for index, (_name, acts) in enumerate(DUTY_FILE_CATEGORIES):
        if any(kind == k and (not r or role == r) for k, r in acts):
            return index
    return len(DUTY_FILE_CATEGORIES) - 1


def term_years(member: Member, today_year: int) -> list[int]:
    if member.term_id:
        return list(range(member.term.start_year, min(member.term.end_year, today_year) + 1))
    years = DutyRecord.objects.filter(member=member).values_list("year", flat=True).distinct()
    return sorted(set(years) | {today_year})


def duty_file(*, member: Member, today_year: int) -> dict:
    """The whole term: the eight kinds of duty counted per year, and each year's figures."""
    years = term_years(member, today_year)
    rows = (
        DutyRecord.objects.filter(member=member, year__in=years)
        .exclude(kind__in=[DutyKind.ABSENCE])
        .values_list("year", "kind", "role")
    )

    grid = {year: [0] * len(DUTY_FILE_CATEGORIES) for year in years}
    for year, kind, role, net in rows.annotate(net=Sum("sign")).order_by():
        grid[year][_category(kind, role)] += max(net, 0)
    book = get_rulebook(member.committee_id)
    summaries = [(year, *_figures(member, year, book)) for year in years]
    return {
        "years": years,
        "rows": [
            (name, [grid[year][i] for year in years])
            for i, (name, _acts) in enumerate(DUTY_FILE_CATEGORIES)
        ],
        "summaries": summaries,
        "recognitions": list(member.recognitions.filter(is_deleted=False)),
    }
