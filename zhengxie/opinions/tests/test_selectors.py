import datetime as dt

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
