import pytest
from django.urls import reverse

from zhengxie.core.models import Role
from zhengxie.proposals import factories, selectors, services
from zhengxie.proposals.selectors import RegisterFilters

pytestmark = pytest.mark.django_db


def test_register_filters_by_unit_key_state_category_proposer_and_title(city, staff):
    housing, other = (factories.make_assigned(committee=city, office=staff) for _ in range(2))
    housing_proposal, housing_user = housing
    services.select_key_proposal(
        proposal=housing_proposal,
        actor=staff,
        supervisor_name="副市长",
        supervisor_kind="party_gov",
    )
    submitted = factories.make_submitted(
        committee=city, category="教育事业", title="关于校园安全的建议"
    )

    def ids(**kw):
        return {p.pk for p in selectors.list_register(user=staff, filters=RegisterFilters(**kw))}

    assert ids(unit=factories.unit_of(housing_user).pk) == {housing_proposal.pk}
    assert ids(key=True) == {housing_proposal.pk}
    assert ids(state="submitted") == {submitted.pk}
    assert ids(category="文化建设") == {submitted.pk}
    assert ids(text="校园") == {submitted.pk}
    name = submitted.proposers.get().name
    assert ids(proposer=name) == {submitted.pk}
    assert other[0].pk in ids()


def test_members_see_submitted_proposals_but_not_others_drafts(city, make_user):
    draft = factories.make_draft(committee=city)
    submitted = factories.make_submitted(committee=city)
    member = make_user(Role.MEMBER, city)
    seen = {p.pk for p in selectors.list_register(user=member)}
    assert submitted.pk in seen and draft.pk not in seen


def test_unit_sees_only_its_assignments(city, staff):
    mine, unit_user = factories.make_assigned(committee=city, office=staff)
    factories.make_assigned(committee=city, office=staff)
    assert [p.pk for p in selectors.list_register(user=unit_user)] == [mine.pk]


def test_county_staff_do_not_see_the_city(city, county, make_user):
    factories.make_submitted(committee=city)
    assert not selectors.list_register(user=make_user(Role.STAFF, county)).exists()


def test_supervisor_logs_supervision_on_the_page_and_others_cannot(client, city, staff, make_user):
    proposal = factories.make_registered(committee=city, office=staff)
    leader = make_user(Role.LEADER, city)
    services.select_key_proposal(
        proposal=proposal, actor=staff, supervisor=leader, supervisor_kind="chair"
    )
    client.force_login(leader)
    url = reverse("proposals:supervise", args=[proposal.pk])
    client.post(url, {"happened_on": "2022-05-01", "form": "inspection", "notes": "实地察看"})
    assert proposal.key.supervision_logs.count() == 1
    client.force_login(make_user(Role.LEADER, city))
    assert client.get(url).status_code == 403


def test_office_selects_a_key_proposal_on_the_page_and_a_unit_cannot(client, city, staff):
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    url = reverse("proposals:key_select", args=[proposal.pk])
    client.force_login(unit_user)
    assert client.get(url).status_code == 403
    client.force_login(staff)
    client.post(url, {"supervisor_name": "市长", "supervisor_kind": "party_gov"})
    proposal.refresh_from_db()
    assert proposal.key.supervisor_name == "市长"
