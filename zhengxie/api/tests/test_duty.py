"""A member's duty over the API: the same figures as the web's 我的履职 page, per role."""

import datetime as dt

import pytest
from django.urls import reverse

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.services.members import set_member_active
from zhengxie.duty.factories import credit
from zhengxie.duty.models import DutyKind

TODAY = dt.date.today()
DUTY_READS = ["/duty/me", "/duty/me/points", "/duty/me/five-ones", "/duty/me/three-highs",
              "/duty/me/file"]  # fmt: skip


@pytest.fixture
def member(city):
    return core.make_member(committee=city, name="刘荣", with_account=True)


def test_my_year_gives_the_web_pages_figures(member, api_as, client):
    # given a research trip this year
    credit(member=member, kind=DutyKind.ATTENDANCE, role="research", on=TODAY)
    client.force_login(member.user)
    page = client.get(reverse("duty:me")).context["page"]
    # when
    body = api_as(member.user).get("/duty/me").json()
    # then the points, the three highs and the five ones are the page's
    assert body["year"] == TODAY.year and body["points"] == 5
    assert body["points"] == float(page.figures["points"])
    highs = body["three_highs"]
    assert float(highs["score"]) == float(page.figures["score"])
    assert float(highs["quality"]) == float(page.figures["quality"])
    assert highs["grade"] == page.figures["grade"] and highs["grade_label"]
    assert (body["five_ones_done"], body["five_ones_total"]) == (
        sum(done for _n, done in page.tasks), len(page.tasks)
    )  # fmt: skip
    assert body["five_ones_done"] == 1


def test_points_by_kind_add_up_to_the_total(member, api_as):
    credit(member=member, kind=DutyKind.ATTENDANCE, role="research", on=TODAY, times=2)
    credit(member=member, kind=DutyKind.PROPOSAL, role="first", on=TODAY)
    body = api_as(member.user).get("/duty/me/points").json()
    labels = {line["label"]: line["points"] for line in body["lines"]}
    assert "参加活动" in labels and "提交提案" in labels
    assert sum(labels.values()) == pytest.approx(body["total"])
    assert body["total"] > 0


def test_five_ones_name_each_task_and_whether_it_is_done(member, api_as):
    credit(member=member, kind=DutyKind.PROPOSAL, role="first", on=TODAY)
    body = api_as(member.user).get("/duty/me/five-ones").json()
    done = {task["name"]: task["done"] for task in body["tasks"]}
    assert done["提交一件提案"] is True
    assert done["参加一次调研"] is False
    assert body["all_done"] is False


def test_an_earlier_year_is_read_when_asked(member, api_as):
    credit(member=member, kind=DutyKind.PROPOSAL, role="first", on=dt.date(2022, 6, 1))
    client = api_as(member.user)
    assert client.get("/duty/me", year=2022).json()["points"] > 0
    assert client.get("/duty/me", year=TODAY.year).json()["points"] == 0
    assert client.get("/duty/me/three-highs", year=1999).status_code == 400


def test_the_duty_file_counts_each_year_of_the_term(member, api_as, client):
    credit(member=member, kind=DutyKind.PROPOSAL, role="first", on=TODAY, times=2)
    client.force_login(member.user)
    web = client.get(reverse("duty:member_file", args=[member.pk])).context["file"]
    body = api_as(member.user).get("/duty/me/file").json()
    assert body["years"] == web["years"]
    assert [row["counts"] for row in body["rows"]] == [counts for _n, counts in web["rows"]]
    this_year = next(s for s in body["summaries"] if s["year"] == TODAY.year)
    assert this_year["points"] > 0 and this_year["published"] is False


@pytest.mark.parametrize("path", DUTY_READS)
@pytest.mark.parametrize("role", [Role.STAFF, Role.LEADER, Role.RESIDENT])
def test_only_members_have_a_duty_year(city, make_user, api_as, path, role):
    response = api_as(make_user(role, city)).get(path)
    assert response.status_code == 403
    assert "委员" in response.json()["error"]["message"]


@pytest.mark.parametrize("path", DUTY_READS)
def test_a_departed_member_is_refused(member, staff, api_as, path):
    set_member_active(user=staff, member=member, active=False, reason="换届离任")
    member.user.refresh_from_db()
    assert api_as(member.user).get(path).status_code == 403


@pytest.mark.parametrize("path", DUTY_READS)
def test_a_guest_must_sign_in(api_as, path):
    assert api_as(None).get(path).status_code == 401


@pytest.mark.parametrize("path", ["/duty/me", "/duty/me/points", "/duty/me/file"])
def test_duty_reads_cost_the_same_with_many_acts(
    member, api_as, path, django_assert_max_num_queries
):
    # given a few acts in two years of the term, then many more of every kind in the same years
    client = api_as(member.user)
    credit(member=member, kind=DutyKind.ATTENDANCE, role="research", on=TODAY)
    credit(member=member, kind=DutyKind.ATTENDANCE, role="study", on=dt.date(2022, 3, 1))
    client.get(path)  # the rules and settings caches warm
    with django_assert_max_num_queries(20) as few:
        client.get(path)
    credit(member=member, kind=DutyKind.ATTENDANCE, role="research", on=TODAY, times=15)
    credit(member=member, kind=DutyKind.PROPOSAL, role="first", on=TODAY, times=5)
    credit(member=member, kind=DutyKind.ATTENDANCE, role="study", on=dt.date(2022, 3, 1), times=5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(path).status_code == 200
