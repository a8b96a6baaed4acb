import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from zhengxie.core.models import Role
from zhengxie.opinions import services
from zhengxie.opinions.factories import (
    make_adopted_report,
    make_author,
    make_bulletin,
    make_office,
    make_report,
)
from zhengxie.opinions.models import OpinionReport, OpinionState


@pytest.fixture
def people(city, county, author, office, make_user):
    """One person per role; county staff stand for 'staff of another committee'."""
    return {
        "author": author.user,
        "other_member": make_author(committee=city).user,
        "staff": office,
        "county_staff": make_user(Role.STAFF, county),
        "leader": make_user(Role.LEADER, city),
        "resident": make_user(Role.RESIDENT, city),
        "unit": make_user(Role.UNIT, city),
    }


def status(client, user, url, method="get", data=None):
    client.force_login(user)
    return getattr(client, method)(url, data or {}).status_code


def test_member_submits_through_the_form_and_sees_it_in_my_reports(client, author):
    client.force_login(author.user)

    response = client.post(
        reverse("opinions:new"),
        {"title": "关于发展编钟文化旅游的建议", "body": "编钟是随州名片。", "submit": "1"},
    )

    report = OpinionReport.objects.get()
    assert response.url == reverse("opinions:detail", args=[report.pk])
    assert report.state == OpinionState.SUBMITTED
    page = client.get(reverse("opinions:mine")).content.decode()
    assert "关于发展编钟文化旅游的建议" in page


def test_form_shows_the_services_error_next_to_the_field(client, author):
    client.force_login(author.user)

    response = client.post(reverse("opinions:new"), {"title": "标题", "body": "字" * 1600})

    assert response.status_code == 200
    assert "正文不超过1500字" in response.content.decode()
    assert not OpinionReport.objects.exists()


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("author", 200),
        ("other_member", 403),
        ("staff", 200),
        ("county_staff", 403),
        ("leader", 200),
        ("resident", 403),
        ("unit", 403),
    ],
)
def test_who_reads_a_submitted_report(client, people, author, who, expected):
    report = make_report(author=author)

    assert status(client, people[who], reverse("opinions:detail", args=[report.pk])) == expected


def test_drafts_stay_with_their_authors(client, people, author):
    report = make_report(author=author, submit=False)
    url = reverse("opinions:detail", args=[report.pk])

    assert status(client, people["author"], url) == 200
    assert status(client, people["staff"], url) == 403
    assert status(client, people["leader"], url) == 403


def test_the_department_reads_a_report_forwarded_to_it(client, people, author, office):
    report = make_report(author=author)
    url = reverse("opinions:detail", args=[report.pk])
    assert status(client, people["unit"], url) == 403
    unit = people["unit"].role_grants.get().handling_unit

    services.apply_action(report=report, actor=office, action="forward", unit=unit)

    assert status(client, people["unit"], url) == 200
    assert status(client, people["unit"], reverse("opinions:edit", args=[report.pk])) == 403


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("author", 403),
        ("other_member", 403),
        ("staff", 302),
        ("county_staff", 403),
        ("leader", 403),
        ("resident", 403),
        ("unit", 403),
    ],
)
def test_who_may_adopt(client, people, author, who, expected):
    report = make_report(author=author)
    url = reverse("opinions:act", args=[report.pk, "adopt"])

    assert status(client, people[who], url, "post", {"mode": "single"}) == expected

    report.refresh_from_db()
    assert (report.state == OpinionState.ADOPTED) == (expected == 302)


def test_return_from_the_page_without_comments_shows_a_message_and_keeps_the_state(
    client, author, office
):
    report = make_report(author=author)
    client.force_login(office)

    response = client.post(reverse("opinions:act", args=[report.pk, "return"]), follow=True)

    assert "编辑意见" in response.content.decode()
    report.refresh_from_db()
    assert report.state == OpinionState.SUBMITTED


def test_decline_joins_the_ticked_grounds_and_the_text(client, author, office):
    report = make_report(author=author)
    client.force_login(office)

    client.post(
        reverse("opinions:act", args=[report.pk, "decline"]),
        {"grounds": ["一般性的表态"], "comment": "缺少具体建议"},
    )

    report.refresh_from_db()
    assert report.state == OpinionState.DECLINED
    assert "一般性的表态；缺少具体建议" in report.editor_comments


def test_detail_page_offers_only_the_actions_the_table_allows(client, author, office):
    report = make_report(author=author)
    client.force_login(office)

    page = client.get(reverse("opinions:detail", args=[report.pk])).content.decode()

    for action in ("accept", "return", "adopt", "forward", "decline"):
        assert f'data-action="{action}"' in page
    assert 'data-action="submit"' not in page


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("author", 403),
        ("staff", 200),
        ("county_staff", 200),
        ("leader", 403),
        ("resident", 403),
        ("unit", 403),
    ],
)
def test_who_opens_the_queue_and_the_bulletin_builder(client, people, who, expected):
    assert status(client, people[who], reverse("opinions:queue")) == expected
    assert status(client, people[who], reverse("opinions:bulletins")) == expected


