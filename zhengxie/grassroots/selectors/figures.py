"""The grassroots figures: figures() feeds the dashboards, the portal and the annual review;
figures_by_place() adds the breakdowns for the staff's figures page."""

from collections import defaultdict

from django.db.models import Count, Q

from zhengxie.core.models import Committee, Member, Town, Venue
from zhengxie.core.queries import count_together

from ..models import (
    RESOLVED_STATES,
    Case,
    CaseSource,
    ConsultationSession,
    RatingValue,
    SessionParticipant,
)

# The figure names the review uses, by the default category codes.
RESOLVED_KEYS = {
    "livelihood": "livelihood_matters_resolved",
    "enterprise": "enterprise_difficulties_resolved",
    "urgent": "urgent_concerns_resolved",
}
COUNTS = [
    "venues",
    "sessions",
    "problems_collected",
    *RESOLVED_KEYS.values(),
    "rated",
    "satisfied_or_basic",
    "reported_to_towns",
]
GOOD = (RatingValue.SATISFIED, RatingValue.BASIC)


def rated_in(year: int) -> Q:
    """Cases whose final rating (their latest: a reopened case counts by how it ended) was
    given in the year; the rating service keeps it on the case."""
    return Q(final_rated_on__year=year)


def rated_well_in(year: int) -> Q:
    return rated_in(year) & Q(final_rating__in=GOOD)


class _Tally:
    """Adds each grouped row to its committee's, town's and venue's counters."""

    def __init__(self) -> None:
        self.total = defaultdict(int)
        self.by = {
            "committee": defaultdict(lambda: defaultdict(int)),
            "town": defaultdict(lambda: defaultdict(int)),
            "venue": defaultdict(lambda: defaultdict(int)),
        }

    def add(
        self, key: str, n: int, *, committee: int, town: int | None, venue: int | None = None
    ) -> None:
        self.total[key] += n
        for level, ident in (("committee", committee), ("town", town), ("venue", venue)):
            if ident is not None:
                self.by[level][ident][key] += n


def _count_rows(tally: _Tally, committee_ids: list[int], year: int) -> None:
    for row in Venue.objects.filter(committee_id__in=committee_ids).values(
        "committee_id", "town_id", "id"
    ):
        tally.add("venues", 1, committee=row["committee_id"], town=row["town_id"], venue=row["id"])
    sessions = ConsultationSession.objects.filter(
        committee_id__in=committee_ids, held_on__year=year
    )
    for row in sessions.values("committee_id", "venue__town_id", "venue_id").annotate(
        n=Count("id")
    ):
        tally.add(
            "sessions",
            row["n"],
            committee=row["committee_id"],
            town=row["venue__town_id"],
            venue=row["venue_id"],
        )
    cases = Case.objects.filter(committee_id__in=committee_ids)
    visits = cases.filter(source=CaseSource.VISIT, raised_on__year=year)
    for row in visits.values("committee_id", "town_id", "venue_id").annotate(n=Count("id")):
        tally.add(
            "problems_collected",
            row["n"],
            committee=row["committee_id"],
            town=row["town_id"],
            venue=row["venue_id"],
        )
    resolved = cases.filter(state__in=RESOLVED_STATES, resolved_on__year=year)
    for row in resolved.values("committee_id", "town_id", "venue_id", "category").annotate(
        n=Count("id")
    ):
        if row["category"] in RESOLVED_KEYS:
            tally.add(
                RESOLVED_KEYS[row["category"]],
                row["n"],
                committee=row["committee_id"],
                town=row["town_id"],
                venue=row["venue_id"],
            )


def _count_people(tally: _Tally, committee_ids: list[int], year: int) -> None:
    rated = Case.objects.filter(rated_in(year), committee_id__in=committee_ids)
    rows = rated.values("committee_id", "town_id", "venue_id").annotate(
        n=Count("id"), good=Count("id", filter=Q(final_rating__in=GOOD))
    )
    for row in rows:
        where = {"committee": row["committee_id"], "town": row["town_id"], "venue": row["venue_id"]}
        tally.add("rated", row["n"], **where)
        tally.add("satisfied_or_basic", row["good"], **where)
    members = Member.objects.filter(
        committee_id__in=committee_ids, is_active=True, town__isnull=False
    )
    for row in members.values("committee_id", "town_id").annotate(n=Count("id")):
        tally.add("reported_to_towns", row["n"], committee=row["committee_id"], town=row["town_id"])


