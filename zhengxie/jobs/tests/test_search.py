import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zhengxie.core import factories as core
from zhengxie.jobs import factories
from zhengxie.jobs.models import Job
from zhengxie.jobs.selectors.search import JobQuery, search_jobs

pytestmark = pytest.mark.django_db


def _post_many(employer, office, n, **overrides):
    return [factories.make_job(employer=employer, office=office, **overrides) for _ in range(n)]


def test_chinese_text_finds_a_two_character_word(employer, office):
    wanted = factories.make_job(employer=employer, office=office, title="香菇分拣工")
    factories.make_job(employer=employer, office=office, title="货车司机")
    assert [j.pk for j in search_jobs(JobQuery(text="香菇")).jobs] == [wanted.pk]
    assert [j.pk for j in search_jobs(JobQuery(text="分拣")).jobs] == [wanted.pk]
    assert search_jobs(JobQuery(text="护士")).jobs == []


def test_a_single_character_finds_titles_and_bodies_newest_first(employer, office):
    # given a title with 焊, a description with 焊, and a job without it
    in_title = factories.make_job(employer=employer, office=office, title="电焊学徒")
    factories.make_job(employer=employer, office=office, title="货车司机")
    in_body = factories.make_job(
        employer=employer, office=office, title="维修员", description="会氩弧焊者优先。"
    )
    # then the one character finds both, newest first, whatever matched where
    assert [j.pk for j in search_jobs(JobQuery(text="焊")).jobs] == [in_body.pk, in_title.pk]
    # and every term must occur: a character and a word together narrow to one job
    assert [j.pk for j in search_jobs(JobQuery(text="焊 学徒")).jobs] == [in_title.pk]
    assert search_jobs(JobQuery(text="焊 司机")).jobs == []


def test_text_hits_are_newest_first_not_best_first(employer, office):
    # given an older job with the word in its title and a newer one with it only in the body
    titled = factories.make_job(employer=employer, office=office, title="香菇分拣工")
    mentioned = factories.make_job(
        employer=employer, office=office, title="仓库管理员", description="兼管香菇入库。"
    )
    # then the newer job comes first although the title hit ranks higher in the index
    assert [j.pk for j in search_jobs(JobQuery(text="香菇")).jobs] == [mentioned.pk, titled.pk]


@pytest.mark.parametrize("text", ["香菇", "工", "香菇 工", "，"])
def test_a_text_search_is_one_query(employer, office, text, django_assert_num_queries):
    factories.make_job(employer=employer, office=office, title="香菇分拣工")
    search_jobs(JobQuery())  # the content type of jobs is cached after its first use
    with django_assert_num_queries(1 if text != "，" else 0):
        search_jobs(JobQuery(text=text))


def test_text_search_keeps_hidden_jobs_out_and_pages_by_keyset(city, employer, office):
    # given matching jobs: three open, one expired, one pending review, one of an employer
    # still waiting for verification
    shown = _post_many(employer, office, 3, title="焊工")
    expired = factories.make_job(employer=employer, office=office, title="焊工")
    Job.objects.filter(pk=expired.pk).update(expires_on=timezone.localdate() - dt.timedelta(1))
    factories.make_job(employer=employer, publish=False, title="焊工")
    unverified = factories.make_employer(committee=city, verified=False)
    factories.make_job(employer=unverified, publish=False, title="焊工")
    # then only the open ones come back, two then one, once each
    first = search_jobs(JobQuery(text="焊工"), size=2)
    second = search_jobs(JobQuery(text="焊工", after=first.next_cursor), size=2)
    assert [j.pk for j in first.jobs + second.jobs] == [j.pk for j in reversed(shown)]
    assert second.next_cursor == ""


def test_filters_narrow_by_town_category_pay_and_posting_date(city, employer, office):
    other_town = core.make_town(committee=city, name="淮河镇")
    driver = factories.make_category(committee=city, name="司机")
    low = factories.make_job(employer=employer, office=office, pay_min=2500, pay_max=3000)
    high = factories.make_job(
        employer=employer, office=office, pay_min=6000, pay_max=8000, category=driver,
        town=other_town,
    )  # fmt: skip
    ids = lambda **q: [j.pk for j in search_jobs(JobQuery(**q)).jobs]  # noqa: E731
    assert ids(town_id=other_town.pk) == [high.pk]
    assert ids(category_id=driver.pk) == [high.pk]
    assert ids(pay_at_least=5000) == [high.pk]
    assert set(ids(posted_within_days=1)) == {low.pk, high.pk}


def test_keyset_pages_cover_every_job_once(employer, office):
    jobs = _post_many(employer, office, 7)
    seen, cursor = [], ""
    while True:
        page = search_jobs(JobQuery(after=cursor), size=3)
        seen += [j.pk for j in page.jobs]
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert seen == sorted((j.pk for j in jobs), reverse=True)


def test_a_mangled_cursor_starts_from_the_first_page(job):
    assert [j.pk for j in search_jobs(JobQuery(after="x.y")).jobs] == [job.pk]


@pytest.mark.parametrize("count", [3, 12])
def test_the_search_page_costs_the_same_queries_at_any_size(
    employer, office, count, django_assert_max_num_queries
):
    _post_many(employer, office, count, title="香菇分拣工")
    client = Client()
    with django_assert_max_num_queries(8):
        page = client.get(reverse("jobs:search"), {"q": "香菇"})
    assert page.content.decode().count('data-testid="job"') == count


@pytest.mark.parametrize("count", [2, 8])
def test_the_received_applications_page_costs_the_same_at_any_size(
    city, job, owner, count, django_assert_max_num_queries
):
    from zhengxie.jobs.services.seekers import apply_to_job

    for n in range(count):
        seeker = core.make_user()
        factories.make_resume(user=seeker, mobile=f"1387123{n:04d}")
        apply_to_job(seeker=seeker, job=job)
    client = Client()
    client.force_login(owner)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("jobs:applications_received"))
    assert page.content.decode().count('data-testid="application"') == count


def test_each_filter_names_itself_on_a_phone(job):
    # given the search page, whose filters sit side by side without label rows
    page = Client().get(reverse("jobs:search")).content.decode()
    # then every filter carries its name for screen readers, and says what it holds
    for label in ("关键词", "乡镇街道", "岗位类别", "月薪不低于", "发布时间"):
        assert f'aria-label="{label}"' in page
    assert 'placeholder="关键词"' in page and 'placeholder="月薪不低于"' in page
    assert "全部乡镇街道" in page and "全部岗位类别" in page
