"""委员来信: the review's 转委员来信 opens a letter the office forwards and closes with an answer;
each role sees what is theirs."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zhengxie.core import factories as core
from zhengxie.core.history import history_of
from zhengxie.core.models import Notification, Role
from zhengxie.core.workflow import apply
from zhengxie.proposals import factories, services
from zhengxie.proposals.models import Letter, LetterState, ProposalState
from zhengxie.proposals.notifications import LETTER_FORWARDED, LETTER_PROGRESS
from zhengxie.proposals.selectors import list_letter_desk

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(city, staff):
    proposal = factories.make_submitted(committee=city, title="关于修复小区门口路灯的建议")
    services.convert_to_letter(proposal=proposal, actor=staff, reason="属个案问题")
    return Letter.objects.get(proposal=proposal)


@pytest.fixture
def unit_user(city):
    return factories.make_unit_user(committee=city)


def _act(client, user, letter, step, data):
    client.force_login(user)
    url = reverse("core:workflow_act", args=["letter", letter.pk, step])
    return client.post(url, {"seen_state": letter.state, **data})


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Notices leave after commit: `with commits():` runs them as the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_converting_to_a_letter_opens_one_letter(letter):
    assert letter.proposal.state == ProposalState.TO_LETTER
    assert letter.state == LetterState.OPEN
    assert letter.title == letter.proposal.title
    assert letter.committee_id == letter.proposal.committee_id


def test_the_office_forwards_and_answers_with_history_and_notices(
    client, letter, staff, unit_user, commits
):
    proposer = letter.proposal.created_by
    unit = factories.unit_of(unit_user)
    # when: the office forwards it to the unit
    with commits():
        _act(client, staff, letter, "forward", {"unit": unit.pk, "reason": "请核实处理"})
    letter.refresh_from_db()
    # then
    assert (letter.state, letter.unit_id) == (LetterState.FORWARDED, unit.pk)
    assert letter.forwarded_on is not None
    assert Notification.objects.filter(recipient=unit_user, kind=LETTER_FORWARDED.key).count() == 1
    assert Notification.objects.filter(recipient=proposer, kind=LETTER_PROGRESS.key).count() == 1
    # when: the answer comes back
    with commits():
        _act(client, staff, letter, "answer", {"reason": "路灯已于本周修复"})
    letter.refresh_from_db()
    # then
    assert letter.state == LetterState.ANSWERED
    assert (letter.answer, letter.answered_by) == ("路灯已于本周修复", staff)
    assert Notification.objects.filter(recipient=proposer, kind=LETTER_PROGRESS.key).count() == 2
    assert len(history_of(letter)) >= 3


def test_a_unit_of_another_committee_is_refused_and_nothing_changes(letter, staff, county):
    stranger = core.make_handling_unit(committee=county)
    with pytest.raises(ValidationError, match="本级"):
        apply(letter, "forward", staff, unit=stranger)
    letter.refresh_from_db()
    assert (letter.state, letter.unit_id) == (LetterState.OPEN, None)


def test_an_answer_needs_its_text(client, letter, staff):
    _act(client, staff, letter, "answer", {"reason": ""})
    letter.refresh_from_db()
    assert letter.state == LetterState.OPEN


@pytest.mark.parametrize("role", [Role.MEMBER, Role.UNIT, Role.LEADER])
def test_only_the_office_takes_the_steps(client, city, letter, make_user, role):
    other = make_user(role, city)
    response = _act(client, other, letter, "answer", {"reason": "越权答复"})
    letter.refresh_from_db()
    assert response.status_code in (403, 404)
    assert letter.state == LetterState.OPEN


def test_the_proposer_follows_their_letters(client, letter):
    proposer = letter.proposal.created_by
    client.force_login(proposer)
    page = client.get(reverse("proposals:my_letters")).content.decode()
    assert letter.title in page and str(LetterState.OPEN.label) in page
    assert client.get(reverse("proposals:letter", args=[letter.pk])).status_code == 200
    detail = client.get(reverse("proposals:detail", args=[letter.proposal_id])).content.decode()
    assert reverse("proposals:letter", args=[letter.pk]) in detail


def test_another_member_sees_neither_list_row_nor_page(client, city, letter, make_user):
    client.force_login(make_user(Role.MEMBER, city))
    assert letter.title not in client.get(reverse("proposals:my_letters")).content.decode()
    assert client.get(reverse("proposals:letter", args=[letter.pk])).status_code == 403


def test_the_unit_reads_the_letter_once_forwarded_to_it(client, letter, staff, unit_user):
    client.force_login(unit_user)
    assert client.get(reverse("proposals:letter", args=[letter.pk])).status_code == 403
    apply(letter, "forward", staff, unit=factories.unit_of(unit_user))
    assert client.get(reverse("proposals:letter", args=[letter.pk])).status_code == 200


def test_the_office_desk_lists_its_committees_letters(client, letter, staff, county, make_user):
    client.force_login(staff)
    assert letter.title in client.get(reverse("proposals:letters")).content.decode()
    answered = client.get(reverse("proposals:letters"), {"state": "answered"}).content.decode()
    assert letter.title not in answered
    client.force_login(make_user(Role.STAFF, county))
    assert letter.title not in client.get(reverse("proposals:letters")).content.decode()
    with pytest.raises(PermissionDenied):
        list_letter_desk(user=letter.proposal.created_by)


def test_the_desk_reads_in_constant_queries(client, city, staff, django_assert_max_num_queries):
    for n in range(3):
        proposal = factories.make_submitted(committee=city, title=f"关于个案问题{n}的建议")
        services.convert_to_letter(proposal=proposal, actor=staff, reason="属个案问题")
    client.force_login(staff)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("proposals:letters"))
    for n in range(3, 9):
        proposal = factories.make_submitted(committee=city, title=f"关于个案问题{n}的建议")
        services.convert_to_letter(proposal=proposal, actor=staff, reason="属个案问题")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("proposals:letters"))