def _with_rate(counts: dict) -> dict:
    out = {key: counts.get(key, 0) for key in COUNTS}
    rated = out["rated"]
    # Nobody rated yet reads as 0, like every other rate of the statistics service.
    out["satisfaction_rate"] = round(out["satisfied_or_basic"] / rated, 4) if rated else 0.0
    return out


def _named(model, counters: dict) -> list[dict]:
    names = dict(model.objects.filter(pk__in=list(counters)).values_list("pk", "name"))
    return [
        {"id": pk, "name": names.get(pk, ""), **_with_rate(c)} for pk, c in sorted(counters.items())
    ]


def figures(*, committee_ids: list[int], year: int) -> dict:
    """Totals over the committees (a city passes itself and its counties for the roll-up):
    what the dashboards and the annual review read. satisfaction_rate is 0..1 (0 when nobody
    rated)."""
    ids = list(committee_ids)
    # The problems collected, the matters resolved and the ratings in one pass over the
    # committees' cases.
    resolved = Q(state__in=RESOLVED_STATES, resolved_on__year=year)
    cases = Case.objects.filter(committee_id__in=ids).aggregate(
        problems_collected=Count("id", filter=Q(source=CaseSource.VISIT, raised_on__year=year)),
        **{
            key: Count("id", filter=resolved & Q(category=category))
            for category, key in RESOLVED_KEYS.items()
        },
        rated=Count("id", filter=rated_in(year)),
        satisfied_or_basic=Count("id", filter=rated_well_in(year)),
    )
    # The venues, the sessions and the members reporting to towns, each a small count over
    # its own table: one statement between them.
    places = count_together(
        venues=Venue.objects.filter(committee_id__in=ids),
        sessions=ConsultationSession.objects.filter(committee_id__in=ids, held_on__year=year),
        reported_to_towns=Member.objects.filter(
            committee_id__in=ids, is_active=True, town__isnull=False
        ),
    )
    return {"year": year, **_with_rate({**places, **cases})}


def figures_by_place(*, committee_ids: list[int], year: int) -> dict:
    """The totals of figures() with their breakdowns per committee, town and venue, for the
    staff's figures page."""
    tally = _Tally()
    _count_rows(tally, list(committee_ids), year)
    _count_people(tally, list(committee_ids), year)
    return {
        "year": year,
        **_with_rate(tally.total),
        "by_committee": _named(Committee, tally.by["committee"]),
        "by_town": _named(Town, tally.by["town"]),
        "by_venue": _named(Venue, tally.by["venue"]),
    }


def member_satisfaction(*, member_ids: list[int], year: int) -> dict[int, tuple[int, int]]:
    """{member_id: (rated, satisfied_or_basic)} over the cases the member raised or consulted
    on, by each case's final rating given in the year (群众满意度)."""
    cases_of = defaultdict(set)
    raised = Case.objects.filter(raised_by_member_id__in=member_ids).values_list(
        "raised_by_member_id", "pk"
    )
    seats = SessionParticipant.objects.filter(member_id__in=member_ids).values_list(
        "member_id", "session__cases"
    )
    for member_id, case_id in [*raised, *seats]:
        if case_id is not None:
            cases_of[member_id].add(case_id)
    wanted = set().union(*cases_of.values()) if cases_of else set()
    values = dict(
        Case.objects.filter(rated_in(year), pk__in=wanted).values_list("pk", "final_rating")
    )
    result = {}
    for member_id in member_ids:
        rated = [values[c] for c in cases_of.get(member_id, ()) if c in values]
        result[member_id] = (len(rated), sum(1 for v in rated if v in GOOD))
    return result
