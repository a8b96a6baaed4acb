import pytest
from django.urls import reverse

from zhengxie.opinions import services
from zhengxie.opinions.factories import (
    make_report,
)
from zhengxie.opinions.models import OpinionReport, OpinionState


def act_url(report, step: str) -> str:
    return reverse("core:workflow_act", args=["opinion_report", report.pk, step])


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


def test_drafts_stay_with_their_authors_and_are_not_found_by_anyone_else(client, people, author):
    # given a draft
    report = make_report(author=author, submit=False)
    url = reverse("opinions:detail", args=[report.pk])
    # then only its author opens it; to anyone else it does not exist
    assert status(client, people["author"], url) == 200
    for who in ("staff", "leader", "county_staff", "unit", "other_member"):
        assert status(client, people[who], url) == 404, who


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
    url = reverse("core:workflow_act", args=["opinion_report", report.pk, "adopt"])

    assert status(client, people[who], url, "post", {"mode": "single"}) == expected

    report.refresh_from_db()
    assert (report.state == OpinionState.ADOPTED) == (expected == 302)


def test_return_from_the_page_without_comments_asks_for_them_and_keeps_the_state(
    client, author, office
):
    report = make_report(author=author)
    client.force_login(office)

    response = client.post(act_url(report, "return"), {"reason": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert "编辑意见" in response.content.decode()
    report.refresh_from_db()
    assert report.state == OpinionState.SUBMITTED


def test_decline_joins_the_ticked_grounds_and_the_text(client, author, office):
    report = make_report(author=author)
    client.force_login(office)

    client.post(act_url(report, "decline"), {"grounds": ["一般性的表态"], "reason": "缺少具体建议"})

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


def test_author_discards_a_draft_softly_and_nobody_else_can(client, people, author):
    report = make_report(author=author, submit=False)
    url = reverse("opinions:discard", args=[report.pk])

    assert status(client, people["other_member"], url, "post") == 403
    assert status(client, people["staff"], url, "post") == 403
    assert status(client, people["author"], url, "post") == 302

    report.refresh_from_db()
    assert report.is_deleted
    assert status(client, people["author"], reverse("opinions:detail", args=[report.pk])) == 404


def test_a_submitted_report_cannot_be_discarded(client, author):
    report = make_report(author=author)

    assert status(client, author.user, reverse("opinions:discard", args=[report.pk]), "post") == 403

    report.refresh_from_db()
    assert not report.is_deleted


def test_author_reworks_a_returned_report_and_resubmits_in_one_step(client, author, office):
    report = make_report(author=author)
    services.apply_action(report=report, actor=office, action="return", comment="请补充数据")
    client.force_login(author.user)

    client.post(
        reverse("opinions:edit", args=[report.pk]),
        {"title": "补充数据后的标题", "body": "新增了三组数据。", "submit": "1"},
    )

    report.refresh_from_db()
    assert (report.title, report.state) == ("补充数据后的标题", OpinionState.SUBMITTED)


def test_the_page_offers_each_person_the_steps_the_engine_allows(client, author, office):
    # given a submitted report
    report = make_report(author=author)
    url = reverse("opinions:detail", args=[report.pk])
    # when its author opens it: withdraw, posted to the engine's act page, and no override
    client.force_login(author.user)
    page = client.get(url).content.decode()
    assert f'action="{act_url(report, "withdraw")}"' in page
    assert 'data-action="override"' not in page
    assert 'data-action="adopt"' not in page
    # when the office opens it: its decisions and the override
    client.force_login(office)
    page = client.get(url).content.decode()
    assert f'action="{act_url(report, "adopt")}"' in page
    assert f'href="{act_url(report, "override")}"' in page
    assert 'data-action="withdraw"' not in page


def test_the_office_adopts_from_the_form_on_the_page(client, author, office):
    report = make_report(author=author)
    client.force_login(office)

    response = client.post(
        act_url(report, "adopt"),
        {"mode": "single", "reason": "", "seen_state": OpinionState.SUBMITTED},
    )

    assert response.url == reverse("opinions:detail", args=[report.pk])
    report.refresh_from_db()
    assert (report.state, report.adoption_mode) == (OpinionState.ADOPTED, "single")


def test_staff_navigation_links_the_workflow_guide(client, office):
    client.force_login(office)
    guide = reverse("core:workflow_guide", args=["opinions"])

    home = client.get(reverse("opinions:queue")).content.decode()

    assert f'href="{guide}"' in home
    page = client.get(guide)
    assert page.status_code == 200
    assert "社情民意信息" in page.content.decode()
