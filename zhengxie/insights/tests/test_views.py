import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from zhengxie.core.models import Role
from zhengxie.core.uploads import DOCX
from zhengxie.insights.models import ReviewJob, ReviewJobStatus

PAGES = [
    reverse("insights:cockpit"),
    reverse("insights:module", args=["proposals"]),
    reverse("insights:module", args=["grassroots"]),
    reverse("insights:review"),
]


@pytest.mark.parametrize("role", [Role.LEADER, Role.STAFF, Role.ADMIN])
@pytest.mark.parametrize("path", PAGES)
def test_city_readers_open_every_dashboard(client, city, county, make_user, role, path):
    client.force_login(make_user(role, city))

    response = client.get(path)

    assert response.status_code == 200


@pytest.mark.parametrize("role", [Role.MEMBER, Role.RESIDENT, Role.UNIT, Role.CONVENOR])
@pytest.mark.parametrize("path", PAGES)
def test_other_roles_are_denied_in_chinese(client, city, make_user, role, path):
    client.force_login(make_user(role, city))

    response = client.get(path)

    assert response.status_code == 403
    assert "统计数据" in response.content.decode()


def test_guests_are_sent_to_login(client, db):
    response = client.get(reverse("insights:cockpit"))

    assert response.status_code == 302
    assert reverse("core:login") in response.url


def test_county_staff_cannot_read_the_city_or_another_county(
    client, city, county, other_county, make_user
):
    client.force_login(make_user(Role.STAFF, county))

    own = client.get(reverse("insights:cockpit"), {"committee": county.pk, "year": 2022})
    city_page = client.get(reverse("insights:cockpit"), {"committee": city.pk, "year": 2022})
    other = client.get(reverse("insights:cockpit"), {"committee": other_county.pk, "year": 2022})

    assert own.status_code == 200
    assert own.context["figures"]["committee"] == county.code
    # an unreadable committee falls back to the reader's own scope, never leaks another's
    assert city_page.context["figures"]["committee"] == county.code
    assert other.context["figures"]["committee"] == county.code


def test_city_leader_sees_the_rollup_and_the_city_alone(client, city, county, make_user):
    client.force_login(make_user(Role.LEADER, city))

    rolled = client.get(
        reverse("insights:cockpit"), {"committee": city.pk, "year": 2022, "rollup": "on"}
    )
    alone = client.get(reverse("insights:cockpit"), {"committee": city.pk, "year": 2022})

    assert rolled.context["figures"]["rollup"] is True
    assert alone.context["figures"]["rollup"] is False


def test_cockpit_query_count_does_not_grow_with_records(
    client, city, county, make_user, django_assert_max_num_queries
):
    from zhengxie.core.factories import make_member

    client.force_login(make_user(Role.LEADER, city))
    for _ in range(30):
        make_member(committee=county)
    with django_assert_max_num_queries(52):
        client.get(
            reverse("insights:cockpit"), {"committee": city.pk, "year": 2022, "rollup": "on"}
        )


def test_figures_are_recomputed_after_a_record_changes(client, city, make_user):
    from zhengxie.core.factories import make_member

    client.force_login(make_user(Role.LEADER, city))
    before = client.get(reverse("insights:cockpit"), {"committee": city.pk, "year": 2022})
    make_member(committee=city)
    after = client.get(reverse("insights:cockpit"), {"committee": city.pk, "year": 2022})

    assert (
        after.context["figures"]["members"]["total"]
        == before.context["figures"]["members"]["total"] + 1
    )


def test_generating_the_review_produces_word_and_excel_files(
    client, city, county, make_user, django_capture_on_commit_callbacks
):
    # given
    client.force_login(make_user(Role.STAFF, city))
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("insights:review_generate"), {"committee": city.pk, "year": 2022, "rollup": "1"}
        )
    # then
    job = ReviewJob.objects.get()
    assert response.url == reverse("insights:review_job", args=[job.pk])
    assert job.status == ReviewJobStatus.DONE and job.progress == 100
    docx = client.get(reverse("insights:review_download", args=[job.pk, "docx"]))
    assert docx["Content-Type"] == DOCX.content_type
    assert docx["X-Content-Type-Options"] == "nosniff"
    document = Document(io.BytesIO(b"".join(docx.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "工作回眸" in text and "共收到提案" in text
    assert len(document.inline_shapes) == 4
    xlsx = client.get(reverse("insights:review_download", args=[job.pk, "xlsx"]))
    workbook = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    assert "全部指标" in workbook.sheetnames and "提案办理" in workbook.sheetnames


def test_another_committees_staff_cannot_download_a_review(client, city, county, make_user):
    client.force_login(make_user(Role.STAFF, city))
    client.post(
        reverse("insights:review_generate"), {"committee": city.pk, "year": 2022, "rollup": "1"}
    )
    job = ReviewJob.objects.get()
    client.force_login(make_user(Role.STAFF, county))

    response = client.get(reverse("insights:review_download", args=[job.pk, "docx"]))

    assert response.status_code == 403


def test_every_cockpit_figure_links_to_a_list_the_leader_can_open(client, city, make_user):
    # given
    client.force_login(make_user(Role.STAFF, city))
    cards = client.get(reverse("insights:cockpit")).context["cards"]
    # then every card has a link, and each link opens
    assert all(card["url"] for card in cards)
    for card in cards:
        assert client.get(card["url"]).status_code == 200, card
