"""The foundation's journeys in a real browser."""

import pytest

from zhengxie.core.factories import (
    answer_to,
    make_member,
    make_roster_dictionaries,
    make_roster_row,
    make_roster_workbook,
)
from zhengxie.core.tests.browser import fits_its_width, sign_in, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(page, rows):
    page.goto(f"{page.base_url}/members/import/")
    page.set_input_files(
        "input[name=file]",
        {"name": "名册.xlsx", "mimeType": XLSX, "buffer": make_roster_workbook(rows)},
    )
    page.click("main button[type=submit]")
    page.wait_for_selector(
        "#roster-progress[data-status=failed], #roster-progress[data-status=done]"
    )


def test_resident_registers_and_logs_in(browser_page, city):
    page = browser_page
    page.goto(f"{page.base_url}/accounts/register/")
    page.fill("input[name=username]", "xiaoli")
    page.fill("input[name=display_name]", "小李")
    page.fill("input[name=password1]", "Suizhou-2022!")
    page.fill("input[name=password2]", "Suizhou-2022!")
    page.fill("input[name=answer]", str(answer_to(page.inner_text("label[for=id_answer]"))))
    page.click("main button[type=submit]")
    page.wait_for_selector("text=注册成功")
    submit(page, "header button:has-text('退出')")

    sign_in(page, "xiaoli", "Suizhou-2022!")

    assert page.locator("header .account").inner_text().count("小李") == 1


def test_staff_fixes_a_bad_roster_row_and_finds_the_new_member(browser_page, city, staff):
    page = browser_page
    make_roster_dictionaries(committee=city)
    sign_in(page, staff.username)
    bad = [make_roster_row(姓名="周敏", 手机号码="13800138000", 界别="无此界别")]

    upload(page, bad)
    assert "第2行：界别：未知的界别“无此界别”" in page.inner_text("[data-testid=import-errors]")

    upload(page, [make_roster_row(姓名="周敏", 手机号码="13800138000")])
    assert "新增 1" in page.inner_text("[data-testid=import-done]")

    page.click("text=查看名册")
    page.fill("input[name=q]", "周敏")
    page.click("[data-testid=roster-filters] button[type=submit]")
    page.wait_for_url("**q=*")
    assert page.locator("table tbody tr").count() == 1
    assert "周敏" in page.inner_text("table tbody")


@pytest.mark.parametrize("path", ["/", "/members/"])
def test_nav_and_roster_fit_a_375px_phone(browser_page, city, staff, path):
    page = browser_page
    for _ in range(5):
        make_member(committee=city, work_title="随州市某某有限责任公司董事长兼总经理")
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, staff.username)

    page.goto(f"{page.base_url}{path}")

    assert fits_its_width(page)


def test_progress_bar_polls_until_a_queued_import_finishes(browser_page, city, staff):
    # given an upload still waiting for the background worker
    from zhengxie.core.models import RosterImport
    from zhengxie.core.services.roster import process_roster_import

    page = browser_page
    make_roster_dictionaries(committee=city)
    job = RosterImport.objects.create(
        committee=city,
        uploaded_by=staff,
        file_name="名册.xlsx",
        content=make_roster_workbook([make_roster_row(姓名="郑和", 手机号码="13800138001")]),
    )
    sign_in(page, staff.username)
    page.goto(f"{page.base_url}/members/import/{job.pk}/")
    page.wait_for_selector("#roster-progress[data-status=queued]")
    # when the worker processes it
    process_roster_import(import_id=job.pk)
    # then the page's poll shows the result without a reload
    page.wait_for_selector("#roster-progress[data-status=done]", timeout=10000)
    assert "新增 1" in page.inner_text("[data-testid=import-done]")
