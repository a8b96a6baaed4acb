"""理论征文 review pages: staff name the reviewers; named reviewers (and staff for them) enter
score sheets; everyone else is turned away."""

import datetime as dt

import pytest
from django.urls import reverse

from zhengxie.activities.models import EssayCall, EssayScore
from zhengxie.activities.services import essays
from zhengxie.core.factories import make_member
from zhengxie.core.models import Role


@pytest.fixture
def reviewer(city, make_user):
    return make_user(Role.MEMBER, city)


@pytest.fixture
def call(city, staff, reviewer):
    call = essays.open_call(
        actor=staff,
        committee=city,
        title="2022年理论征文",
        theme="",
        deadline=dt.date(2022, 9, 30),
        reviewers=[reviewer],
    )
    for n in range(3):
        essays.record_essay(
            actor=staff,
            call=call,
            member=make_member(committee=city),
            title=f"论协商民主{n}",
            body="正文",
            today=dt.date(2022, 9, 1),
        )
    essays.close_submissions(actor=staff, call=call)
    return call


def _sheet(call, value) -> dict:
    return {f"essay_{e.pk}": value for e in call.essays.all()}


def test_staff_name_the_reviewers(client, city, staff, call, make_user):
    second = make_user(Role.LEADER, city)
    client.force_login(staff)
    url = reverse("activities:essay_reviewers", args=[call.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reviewers": [second.pk]})
    assert response.status_code == 302
    call.refresh_from_db()
    assert list(call.reviewers.all()) == [second]


@pytest.mark.parametrize("role", [Role.MEMBER, Role.LEADER, Role.UNIT])
def test_only_staff_name_reviewers(client, city, make_user, call, reviewer, role):
    client.force_login(make_user(role, city))
    url = reverse("activities:essay_reviewers", args=[call.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"reviewers": []}).status_code == 403
    assert list(call.reviewers.all()) == [reviewer]


def test_a_reviewer_may_not_name_reviewers(client, call, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("activities:essay_reviewers", args=[call.pk])).status_code == 403


def test_a_named_reviewer_enters_their_sheet(client, call, reviewer):
    client.force_login(reviewer)
    url = reverse("activities:essay_scores", args=[call.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _sheet(call, 88))
    assert response.status_code == 302
    assert list(EssayScore.objects.filter(reviewer=reviewer).values_list("score", flat=True)) == [
        88,
        88,
        88,
    ]


def test_a_reviewer_cannot_enter_another_reviewers_sheet(client, city, call, reviewer, make_user):
    other = make_user(Role.MEMBER, city)
    call.reviewers.add(other)
    client.force_login(reviewer)
    client.post(
        reverse("activities:essay_scores", args=[call.pk]) + f"?reviewer={other.pk}",
        {**_sheet(call, 60), "reviewer": other.pk},
    )
    assert not EssayScore.objects.filter(reviewer=other).exists()
    assert EssayScore.objects.filter(reviewer=reviewer).count() == 3


def test_staff_enter_a_paper_sheet_for_a_named_reviewer(client, staff, call, reviewer):
    client.force_login(staff)
    url = reverse("activities:essay_scores", args=[call.pk]) + f"?reviewer={reviewer.pk}"
    assert reviewer.display_name in client.get(url).content.decode()
    sheet = _sheet(call, "")
    first = call.essays.order_by("id").first()
    sheet[f"essay_{first.pk}"] = 75
    assert client.post(url, sheet).status_code == 302
    assert list(EssayScore.objects.values_list("essay_id", "reviewer_id", "score")) == [
        (first.pk, reviewer.pk, 75)
    ]


@pytest.mark.parametrize("role", [Role.MEMBER, Role.LEADER, Role.UNIT])
def test_people_not_named_are_turned_away_from_the_sheet(client, city, make_user, call, role):
    client.force_login(make_user(role, city))
    url = reverse("activities:essay_scores", args=[call.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _sheet(call, 90)).status_code == 403
    assert not EssayScore.objects.exists()


def test_a_county_office_cannot_score_the_citys_call(client, county, make_user, call):
    client.force_login(make_user(Role.STAFF, county))
    assert client.get(reverse("activities:essay_scores", args=[call.pk])).status_code == 403


def test_an_out_of_range_score_changes_nothing(client, call, reviewer):
    client.force_login(reviewer)
    sheet = _sheet(call, 80)
    sheet[next(iter(sheet))] = 120
    response = client.post(reverse("activities:essay_scores", args=[call.pk]), sheet)
    assert response.status_code == 200
    assert not EssayScore.objects.exists()


def test_scores_are_refused_outside_review(client, city, staff, reviewer):
    call = essays.open_call(
        actor=staff, committee=city, title="征集中", theme="", deadline=dt.date(2030, 1, 1)
    )
    call.reviewers.add(reviewer)
    essays.record_essay(
        actor=staff, call=call, member=make_member(committee=city), title="t", body="b"
    )
    client.force_login(reviewer)
    response = client.post(reverse("activities:essay_scores", args=[call.pk]), _sheet(call, 80))
    assert "征文不在评审阶段" in response.content.decode()
    assert not EssayScore.objects.exists()


def test_the_sheet_reads_a_fixed_number_of_queries(
    client, city, staff, call, reviewer, django_assert_max_num_queries
):
    client.force_login(reviewer)
    url = reverse("activities:essay_scores", args=[call.pk])
    client.get(url)
    for n in range(20):
        essays.Essay.objects.create(
            call=call,
            committee=city,
            member=make_member(committee=city),
            title=f"加稿{n}",
            body="b",
            submitted_on=dt.date(2022, 9, 1),
        )
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


def test_the_call_page_links_reviewers_and_sheet(client, staff, call, reviewer, make_user, city):
    page = reverse("activities:essay_call", args=[call.pk])
    client.force_login(staff)
    html = client.get(page).content.decode()
    assert reverse("activities:essay_reviewers", args=[call.pk]) in html
    assert reverse("activities:essay_scores", args=[call.pk]) in html
    client.force_login(reviewer)
    html = client.get(page).content.decode()
    assert reverse("activities:essay_scores", args=[call.pk]) in html
    assert reverse("activities:essay_reviewers", args=[call.pk]) not in html
    client.force_login(make_user(Role.MEMBER, city))
    assert (
        reverse("activities:essay_scores", args=[call.pk]) not in client.get(page).content.decode()
    )


def test_published_results_average_the_sheets(client, staff, call, reviewer, city, make_user):
    second = make_user(Role.MEMBER, city)
    call.reviewers.add(second)
    for user, value in ((reviewer, 90), (second, 70)):
        client.force_login(user)
        client.post(reverse("activities:essay_scores", args=[call.pk]), _sheet(call, value))
    essays.publish_results(actor=staff, call=EssayCall.objects.get(pk=call.pk))
    assert {float(e.average_score) for e in call.essays.all()} == {80.0}


def test_published_awards_are_written_with_history(client, staff, call, reviewer):
    client.force_login(reviewer)
    client.post(reverse("activities:essay_scores", args=[call.pk]), _sheet(call, 90))

    essays.publish_results(actor=staff, call=EssayCall.objects.get(pk=call.pk))

    for essay in call.essays.all():
        latest = essay.history.order_by("-history_id").first()
        assert (latest.award, latest.average_score) == (essay.award, essay.average_score)
        # each award is its own step of the essay workflow
        assert (latest.history_user, latest.history_change_reason) == (staff, "评定奖项")
