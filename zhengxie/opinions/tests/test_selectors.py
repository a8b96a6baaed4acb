import datetime as dt

import pytest
from django.db import connection

from zhengxie.instructions.services import transcribe_instruction
from zhengxie.instructions.targets import target_named
from zhengxie.opinions import selectors, services
from zhengxie.opinions.factories import make_adopted_report, make_author, make_office, make_report


def test_figures_count_the_years_reports_stages_levels_and_rate(author, office, city, county):
    # given four city reports: two adopted (one escalated and instructed), one declined,
    # one still submitted; a draft; and a county report that a city-only query leaves out
    adopted = [make_adopted_report(author=author, office=office) for _ in range(2)]
    declined = make_report(author=author)
    services.apply_action(report=declined, actor=office, action="decline", comment="不报")
    make_report(author=author)
    make_report(author=author, submit=False)
    make_report(author=make_author(committee=county))
    services.escalate_report(report=adopted[0], actor=office, level="city", sent_on=dt.date.today())
    transcribe_instruction(
        target=target_named("opinion_report"),
        record=adopted[0],
        actor=office,
        leader_name="李书记",
        level="city",
        text="阅研。",
        instructed_on=dt.date.today(),
    )
    # when
    figures = selectors.figures_in_detail(committee_ids=[city.pk], year=dt.date.today().year)
    # then the headline figures are those the statistics service reads
    assert selectors.figures(committee_ids=[city.pk], year=dt.date.today().year) == {
        key: figures[key]
        for key in ("submitted", "adopted", "escalated", "instructions", "adoption_rate")
    }
    assert figures["submitted"] == 4
    assert figures["adopted"] == 2
    assert figures["adoption_rate"] == 0.5
    assert figures["escalated"] == 1
    assert figures["instructions"] == 1
    assert figures["by_stage"]["declined"] == 1
    assert figures["by_stage"]["submitted"] == 1
    assert figures["by_level"]["city"] == {"escalated": 1, "adopted": 0, "instructions": 1}
    assert figures["by_level"]["national"] == {"escalated": 0, "adopted": 0, "instructions": 0}


def test_figures_of_an_empty_year_are_zero_not_an_error(city):
    figures = selectors.figures(committee_ids=[city.pk], year=1999)

    assert figures["submitted"] == 0
    assert figures["adoption_rate"] == 0.0


def test_roll_up_adds_the_counties(author, city, county):
    make_report(author=author)
    make_report(author=make_author(committee=county))
    make_office(committee=county)

    figures = selectors.figures(committee_ids=[city.pk, county.pk], year=dt.date.today().year)

    assert figures["submitted"] == 2


def _correlated_scans(plan: list[tuple]) -> list[str]:
    """The table scans SQLite's plan runs once per outer row (under a correlated subquery)."""
    correlated, found = set(), []
    for node, parent, _unused, detail in plan:
        if detail.startswith("CORRELATED") or parent in correlated:
            correlated.add(node)
            if detail.startswith("SCAN"):
                found.append(detail)
    return found


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_the_went_up_count_reads_no_table_once_per_report_where_handoffs_are_rare(author, city):
    # given a year of reports none of which was handed up, and the statistics ANALYZE keeps:
    # every report's escalated_from is empty, so its index looks no better than the table
    for _ in range(30):
        make_report(author=author)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        year_reports = selectors._cohort([city.pk], dt.date.today().year)
        sql, params = year_reports.filter(selectors._went_up()).query.sql_with_params()
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = cursor.fetchall()

    # then nothing in the escalated count is scanned once per report counted
    assert _correlated_scans(plan) == []
    assert selectors.figures(committee_ids=[city.pk], year=dt.date.today().year)["escalated"] == 0
