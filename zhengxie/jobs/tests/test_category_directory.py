"""岗位类别 on the 基础数据 pages: the committee's office adds, renames and retires them, with
history; a member and another committee's office are refused."""

import pytest
from django.urls import reverse

from zhengxie.core.models import Role
from zhengxie.jobs.models import JobCategory
from zhengxie.jobs.selectors.work import job_categories_of


def test_the_office_adds_and_retires_a_job_category_with_history(client, city, staff):
    client.force_login(staff)

    client.post(
        reverse("core:record_create", args=["job-categories"]),
        {"name": "普工", "sort_order": 1, "is_active": "on"},
    )
    category = JobCategory.objects.get(committee=city, name="普工")
    assert list(job_categories_of(city.pk)) == [category]
    client.post(
        reverse("core:record_edit", args=["job-categories", category.pk]),
        {"name": "普工", "sort_order": 1},
    )

    category.refresh_from_db()
    assert not category.is_active
    assert list(job_categories_of(city.pk)) == []
    assert [v.history_user for v in category.history.all()] == [staff, staff]


def test_a_job_category_name_is_the_committees_own(client, city, staff):
    JobCategory.objects.create(committee=city, name="销售")
    client.force_login(staff)

    response = client.post(
        reverse("core:record_create", args=["job-categories"]), {"name": "销售", "sort_order": 2}
    )

    assert "本政协已有名称相同的记录" in response.context["form"].errors["name"][0]
    assert JobCategory.objects.filter(committee=city).count() == 1


@pytest.mark.parametrize("who", ["member", "county_staff"])
def test_a_member_or_another_committees_office_may_not_edit_a_job_category(
    client, city, county, make_user, who
):
    category = JobCategory.objects.create(committee=city, name="销售")
    actor = make_user(Role.MEMBER, city) if who == "member" else make_user(Role.STAFF, county)
    client.force_login(actor)

    response = client.post(
        reverse("core:record_edit", args=["job-categories", category.pk]),
        {"name": "改名", "sort_order": 0},
    )

    assert response.status_code in (403, 404)
    category.refresh_from_db()
    assert category.name == "销售"


def test_the_job_category_list_costs_the_same_queries_at_any_size(
    client, city, staff, django_assert_max_num_queries
):
    for n in range(30):
        JobCategory.objects.create(committee=city, name=f"类别{n}")
    client.force_login(staff)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("core:record_list", args=["job-categories"]))

    assert len(response.context["rows"]) == 30
