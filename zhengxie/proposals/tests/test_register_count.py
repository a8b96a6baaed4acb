"""The register's count (selectors/register_count.py): the office's whole register is counted
once and again after every change that could move the figure, never shown stale; a unit's
filter is counted from its assignments and agrees with its rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhengxie.core import factories as core
from zhengxie.core.models import Role, RoleGrant, User
from zhengxie.proposals import factories, selectors, services
from zhengxie.proposals.imports.running import run_import
from zhengxie.proposals.models import Proposal
from zhengxie.proposals.selectors import RegisterFilters
from zhengxie.proposals.selectors.register_count import register_version
from zhengxie.proposals.tests.test_imports import row, workbook

pytestmark = pytest.mark.django_db


def _fresh(user: User) -> User:
    """The person as the next request loads them (grants are kept on the user object)."""
    return User.objects.get(pk=user.pk)


def _count(user: User, **filters) -> tuple[int, int]:
    """The register's count for the person, and how many COUNT queries over proposals it took."""
    with CaptureQueriesContext(connection) as captured:
        count = selectors.list_register_rows(
            user=_fresh(user), filters=RegisterFilters(**filters)
        ).count
    counted = [q for q in captured if "COUNT(" in q["sql"] and "proposals_" in q["sql"]]
    return count, len(counted)


def _listed(user: User, **filters) -> int:
    return selectors.list_register(user=_fresh(user), filters=RegisterFilters(**filters)).count()


@pytest.fixture
def counted(city, staff):
    """Two registered proposals, and the office's count of them already cached."""
    proposals = [factories.make_registered(committee=city, office=staff) for _ in range(2)]
    assert _count(staff) == (2, 1)
    return proposals


def test_the_office_whole_register_is_counted_once(counted, staff):
    # when the office opens its register again, then the figure comes without a count
    assert _count(staff) == (2, 0)


def test_a_submitted_proposal_is_counted_at_once(city, staff, counted):
    # given a member's draft (not on the office's register)
    draft = factories.make_draft(committee=city)
    assert _count(staff) == (2, 1)
    # when the member submits it
    services.submit_proposal(proposal=draft, actor=draft.created_by)
    # then the office's next page counts again and shows it
    assert _count(staff) == (3, 1)


def test_a_deleted_proposal_leaves_the_count_at_once(staff, counted):
    counted[0].delete()
    assert _count(staff) == (1, 1)


def test_a_proposal_marked_deleted_leaves_the_count_at_once(staff, counted):
    proposal = counted[0]
    proposal.is_deleted = True
    proposal.save(update_fields=["is_deleted"])
    assert _count(staff) == (1, 1)


def test_a_proposal_moved_to_another_committee_leaves_the_count(staff, counted):
    proposal = counted[0]
    proposal.committee = core.make_committee()
    proposal.save(update_fields=["committee"])
    assert _count(staff) == (1, 1)


def test_a_change_of_text_keeps_the_cached_count(staff, counted):
    # given a save naming only the title (as an edit or an autosave does)
    proposal = counted[0]
    proposal.title = "关于改进停车管理的建议"
    proposal.save(update_fields=["title"])
    # then no proposal entered or left anyone's register, and the figure is reused
    assert _count(staff) == (2, 0)


def test_a_register_import_is_counted_at_once(city, staff, counted):
    # given the committee's units, when a register with a new proposal is imported in bulk
    core.make_handling_unit(committee=city, name="市住建局")
    plenary = factories.make_plenary(committee=city)
    number = Proposal.objects.filter(plenary=plenary).order_by("-number").first().number + 1
    outcome = run_import(plenary=plenary, content=workbook([row(案号=number)]))
    assert outcome.ok and outcome.result.created == 1, outcome.errors
    # then the office's count includes it
    assert _count(staff) == (3, 1)


def test_the_version_moves_again_once_the_change_commits(
    staff, counted, django_capture_on_commit_callbacks
):
    # given a proposal deleted inside a transaction not yet committed
    with django_capture_on_commit_callbacks() as callbacks:
        counted[0].delete()
    # a page that counted before the commit stored its figure under the current version
    before = register_version()
    # when the transaction commits, then the version moves on, and that figure is not read
    for callback in callbacks:
        callback()
    assert register_version() != before
    assert _count(staff) == (1, 1)


def test_a_grant_of_another_committee_is_counted_without_any_proposal_changing(city, staff):
    # given a proposal in the office's committee and one in another, the office's count cached
    factories.make_registered(committee=city, office=staff)
    other = core.make_committee()
    factories.make_registered(committee=other)
    assert _count(staff) == (1, 1)
    assert _count(staff) == (1, 0)
    # when the office is made staff of the other committee too
    RoleGrant.objects.create(user=staff, committee=other, role=Role.STAFF)
    # then its register counts both, though no proposal changed
    assert _count(staff) == (2, 1)


def test_a_members_register_is_counted_on_every_page(city, counted):
    # a member also reads what they take part in elsewhere: other tables than the proposal's
    member = factories.make_proposer(committee=city)
    assert _count(member) == (2, 1)
    assert _count(member) == (2, 1)
    # and a unit reads its assignments
    unit_user = factories.make_unit_user(committee=city)
    assert _count(unit_user) == (0, 1)


def test_a_filtered_register_is_counted_on_every_page(staff, counted):
    assert _count(staff, state="registered") == (2, 1)
    assert _count(staff, state="registered") == (2, 1)


