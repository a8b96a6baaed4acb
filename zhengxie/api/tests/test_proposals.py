"""Proposals over the API, per role: the same answers the web gives, through its services."""

import pytest

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.proposals import factories as pf
from zhengxie.proposals.models import CoSignature, Feedback, Proposal, Reply

# The token, the reader's roles, the page and its prefetches (proposers, assignments); the
# same at any size.
LIST_QUERIES = 6
SECTIONS = {
    "situation": "停车位紧缺。",
    "analysis": "老旧小区规划滞后。",
    "suggestion": "建设立体车库。",
}


@pytest.fixture
def plenary(city):
    return pf.make_plenary(committee=city)


@pytest.fixture
def member(city, plenary):
    return core.make_member(committee=city, with_account=True, name="钟鸣远")


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["items"]]


def test_a_member_writes_saves_and_submits_a_draft(member, api_as):
    client = api_as(member.user)
    # when the member starts a draft, completes it and submits it
    created = client.post("/proposals", {"title": "关于停车难的建议"})
    assert created.status_code == 201, created.content
    pk = created.json()["proposal"]["id"]
    body = {"title": "关于缓解老城区停车难的建议", "category": "城乡建设", **SECTIONS}
    saved = client.put(f"/proposals/{pk}", body)
    submitted = client.post(f"/proposals/{pk}/submit", {})
    # then
    assert saved.status_code == 200 and saved.json()["proposal"]["title"] == body["title"]
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["proposal"]["state"] == "submitted"
    assert Proposal.objects.get(pk=pk).state == "submitted"
    assert pk in _ids(client.get("/proposals/mine"))


def test_an_incomplete_draft_is_refused_naming_its_fields(member, api_as):
    client = api_as(member.user)
    pk = client.post("/proposals", {"title": "停车"}).json()["proposal"]["id"]
    response = client.post(f"/proposals/{pk}/submit", {})
    assert response.status_code == 400
    assert {"title", "situation"} <= set(response.json()["error"]["fields"])
    assert Proposal.objects.get(pk=pk).state == "draft"


def test_a_bad_category_is_refused_as_the_form_refuses_it(member, api_as):
    response = api_as(member.user).post("/proposals", {"category": "不存在的类别"})
    assert response.status_code == 400
    assert "category" in response.json()["error"]["fields"]


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.STAFF, Role.UNIT])
def test_only_members_start_drafts(city, make_user, api_as, plenary, role):
    user = pf.make_unit_user(committee=city) if role == Role.UNIT else make_user(role, city)
    assert api_as(user).post("/proposals", {"title": "关于的建议"}).status_code == 403
    assert not Proposal.objects.exists()


def test_nobody_else_edits_a_members_draft(city, member, make_user, api_as):
    draft = pf.make_draft(committee=city, author=member.user)
    other = core.make_member(committee=city, with_account=True)
    response = api_as(other.user).put(f"/proposals/{draft.pk}", {"title": "改掉"})
    assert response.status_code in (403, 404)
    draft.refresh_from_db()
    assert draft.title != "改掉"


def test_the_register_hides_others_drafts_and_the_public_needs_no_token(
    city, member, staff, api_as, plenary
):
    # given a registered proposal and someone else's draft
    registered = pf.make_registered(committee=city, office=staff)
    draft = pf.make_draft(committee=city)
    # when the member reads the register, and a guest the public register
    seen = _ids(api_as(member.user).get("/proposals"))
    public = _ids(api_as(None).get("/proposals/public"))
    # then
    assert registered.pk in seen and draft.pk not in seen
    assert public == [registered.pk]


def test_the_register_searches_and_filters(city, member, staff, api_as, plenary):
    wanted = pf.make_registered(committee=city, office=staff, title="关于发展香菇产业的建议")
    pf.make_registered(committee=city, office=staff)
    client = api_as(member.user)
    assert _ids(client.get("/proposals", q="香菇")) == [wanted.pk]
    assert wanted.pk in _ids(client.get("/proposals", state="registered"))
    assert _ids(client.get("/proposals", state="draft")) == []


def test_the_register_pages_through_numbered_and_unnumbered_alike(
    city, member, staff, api_as, plenary
):
    # given numbered proposals and the member's own drafts (no number: NULL in the order)
    numbered = [pf.make_registered(committee=city, office=staff).pk for _ in range(3)]
    drafts = [pf.make_draft(committee=city, author=member.user).pk for _ in range(3)]
    client = api_as(member.user)
    # when read two at a time
    seen, cursor = [], None
    while True:
        page = client.get("/proposals", limit=2, **({"cursor": cursor} if cursor else {})).json()
        seen += [row["id"] for row in page["items"]]
        cursor = page["next"]
        if not cursor:
            break
    # then every one comes once
    assert sorted(seen) == sorted(numbered + drafts)
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize("count", [2, 12])
def test_the_register_and_mine_read_in_the_same_queries_at_any_size(
    city, member, staff, api_as, plenary, django_assert_max_num_queries, count
):
    for _ in range(count):
        pf.make_registered(committee=city, office=staff, author=member.user)
    client = api_as(member.user)
    client.get("/me")
    for path in ("/proposals", "/proposals/mine", "/proposals/public"):
        with django_assert_max_num_queries(LIST_QUERIES):
            assert len(client.get(path, limit=50).json()["items"]) == count


def test_the_record_shows_history_to_the_office_only(city, member, staff, api_as, plenary):
    proposal = pf.make_registered(committee=city, office=staff, author=member.user)
    office_view = api_as(staff).get(f"/proposals/{proposal.pk}").json()
    member_view = api_as(member.user).get(f"/proposals/{proposal.pk}").json()
    assert office_view["history"] and office_view["history"][0]["who"]
    assert member_view["history"] == []
    assert member_view["proposal"]["title"] == proposal.title