def test_county_staff_queue_shows_only_the_county(client, people, author, county):
    make_report(author=author, title="市里的一条")
    make_report(author=make_author(committee=county), title="县里的一条")
    client.force_login(people["county_staff"])

    page = client.get(reverse("opinions:queue")).content.decode()

    assert "县里的一条" in page
    assert "市里的一条" not in page


def test_queue_filters_by_state_and_keeps_queries_constant(
    client, author, office, django_assert_max_num_queries
):
    for _ in range(3):
        make_adopted_report(author=author, office=office)
    for index in range(12):
        make_report(author=make_author(committee=author.committee), title=f"待编辑{index}")
    client.force_login(office)

    with django_assert_max_num_queries(25):
        response = client.get(reverse("opinions:queue"), {"state": "submitted"})

    page = response.content.decode()
    assert page.count("待编辑") == 12
    assert "香菇" not in page


def test_staff_build_an_issue_and_download_it(client, author, office):
    reports = [make_adopted_report(author=author, office=office, mode="combined") for _ in range(2)]
    client.force_login(office)

    response = client.post(
        reverse("opinions:bulletins"),
        {"report_ids": [r.pk for r in reports], "issued_on": "2022-07-01", "title": "民生专辑"},
    )

    issue = reports[0].__class__.objects.get(pk=reports[0].pk).bulletin
    assert response.url == reverse("opinions:bulletin", args=[issue.pk])
    download = client.get(reverse("opinions:bulletin_docx", args=[issue.pk]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "民生专辑" in [p.text for p in Document(io.BytesIO(download.content)).paragraphs]


def test_builder_refuses_an_empty_selection_with_a_message(client, author, office):
    make_adopted_report(author=author, office=office)
    client.force_login(office)

    response = client.post(reverse("opinions:bulletins"), {"issued_on": "2022-07-01"})

    assert response.status_code == 200
    assert "请至少选择一条" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "expected"),
    [("author", 403), ("staff", 200), ("county_staff", 403), ("leader", 200), ("resident", 403)],
)
def test_who_reads_an_issue(client, people, author, office, who, expected):
    issue = make_bulletin(
        reports=[make_adopted_report(author=author, office=office)], office=office
    )

    assert status(client, people[who], reverse("opinions:bulletin", args=[issue.pk])) == expected
    docx_url = reverse("opinions:bulletin_docx", args=[issue.pk])
    assert status(client, people[who], docx_url) == expected


@pytest.mark.parametrize(("who", "expected"), [("staff", 1), ("leader", 0), ("author", 0)])
def test_only_the_office_records_an_instruction(client, people, author, office, who, expected):
    report = make_adopted_report(author=author, office=office)
    data = {
        "leader_name": "张市长",
        "level": "city",
        "instructed_on": dt.date.today().isoformat(),
        "text": "请相关部门研究。",
    }

    status(client, people[who], reverse("opinions:instruct", args=[report.pk]), "post", data)

    assert report.instructions.count() == expected


def test_escalation_and_upper_adoption_from_the_record_page(client, author, office):
    report = make_adopted_report(author=author, office=office)
    client.force_login(office)
    today = dt.date.today().isoformat()

    client.post(
        reverse("opinions:escalate", args=[report.pk]), {"level": "national", "sent_on": today}
    )
    escalation = report.escalations.get()
    client.post(reverse("opinions:upper_adoption", args=[escalation.pk]), {"adopted_on": today})

    escalation.refresh_from_db()
    assert escalation.adopted_on == dt.date.today()


@pytest.mark.parametrize(
    ("who", "expected"),
    [("leader", 200), ("staff", 200), ("author", 403), ("resident", 403), ("unit", 403)],
)
def test_who_opens_the_leaders_overview(client, people, who, expected):
    assert status(client, people[who], reverse("opinions:overview")) == expected


def test_city_leader_overview_rolls_up_the_counties_with_constant_queries(
    client, people, author, office, county, django_assert_max_num_queries
):
    county_office = make_office(committee=county)
    for _ in range(3):
        make_adopted_report(author=make_author(committee=county), office=county_office)
    make_adopted_report(author=author, office=office)
    client.force_login(people["leader"])

    with django_assert_max_num_queries(20):
        response = client.get(reverse("opinions:overview"))

    assert response.context["figures"]["adopted"] == 4


def test_resident_cannot_open_the_form(client, people):
    assert status(client, people["resident"], reverse("opinions:new")) == 403