def test_a_units_filter_counts_its_active_assignments_on_the_register(
    city, county, staff, make_user
):
    # given a unit's current proposal, one handed on to another unit, one marked deleted, and a
    # county's proposal its office cannot read
    current, unit_user = factories.make_assigned(committee=city, office=staff)
    unit = factories.unit_of(unit_user)
    moved, _ = factories.make_assigned(committee=city, office=staff, lead_user=unit_user)
    request = services.request_reassignment(
        assignment=moved.assignments.get(), actor=unit_user, reason="非本单位职责"
    )
    elsewhere = core.make_handling_unit(committee=city)
    services.decide_reassignment(request=request, actor=staff, grant=True, new_unit=elsewhere)
    deleted, _ = factories.make_assigned(committee=city, office=staff, lead_user=unit_user)
    deleted.is_deleted = True
    deleted.save(update_fields=["is_deleted"])
    county_staff = make_user(Role.STAFF, county)
    factories.make_assigned(committee=county, office=county_staff)
    # then the unit's filter counts the one proposal, as its rows list it
    rows = selectors.list_register_rows(user=staff, filters=RegisterFilters(unit=unit.pk)).rows
    assert [p.pk for p in rows] == [current.pk]
    assert _count(staff, unit=unit.pk) == (1, 1) and _listed(staff, unit=unit.pk) == 1
    assert _count(staff, unit=elsewhere.pk)[0] == 1 == _listed(staff, unit=elsewhere.pk)
    # with another filter beside it, and for a county's office that cannot read the unit's
    assert _count(staff, unit=unit.pk, state="assigned")[0] == 1
    assert _count(staff, unit=unit.pk, state="replied")[0] == 0
    assert _count(county_staff, unit=unit.pk)[0] == 0 == _listed(county_staff, unit=unit.pk)


def test_a_members_unit_filter_agrees_with_their_rows(city, staff):
    # given a member who reads the committee and co-signs nothing
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    factories.make_assigned(committee=city, office=staff)
    member = factories.make_proposer(committee=city)
    unit = factories.unit_of(unit_user).pk
    # then the count through the unit's assignments agrees with the register's rows
    rows = selectors.list_register_rows(user=member, filters=RegisterFilters(unit=unit)).rows
    assert [p.pk for p in rows] == [proposal.pk]
    assert _count(member, unit=unit)[0] == 1 == _listed(member, unit=unit)
    assert _count(unit_user, unit=unit)[0] == 1 == _listed(unit_user, unit=unit)


def _page(user: User, unit: int) -> tuple[int, list[int], int]:
    """The unit-filtered page as the register's view reads it: its count, its rows' ids, and
    how many queries both took."""
    with CaptureQueriesContext(connection) as captured:
        page = selectors.list_register_rows(user=_fresh(user), filters=RegisterFilters(unit=unit))
        count, ids = page.count, [p.pk for p in page.rows[:50]]
    return count, ids, len(captured)


@pytest.fixture
def co_unit_page(city, staff):
    """A proposal handled by a lead and a co-unit, and two more the co-unit handles alone."""
    shared, lead_user, co_user = factories.make_co_assigned(committee=city, office=staff)
    co_unit = factories.unit_of(co_user)
    alone = [
        factories.make_assigned(committee=city, office=staff, lead_user=co_user)[0]
        for _ in range(2)
    ]
    return co_unit, shared, alone, lead_user


@pytest.mark.parametrize("role", ["office", "lead liaison", "leader"])
def test_a_units_filter_counts_what_each_reader_sees_in_the_same_queries(
    city, staff, make_user, co_unit_page, role
):
    co_unit, shared, alone, lead_user = co_unit_page
    # given a reader: the office and a leader read the committee's register whole; the lead
    # unit's liaison only the proposal its unit handles beside the co-unit
    reader = {"office": staff, "lead liaison": lead_user, "leader": make_user(Role.LEADER, city)}[
        role
    ]
    expected = [shared.pk] if role == "lead liaison" else [p.pk for p in [*alone, shared]]
    expected.sort(reverse=True)
    # when the reader filters the register by the co-unit
    count, ids, queries = _page(reader, co_unit.pk)
    # then the count is the number of rows the filter lists
    assert (count, ids) == (len(expected), expected)
    assert count == _listed(reader, unit=co_unit.pk)
    # and more of the unit's proposals take the same queries
    more = factories.make_assigned(
        committee=city,
        office=staff,
        lead_user=factories.make_unit_user(committee=city, unit=co_unit),
    )[0]
    grown = 1 if role == "lead liaison" else len(expected) + 1
    again = _page(reader, co_unit.pk)
    assert again[0] == grown and again[2] == queries
    assert (more.pk in again[1]) is (role != "lead liaison")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query plan")
def test_a_units_count_looks_each_proposal_up_from_the_units_assignments(staff, co_unit_page):
    # given the unit filter's count on PostgreSQL
    co_unit = co_unit_page[0]
    with CaptureQueriesContext(connection) as captured:
        selectors.list_register_rows(user=_fresh(staff), filters=RegisterFilters(unit=co_unit.pk))
    (sql,) = [q["sql"] for q in captured if "COUNT(" in q["sql"] and "proposals_" in q["sql"]]
    # when PostgreSQL plans it
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # then the proposals are read once per assignment, never joined whole to the assignments:
    # an EXISTS became a join, which at 100,000 proposals hashed a scan of every one of them
    assert "SubPlan" in plan
    assert "Join" not in plan, plan
