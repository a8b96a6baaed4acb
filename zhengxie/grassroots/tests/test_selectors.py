import datetime as dt

from zhengxie.core import factories as core
from zhengxie.grassroots.factories import make_case, make_rating
from zhengxie.grassroots.models import (
    CaseSource,
    CaseState,
    ConsultationSession,
    ParticipantKind,
    SessionParticipant,
)
from zhengxie.grassroots.selectors import (
    figures,
    figures_by_place,
    list_members_by_town,
    member_satisfaction,
)


def _session(venue, held_on, cases=(), members=()):
    session = ConsultationSession.objects.create(
        committee_id=venue.committee_id, venue=venue, title="协商会", held_on=held_on
    )
    session.cases.set(cases)
    for member in members:
        SessionParticipant.objects.create(
            session=session, kind=ParticipantKind.MEMBER, name=member.name, member=member
        )
    return session


def _resolved(venue, category, on=dt.date(2022, 6, 1), **fields):
    return make_case(
        venue=venue, state=CaseState.RATED, category=category, resolved_on=on, **fields
    )


def test_figures_count_the_year_per_category_and_roll_up_per_committee_town_and_venue(
    city, county, venue
):
    # given a county venue with a year of work and one record of the year before
    member = core.make_member(committee=county, town=venue.town)
    core.make_member(committee=city, town=venue.town)
    core.make_member(committee=county)  # not reported to a town
    _session(venue, dt.date(2022, 5, 1))
    _session(venue, dt.date(2021, 5, 1))
    make_case(venue=venue, source=CaseSource.VISIT, raised_by_member=member)
    for category in ("livelihood", "livelihood", "enterprise", "urgent"):
        case = _resolved(venue, category)
        make_rating(case=case, value="satisfied", rated_on=dt.date(2022, 6, 2))
    old = _resolved(venue, "urgent", on=dt.date(2021, 12, 30))
    make_rating(case=case, value="unsatisfied", rated_on=dt.date(2022, 6, 1))
    make_rating(case=old, value="unsatisfied", rated_on=dt.date(2022, 1, 3))
    # when
    result = figures_by_place(committee_ids=[city.pk, county.pk], year=2022)
    totals = figures(committee_ids=[city.pk, county.pk], year=2022)
    # then the headline figures and the breakdowns' totals agree
    assert totals == {key: result[key] for key in totals}
    assert (result["venues"], result["sessions"], result["problems_collected"]) == (1, 1, 1)
    assert result["livelihood_matters_resolved"] == 2
    assert result["enterprise_difficulties_resolved"] == 1
    assert result["urgent_concerns_resolved"] == 1
    # five cases rated in 2022, by their final rating: four good, the old one not
    assert result["rated"] == 5 and result["satisfaction_rate"] == 4 / 5
    assert result["reported_to_towns"] == 2
    by_committee = {row["id"]: row for row in result["by_committee"]}
    assert (
        by_committee[county.pk]["sessions"] == 1 and by_committee[city.pk]["reported_to_towns"] == 1
    )
    assert result["by_venue"][0]["livelihood_matters_resolved"] == 2
    assert result["by_town"][0]["reported_to_towns"] == 2


def test_figures_of_one_county_leave_out_the_others(county, other_county, venue):
    other_venue = core.make_venue(committee=other_county)
    _session(other_venue, dt.date(2022, 3, 1))
    assert figures(committee_ids=[county.pk], year=2022)["sessions"] == 0


def test_member_satisfaction_counts_final_ratings_of_cases_raised_or_consulted_on(county, venue):
    # given
    raiser, consulted, idle = (core.make_member(committee=county) for _ in range(3))
    good = _resolved(venue, "urgent", raised_by_member=raiser)
    bad = _resolved(venue, "urgent")
    make_rating(case=good, value="unsatisfied", rated_on=dt.date(2022, 5, 1))
    make_rating(case=good, value="basic", rated_on=dt.date(2022, 6, 1))
    make_rating(case=bad, value="unsatisfied", rated_on=dt.date(2022, 6, 1))
    _session(venue, dt.date(2022, 4, 1), cases=[good, bad], members=[consulted])
    # when
    result = member_satisfaction(member_ids=[raiser.pk, consulted.pk, idle.pk], year=2022)
    # then
    assert result == {raiser.pk: (1, 1), consulted.pk: (2, 1), idle.pk: (0, 0)}


def test_members_by_town_lists_a_town_outside_the_committees_a_member_reported_to(city, county):
    county_town = core.make_town(committee=county, name="洪山镇")
    core.make_member(committee=city, name="市委员", town=county_town)

    rows = list_members_by_town(committee_ids=[city.pk])

    assert [(row["town"], row["names"]) for row in rows] == [(county_town, ["市委员"])]
