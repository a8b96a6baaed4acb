"""今日待办 over the API: the same items as the web page, grouped, in constant queries, 304
when nothing changed."""

import pytest

from zhengxie.core import factories as core
from zhengxie.opinions import factories as opinion_factories
from zhengxie.opinions import services as opinion_services
from zhengxie.proposals import factories as proposal_factories
from zhengxie.proposals.models import ProposerKind


def _waiting(city, member, office, n: int) -> None:
    """n co-signing invitations and n returned opinion reports for the member."""
    for _ in range(n):
        proposal_factories.make_submitted(
            committee=city, kind=ProposerKind.JOINT, cosigners=[member]
        )
        report = opinion_factories.make_report(author=member)
        opinion_services.apply_action(report=report, actor=office, action="return", comment="补充")


@pytest.mark.parametrize("n", [1, 4])
def test_a_member_reads_their_to_dos_grouped_in_constant_queries(
    city, api_as, n, django_assert_max_num_queries
):
    # given
    office = opinion_factories.make_office(committee=city)
    member = core.make_member(committee=city, with_account=True)
    _waiting(city, member, office, n)
    client = api_as(member.user)
    # when (the token, its last-used stamp and the providers; nothing per item)
    with django_assert_max_num_queries(14):
        answer = client.get("/todo")
    # then
    assert answer.status_code == 200
    body = answer.json()
    groups = {group["kind"]: group for group in body["groups"]}
    assert len(groups["proposals.cosign"]["items"]) == n
    assert len(groups["opinions.returned"]["items"]) == n
    assert body["total"] == sum(len(group["items"]) for group in body["groups"]) >= 2 * n
    assert groups["proposals.cosign"]["label"]
    assert all(item["url"].startswith("/") for group in body["groups"] for item in group["items"])


def test_another_member_has_nothing_of_theirs(city, api_as):
    office = opinion_factories.make_office(committee=city)
    member = core.make_member(committee=city, with_account=True)
    _waiting(city, member, office, 2)
    other = core.make_member(committee=city, with_account=True)
    body = api_as(other.user).get("/todo").json()
    assert body == {"urgent": 0, "total": 0, "groups": []}


def test_an_unchanged_list_answers_304_and_a_new_item_changes_it(city, api_as):
    # given a member who read the list once
    office = opinion_factories.make_office(committee=city)
    member = core.make_member(committee=city, with_account=True)
    _waiting(city, member, office, 1)
    client = api_as(member.user)
    first = client.get("/todo")
    etag = first.headers["ETag"]
    # when nothing changed, then 304
    assert client.get("/todo", headers={"If-None-Match": etag}).status_code == 304
    # when a new invitation arrives, then the list comes again
    _waiting(city, member, office, 1)
    again = client.get("/todo", headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert again.json()["total"] > first.json()["total"]


def test_a_guest_is_told_to_sign_in(api_as):
    assert api_as(None).get("/todo").status_code == 401
