"""政协管理 and 届次与会议 in a real browser: a city's administrator adds a county committee
below the city, gives it its first term and opens its first plenary, and the tree shows both."""

import pytest

from zhengxie.core.factories import make_user
from zhengxie.core.models import Committee, Plenary, Role
from zhengxie.core.tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill(page, values: dict) -> None:
    for name, value in values.items():
        page.fill(f"[name={name}]", value)


def test_the_city_administrator_adds_a_county_and_opens_its_first_plenary(browser_page, city):
    page = browser_page
    make_user(role=Role.ADMIN, committee=city, username="cityadmin")
    sign_in(page, "cityadmin")
    # when the administrator adds a committee below the city from the tree
    page.goto(f"{page.base_url}/staff/committees/")
    page.locator("[data-testid=committee-city]").get_by_role("link", name="新建下级").click()
    page.select_option("select[name=level]", "county")
    _fill(page, {"name": "测试市新区政协工委", "short_name": "新区政协", "code": "xinqu",
                 "region": "新区"})  # fmt: skip
    page.click("[data-testid=committee-form] button[type=submit]")
    # then it sits under the city, with no term yet
    row = page.locator("[data-testid=committee-xinqu]")
    assert "测试市政协" in row.inner_text() and "未设本届" in row.inner_text()
    # when they give it its first term
    row.get_by_role("link", name="届次与会议").click()
    page.get_by_role("link", name="新增届").click()
    _fill(page, {"number": "1", "start_year": "2022", "end_year": "2026"})
    page.check("[name=is_current]")
    page.click("main form button[type=submit]")
    assert "本届" in page.locator("[data-testid=term-1]").inner_text()
    # and a plenary dated outside the term's years, which is refused on its field
    page.get_by_role("link", name="在本届新增会议").click()
    plenary = {"session": "1", "name": "新区政协一届一次会议", "opens_on": "2027-01-05",
               "closes_on": "2027-01-08", "intake_opens_on": "2026-12-01",
               "intake_closes_on": "2027-01-07"}  # fmt: skip
    _fill(page, plenary)
    page.click("main form button[type=submit]")
    assert "须在第1届的年份（2022—2026年）之内" in page.locator("main").inner_text()
    assert not Plenary.objects.filter(committee__code="xinqu").exists()
    # when they correct the dates
    _fill(page, {"opens_on": "2023-01-05", "closes_on": "2023-01-08",
                 "intake_opens_on": "2022-12-01", "intake_closes_on": "2023-01-07"})  # fmt: skip
    page.click("main form button[type=submit]")
    assert "新区政协一届一次会议" in page.locator("[data-testid=plenary-1-1]").inner_text()
    # then the tree shows the county's term and plenary, and the change log names who
    page.goto(f"{page.base_url}/staff/committees/")
    row = page.locator("[data-testid=committee-xinqu]")
    assert "第1届（2022—2026年）" in row.inner_text()
    assert "新区政协一届一次会议" in row.inner_text()
    county = Committee.objects.get(code="xinqu")
    assert county.parent == city and county.level == "county"
    assert county.history.get().history_user.username == "cityadmin"
