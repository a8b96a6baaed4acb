"""The five most similar proposals shown beside the submission form as the member types."""

import pytest
from django.urls import reverse

from zhengxie.core.models import Role
from zhengxie.core.tests.browser import sign_in
from zhengxie.proposals import factories
from zhengxie.proposals.similarity import index_proposal
from zhengxie.search.services import clear_kind
from zhengxie.search.tests.texts import PROPOSALS

pytestmark = pytest.mark.django_db

MYOPIA_TITLE = "关于加强中小学生视力保护的建议"
MYOPIA_SUGGESTION = (
    "近年来我市中小学生近视率逐年上升，近视低龄化趋势明显。"
    "建议教育部门和卫健部门联合开展儿童青少年近视防控，保障学生每天户外活动时间。"
)


def _registered(committee, number: str):
    title, body = PROPOSALS[number]
    title = title if title.startswith("关于") else f"关于{title}"
    title = title if title.endswith(("的建议", "的提案")) else f"{title}的建议"
    third = len(body) // 3
    proposal = factories.make_registered(
        committee=committee,
        title=title,
        situation=body[:third],
        analysis=body[third : 2 * third],
        suggestion=body[2 * third :],
    )
    index_proposal(proposal=proposal)
    return proposal


@pytest.fixture
def on_record(city):
    """Real proposals of the city, two of them about pupils' eyesight."""
    return {number: _registered(city, number) for number in ("0060", "0125", "0194", "0407")}


def _ask(client, url, **fields):
    data = {"title": MYOPIA_TITLE, "suggestion": MYOPIA_SUGGESTION, **fields}
    return client.post(url, data, HTTP_HX_REQUEST="true")


def test_a_member_writing_sees_the_best_match_first_with_score_and_outcome(client, city, on_record):
    # given: a member of the city typing a proposal about myopia
    client.force_login(factories.make_proposer(committee=city))
    # when
    response = _ask(client, reverse("proposals:similar_new"))
    # then: the eyesight proposal leads, scores fall, and each row says how it ended
    assert response.status_code == 200
    similar = response.context["similar"]
    assert similar[0].proposal == on_record["0194"]
    assert [s.score for s in similar] == sorted((s.score for s in similar), reverse=True)
    assert len(similar) <= 5
    html = response.content.decode()
    assert on_record["0194"].title in html and "已立案" in html


def test_a_few_characters_only_show_the_hint(client, city, on_record):
    client.force_login(factories.make_proposer(committee=city))
    response = _ask(client, reverse("proposals:similar_new"), title="关于", suggestion="")
    assert response.status_code == 200 and "similar" not in response.context


def test_the_draft_being_edited_is_never_its_own_match(client, city, on_record):
    # given: the author's draft, and a registered proposal with the same text
    draft = factories.make_draft(committee=city, title=MYOPIA_TITLE, suggestion=MYOPIA_SUGGESTION)
    client.force_login(draft.created_by)
    # when
    response = _ask(client, reverse("proposals:similar_draft", args=[draft.pk]))
    # then
    assert response.status_code == 200
    assert draft not in [s.proposal for s in response.context["similar"]]
    assert response.context["similar"][0].proposal == on_record["0194"]


def test_a_countys_proposals_are_not_offered_to_the_city(client, city, county, on_record):
    theirs = _registered(county, "0198")
    client.force_login(factories.make_proposer(committee=city))
    response = _ask(client, reverse("proposals:similar_new"))
    assert theirs not in [s.proposal for s in response.context["similar"]]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("author", 200),
        ("office", 404),
        ("other_member", 404),
        ("county_office", 404),
        ("unit", 404),
        ("resident", 404),
    ],
)
def test_who_may_see_similar_proposals_of_a_draft(client, city, county, make_user, who, status):
    # given: a member's draft
    draft = factories.make_draft(committee=city, title=MYOPIA_TITLE)
    users = {
        "author": lambda: draft.created_by,
        "office": lambda: make_user(Role.STAFF, city),
        "other_member": lambda: factories.make_proposer(committee=city),
        "county_office": lambda: make_user(Role.STAFF, county),
        "unit": lambda: factories.make_unit_user(committee=city),
        "resident": lambda: make_user(Role.RESIDENT, city),
    }
    client.force_login(users[who]())
    # when / then
    response = _ask(client, reverse("proposals:similar_draft", args=[draft.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("member", 200), ("office", 200), ("unit", 403), ("resident", 403)],
)
def test_who_may_see_similar_proposals_of_a_new_text(client, city, make_user, who, status):
    users = {
        "member": lambda: factories.make_proposer(committee=city),
        "office": lambda: make_user(Role.STAFF, city),
        "unit": lambda: factories.make_unit_user(committee=city),
        "resident": lambda: make_user(Role.RESIDENT, city),
    }
    client.force_login(users[who]())
    assert _ask(client, reverse("proposals:similar_new")).status_code == status


def test_guests_are_sent_to_log_in_and_reads_are_refused(client, city):
    url = reverse("proposals:similar_new")
    assert _ask(client, url).status_code == 302
    client.force_login(factories.make_proposer(committee=city))
    assert client.get(url).status_code == 405


def test_the_form_asks_after_a_pause_in_the_title_and_suggestion(client, city):
    draft = factories.make_draft(committee=city)
    client.force_login(draft.created_by)
    for url, target in (
        (reverse("proposals:new"), reverse("proposals:similar_new")),
        (
            reverse("proposals:edit", args=[draft.pk]),
            reverse("proposals:similar_draft", args=[draft.pk]),
        ),
    ):
        html = client.get(url).content.decode()
        assert html.count(f'hx-post="{target}"') == 2
        assert html.count('hx-trigger="keyup changed delay:800ms"') == 2
        assert 'id="similar-writing"' in html


@pytest.fixture
def empties_the_index(transactional_db):
    """The flush after a transactional test leaves SQLite's FTS5 rows behind."""
    yield
    clear_kind()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_similar_proposals_appear_as_the_member_types(browser_page, city, empties_the_index):
    # given: proposals on record, and a member on the writing form
    eyesight = _registered(city, "0194")
    _registered(city, "0407")
    author = factories.make_proposer(committee=city)
    page = browser_page
    sign_in(page, author.username)
    page.goto(f"{page.base_url}/proposals/new/")
    # when: the member types a title (an input method commits Chinese text, then a key is
    # released), then pauses
    title = page.locator("input[name=title]")
    title.fill(MYOPIA_TITLE)
    title.press("End")
    # then: the panel lists the eyesight proposal first
    first_row = page.locator("#similar-writing tbody tr").first
    first_row.wait_for(timeout=10_000)
    assert eyesight.title in first_row.inner_text()
