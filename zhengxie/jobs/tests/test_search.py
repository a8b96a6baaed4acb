import pytest
from django.test import Client
from django.urls import reverse

from zhengxie.core import factories as core
from zhengxie.jobs import factories
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
