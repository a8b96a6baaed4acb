import pytest
from django.utils import timezone

from zhengxie.proposals import factories, selectors, services

pytestmark = pytest.mark.django_db


def test_figures_count_each_outcome_rates_and_classes(city, staff):
    # given in one year: two replied (one rated satisfied, one basically), one declined, one
    # merged, one converted to a letter, and a draft that does not count as received
    replied = [factories.make_replied(committee=city, office=staff) for _ in range(2)]
    services.rate_reply(proposal=replied[0], actor=replied[0].created_by, rating="satisfied")
    services.rate_reply(proposal=replied[1], actor=replied[1].created_by, rating="basically")
    unit_user = factories.make_unit_user(committee=city, unit=replied[0].assignments.get().unit)
    services.record_contact(
        proposal=replied[0],
        actor=unit_user,
        contacted_on=timezone.localdate(),
        form="phone",
        people="提案者",
    )
    declined = factories.make_submitted(committee=city)
    services.decline_proposal(proposal=declined, actor=staff, grounds=["vague"], reason="空泛")
    merged = factories.make_submitted(committee=city)
    services.merge_proposal(proposal=merged, into=replied[0], actor=staff, reason="相近")
    letter = factories.make_submitted(committee=city)
    services.convert_to_letter(proposal=letter, actor=staff, reason="转来信")
    factories.make_draft(committee=city)
    services.select_key_proposal(
        proposal=replied[1], actor=staff, supervisor_name="副市长", supervisor_kind="party_gov"
    )
    # when the figures are read for the year of submission
    data = selectors.figures(committee_ids=[city.pk], year=timezone.localdate().year)
    # then
    assert (data["received"], data["registered"], data["replied"]) == (5, 2, 2)
    assert (data["declined"], data["merged"], data["converted_to_letter"]) == (1, 1, 1)
    assert data["reply_rate"] == 1.0 and data["registration_rate"] == 0.4
    assert data["feedback"] == {"satisfied": 1, "basically_satisfied": 1, "dissatisfied": 0}
    assert data["satisfaction_rate"] == 1.0 and data["contact_rate"] == 0.5
    assert data["result_classes"] == {"A": 2, "B": 0, "C": 0}
    assert data["key"] == {"city_leaders": 1, "chair_members": 0, "other": 0}
    assert data["overdue"] == 0
    by_unit = selectors.figures_by_unit(committee_ids=[city.pk], year=timezone.localdate().year)
    assert sum(row["lead"] for row in by_unit) == 2


def test_figures_of_another_committee_are_not_counted(city, county, make_user):
    factories.make_replied(committee=county, office=make_user("staff", county))
    data = selectors.figures(committee_ids=[city.pk], year=timezone.localdate().year)
    assert data["received"] == 0 and data["reply_rate"] == 0.0
