"""Paper ratings entered by the office, the contact-the-proposers rule and its reminder, and
the units told of the office's decisions on their requests."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zhengxie.core.models import Notification
from zhengxie.proposals import factories, services
from zhengxie.proposals.models import ContactForm, Feedback
from zhengxie.proposals.notifications import ASSIGNED, DEADLINE_REMINDER, HANDLING_DECISION
from zhengxie.proposals.selectors import list_contact_overdue
from zhengxie.proposals.services.reminders import contact_due_on, send_contact_reminders

pytestmark = pytest.mark.django_db


def test_the_office_enters_a_paper_rating_marked_with_who_entered_it(client, city, staff):
    proposal = factories.make_replied(committee=city, office=staff)
    proposer = proposal.proposers.get(is_first=True)
    # when
    services.rate_reply(proposal=proposal, actor=staff, rating="satisfied", on_behalf_of=proposer)
    # then
    feedback = Feedback.objects.get(proposer=proposer)
    assert (feedback.on_paper, feedback.entered_by) == (True, staff)
    client.force_login(staff)
    page = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert 'data-testid="paper-rating"' in page


def test_a_proposers_own_rating_is_not_paper(city, staff):
    proposal = factories.make_replied(committee=city, office=staff)
    author = proposal.created_by
    feedback = services.rate_reply(proposal=proposal, actor=author, rating="satisfied")
    assert (feedback.on_paper, feedback.entered_by) == (False, author)


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Notices leave after commit: `with commits():` runs them as the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _unit_notices(user, kind) -> int:
    return Notification.objects.filter(recipient=user, kind=kind.key).count()


def test_the_unit_is_reminded_once_to_contact_the_proposers(city, staff):
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    assignment = proposal.assignments.get()
    due = contact_due_on(assignment)
    before = _unit_notices(unit_user, DEADLINE_REMINDER)
    # the limit is far off on the day of assignment
    assert send_contact_reminders(today=assignment.assigned_on) == 0
    # near the limit: once, however often the job runs
    assert send_contact_reminders(today=due) == 1
    assert send_contact_reminders(today=due) == 0
    assert send_contact_reminders(today=due + dt.timedelta(days=3)) == 0
    assert _unit_notices(unit_user, DEADLINE_REMINDER) == before + 1


def test_a_unit_that_has_contacted_the_proposers_is_not_reminded(city, staff):
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    services.record_contact(
        proposal=proposal,
        actor=unit_user,
        contacted_on=timezone.localdate(),
        form=ContactForm.PHONE,
        people="提案人、承办处长",
    )
    assert send_contact_reminders(today=contact_due_on(proposal.assignments.get())) == 0


def test_the_contact_limit_counts_working_days(city, staff):
    proposal, _unit = factories.make_assigned(committee=city, office=staff)
    assignment = proposal.assignments.get()
    assignment.assigned_on = dt.date(2022, 9, 30)
    # 15 working days after 30 September 2022, across National Day and its make-up Saturdays
    assert contact_due_on(assignment) == dt.date(2022, 10, 26)


def test_the_office_desk_lists_units_past_the_contact_limit(client, city, staff):
    # given an assignment made on 30 September 2022, due to contact by 26 October
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    assignment = proposal.assignments.get()
    assignment.assigned_on = dt.date(2022, 9, 30)
    assignment.save(update_fields=["assigned_on"])
    ids = [city.pk]
    # then it is not late on its contact day, and late the day after
    assert not list_contact_overdue(committee_ids=ids, today=dt.date(2022, 10, 26)).exists()
    assert list(list_contact_overdue(committee_ids=ids, today=dt.date(2022, 10, 27))) == [
        assignment
    ]
    # and the office's desk names the unit
    client.force_login(staff)
    page = client.get(reverse("proposals:office")).content.decode()
    section = page[page.index('data-testid="contact-overdue"') :]
    assert assignment.unit.name in section[: section.index("</div>")]
    # until the unit records its contact
    services.record_contact(
        proposal=proposal, actor=unit_user, contacted_on=timezone.localdate(),
        form=ContactForm.PHONE, people="提案人",
    )  # fmt: skip
    assert not list_contact_overdue(committee_ids=ids, today=dt.date(2022, 10, 27)).exists()


def test_the_late_contact_list_reads_in_one_query_per_committee(
    city, staff, django_assert_max_num_queries
):
    for _n in range(3):
        factories.make_assigned(committee=city, office=staff)
    late_day = timezone.localdate() + dt.timedelta(days=60)
    with django_assert_max_num_queries(3):
        assert len(list(list_contact_overdue(committee_ids=[city.pk], today=late_day))) == 3


@pytest.mark.parametrize("grant", [True, False])
def test_the_unit_hears_the_extension_decision(city, staff, grant, commits):
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    assignment = proposal.assignments.get()
    services.request_extension(
        assignment=assignment,
        actor=unit_user,
        until=assignment.deadline + dt.timedelta(days=20),
        reason="需跨部门协调",
    )
    with commits():
        services.decide_extension(assignment=assignment, actor=staff, grant=grant)
    assert _unit_notices(unit_user, HANDLING_DECISION) == 1


def test_both_units_hear_a_granted_reassignment(city, staff, commits):
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    new_user = factories.make_unit_user(committee=city)
    request = services.request_reassignment(
        assignment=proposal.assignments.get(), actor=unit_user, reason="非本单位职责"
    )
    with commits():
        services.decide_reassignment(
            request=request, actor=staff, grant=True, new_unit=factories.unit_of(new_user)
        )
    assert _unit_notices(unit_user, HANDLING_DECISION) == 1
    assert _unit_notices(new_user, ASSIGNED) == 1


def test_a_refused_reassignment_is_told_to_the_unit(city, staff, commits):
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    request = services.request_reassignment(
        assignment=proposal.assignments.get(), actor=unit_user, reason="非本单位职责"
    )
    with commits():
        services.decide_reassignment(request=request, actor=staff, grant=False, note="属本单位职责")
    assert _unit_notices(unit_user, HANDLING_DECISION) == 1
