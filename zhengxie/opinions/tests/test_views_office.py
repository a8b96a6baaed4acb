import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from docx import Document

from zhengxie.core.workflow import apply
from zhengxie.instructions.services import transcribe_instruction
from zhengxie.instructions.targets import target_named
from zhengxie.opinions import services
from zhengxie.opinions.factories import (
    make_adopted_report,
    make_author,
    make_bulletin,
    make_office,
    make_report,
)
from zhengxie.opinions.views.office import QUEUE_PAGE_SIZE
from zhengxie.proposals.factories import unit_of


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


def status(client, user, url, method="get", data=None):
    client.force_login(user)
    return getattr(client, method)(url, data or {}).status_code


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


def test_queue_reads_a_page_at_a_time_and_keeps_the_filters_on_page_two(
    client, author, office, django_assert_max_num_queries
):
    make_adopted_report(author=author, office=office)
    for index in range(QUEUE_PAGE_SIZE + 3):
        make_report(author=author, title=f"待编辑{index:03d}")
    client.force_login(office)
    url = reverse("opinions:queue")

    with django_assert_max_num_queries(25):
        first = client.get(url, {"state": "submitted"}).content.decode()
    with django_assert_max_num_queries(25):
        second = client.get(url, {"state": "submitted", "page": 2}).content.decode()

    assert first.count("待编辑") == QUEUE_PAGE_SIZE and "?state=submitted&page=2" in first
    assert re.findall(r"待编辑\d+", second) == [
        f"待编辑{QUEUE_PAGE_SIZE + i:03d}" for i in range(3)
    ]
    assert "香菇" not in second


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
    url = reverse("instructions:transcribe", args=["opinion_report", report.pk])

    status(client, people[who], url, "post", data)

    assert report.instructions.filter(is_transcribed=True, recorded_by=office).count() == expected


def test_the_report_page_marks_a_transcribed_instruction_and_shows_the_feedback(
    client, people, author, office, city
):
    # given a paper instruction the office transcribed and passed to a department, which
    # reported back
    report = make_adopted_report(author=author, office=office)
    unit = unit_of(people["unit"])
    instruction = transcribe_instruction(
        target=target_named("opinion_report"), record=report, actor=office,
        leader_name="张市长", leader_title="市长", level="city", text="请相关部门研究。",
        instructed_on=dt.date.today(), unit=unit,
    )  # fmt: skip
    apply(instruction, "report", people["unit"], text="已新增停车位800个。")
    # when the office and the author open the report
    for reader in (office, author.user):
        client.force_login(reader)
        page = client.get(reverse("opinions:detail", args=[report.pk])).content.decode()
        # then the instruction is marked as transcribed, with the department's feedback
        panel = page[page.index('data-testid="leader-instructions"') :]
        assert "张市长" in panel and 'data-testid="transcribed"' in panel
        assert "已新增停车位800个。" in panel


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


def test_queue_filters_converted_reports_and_by_category(client, author, office, city):
    from zhengxie.core.factories import make_plenary

    services.intake_converted_proposal(
        committee=city,
        title="提案转来的一条",
        body="正文",
        member_ids=[author.pk],
        source=make_plenary(committee=city),
        actor=office,
    )
    make_report(author=author, title="委员直报的一条")
    client.force_login(office)

    converted = client.get(reverse("opinions:queue"), {"source": "converted"}).content.decode()
    by_category = client.get(reverse("opinions:queue"), {"category": "经济发展"}).content.decode()

    assert "提案转来的一条" in converted and "委员直报的一条" not in converted
    assert "委员直报的一条" in by_category and "提案转来的一条" not in by_category


def test_my_reports_and_the_bulletin_list_keep_queries_constant(
    client, author, office, django_assert_max_num_queries
):
    for _ in range(10):
        make_report(author=author, co_authors=[make_author(committee=author.committee)])
    for _ in range(5):
        make_bulletin(reports=[make_adopted_report(author=author, office=office)], office=office)
    make_adopted_report(author=author, office=office)

    client.force_login(author.user)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("opinions:mine")).status_code == 200
    client.force_login(office)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("opinions:bulletins")).status_code == 200
