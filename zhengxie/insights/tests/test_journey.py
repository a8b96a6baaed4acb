"""A leader's journey through the cockpit in a real browser."""

from pathlib import Path

import pytest
from docx import Document

from zhengxie.core.factories import make_member
from zhengxie.core.models import Role
from zhengxie.core.tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leader_follows_a_figure_and_downloads_the_annual_review(
    browser_page, city, county, make_user
):
    # given a city with members in the city and a county
    page = browser_page
    leader = make_user(Role.LEADER, city)
    for committee in (city, city, county):
        make_member(committee=committee)
    sign_in(page, leader.username)
    # when the leader opens the cockpit and follows the members figure
    page.goto(f"{page.base_url}/insights/?committee={city.pk}&year=2022&rollup=on")
    members = page.locator(".card:has-text('委员') a.figure").first
    assert members.inner_text() == "3"
    members.click()
    page.wait_for_url("**/members/**")
    assert page.locator("main h1").count() == 1
    # and generates the annual review
    page.goto(f"{page.base_url}/insights/review/?committee={city.pk}&year=2022&rollup=on")
    page.click("main button:has-text('生成 Word、Excel 和 PDF')")
    page.wait_for_selector("a:has-text('下载 Word')", timeout=60000)
    with page.expect_download() as download:
        page.click("a:has-text('下载 Word')")
    # then the Word file opens with its charts and the review's prose
    document = Document(str(download.value.path()))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "委员3名" in text
    assert len(document.inline_shapes) == 4
    # and the PDF beside it is a PDF
    with page.expect_download() as download:
        page.click("a:has-text('下载 PDF')")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