def test_a_draft_is_not_readable_by_others(city, member, api_as, make_user):
    draft = pf.make_draft(committee=city, author=member.user)
    resident = make_user(Role.RESIDENT, city)
    assert api_as(resident).get(f"/proposals/{draft.pk}").status_code in (403, 404)
    assert api_as(member.user).get(f"/proposals/{draft.pk}").status_code == 200


def test_similar_proposals_are_offered_while_writing(city, member, staff, api_as, plenary):
    earlier = pf.make_registered(committee=city, office=staff, title="关于发展香菇产业的建议")
    response = api_as(member.user).post(
        "/proposals/similar", {"text": "关于扶持香菇产业发展的建议"}
    )
    assert response.status_code == 200
    assert earlier.pk in [row["id"] for row in response.json()]


def test_a_resident_gets_no_similar_proposals(city, api_as, make_user, plenary):
    response = api_as(make_user(Role.RESIDENT, city)).post(
        "/proposals/similar", {"text": "香菇产业"}
    )
    assert response.status_code == 403


def test_an_invited_member_confirms_and_another_declines(city, member, api_as, plenary):
    # given a joint proposal inviting two members
    first, second = (core.make_member(committee=city, with_account=True) for _ in range(2))
    proposal = pf.make_submitted(
        committee=city, kind="joint", author=member.user, cosigners=[first, second]
    )
    # when each answers over the API
    ids = {}
    for invitee in (first, second):
        rows = api_as(invitee.user).get("/proposals/invitations").json()["items"]
        assert [r["proposal_id"] for r in rows] == [proposal.pk]
        ids[invitee] = rows[0]["id"]
    confirm = api_as(first.user).post(f"/proposals/invitations/{ids[first]}", {"accept": True})
    decline = api_as(second.user).post(f"/proposals/invitations/{ids[second]}", {"accept": False})
    # then
    assert confirm.json()["state"] == "confirmed"
    assert decline.json()["state"] == "declined"
    assert CoSignature.objects.get(pk=ids[first]).state == "confirmed"


def test_nobody_answers_anothers_invitation(city, member, api_as, plenary):
    invitee = core.make_member(committee=city, with_account=True)
    pf.make_submitted(committee=city, kind="joint", author=member.user, cosigners=[invitee])
    invitation = CoSignature.objects.get()
    response = api_as(member.user).post(f"/proposals/invitations/{invitation.pk}", {"accept": True})
    assert response.status_code == 403
    assert CoSignature.objects.get().state == "invited"


def test_the_proposer_rates_the_reply(city, member, staff, api_as, plenary):
    proposal = pf.make_replied(committee=city, office=staff, author=member.user)
    record = api_as(member.user).get(f"/proposals/{proposal.pk}").json()
    assert record["replies"] and record["replies"][0]["result_class"] == "A"
    response = api_as(member.user).post(f"/proposals/{proposal.pk}/rate", {"rating": "satisfied"})
    assert response.status_code == 200, response.content
    assert Feedback.objects.get().rating == "satisfied"


def test_dissatisfied_without_a_comment_is_bad_input_not_a_conflict(
    city, member, staff, api_as, plenary
):
    proposal = pf.make_replied(committee=city, office=staff, author=member.user)
    client, path = api_as(member.user), f"/proposals/{proposal.pk}/rate"
    # when the proposer is dissatisfied but says nothing
    bare = client.post(path, {"rating": "dissatisfied", "comment": "  "})
    # then it is their input that is wrong, named, and nothing is recorded
    assert bare.status_code == 400
    assert "comment" in bare.json()["error"]["fields"]
    assert not Feedback.objects.exists()
    # and the round can still be rated
    assert client.post(path, {"rating": "satisfied"}).status_code == 200


def test_someone_not_a_proposer_cannot_rate(city, member, staff, api_as, plenary):
    proposal = pf.make_replied(committee=city, office=staff, author=member.user)
    other = core.make_member(committee=city, with_account=True)
    response = api_as(other.user).post(f"/proposals/{proposal.pk}/rate", {"rating": "satisfied"})
    assert response.status_code in (403, 404)
    assert not Feedback.objects.exists()


def test_a_unit_sees_its_desk_and_drafts_and_sends_its_reply(city, staff, api_as, plenary):
    # given a proposal assigned to the unit
    proposal, unit_user = pf.make_assigned(committee=city, office=staff)
    client = api_as(unit_user)
    # when
    desk = client.get("/proposals/assigned").json()["items"]
    drafted = client.post(
        f"/proposals/{proposal.pk}/reply", {"result_class": "A", "text": "已落实。"}
    )
    sent = client.post(
        f"/proposals/{proposal.pk}/reply", {"result_class": "A", "text": "已落实。", "send": True}
    )
    # then
    assert [row["proposal_id"] for row in desk] == [proposal.pk]
    assert drafted.status_code == 200 and drafted.json()["state"] == "draft"
    assert sent.json()["state"] != "draft"
    assert Reply.objects.get().text == "已落实。"


def test_only_units_have_a_desk_and_reply(city, member, staff, api_as, plenary):
    proposal, _unit_user = pf.make_assigned(committee=city, office=staff)
    assert api_as(member.user).get("/proposals/assigned").status_code == 403
    response = api_as(staff).post(
        f"/proposals/{proposal.pk}/reply", {"result_class": "A", "text": "x"}
    )
    assert response.status_code == 403
    assert not Reply.objects.exists()
