"""逐级报送 in the browser: a county report handed off to the city, adopted there, and the
county member who wrote it reads the city's decision on their own report."""

import pytest

from zhengxie.core.tests.browser import sign_in, submit
from zhengxie.opinions.factories import make_adopted_report, make_author, make_office
from zhengxie.opinions.models import OpinionReport, OpinionState

TITLE = "关于乡镇卫生院留住医生的建议"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_county_report_handed_off_and_adopted_by_the_city_reaches_its_author(
    browser_page, city, county, county_office
):
    page = browser_page
    # given a county member's report the county office adopted
    author = make_author(committee=county)
    city_office = make_office(committee=city)
    report = OpinionReport.objects.get(
        pk=make_adopted_report(author=author, office=county_office).pk
    )
    report.title = TITLE
    report.save(update_fields=["title"])
    # when the county office hands it off to the city from the report's page
    sign_in(page, county_office.username)
    page.goto(f"{page.base_url}/opinions/{report.pk}/")
    page.click("button[data-action=hand_off]")
    handling = page.locator("[data-testid=upper-handling]")
    assert city.display_name in handling.inner_text()
    assert "已报送" in handling.locator("[data-testid=state]").inner_text()
    submit(page, "header form button")  # 退出
    # and the city office finds it in its intake and adopts it
    sign_in(page, city_office.username)
    page.goto(f"{page.base_url}/opinions/queue/")
    page.click(f"text={TITLE}")
    assert county.display_name in page.locator("[data-testid=handed-from]").inner_text()
    page.click("summary[data-summary=adopt]")
    page.select_option("select[name=mode]", "single")
    page.click("button[data-action=adopt]")
    assert "已采用" in page.locator("[data-testid=state]").first.inner_text()
    submit(page, "header form button")  # 退出
    # then the author reads the city's decision on their own report
    sign_in(page, author.user.username)
    page.goto(f"{page.base_url}/opinions/{report.pk}/")
    handling = page.locator("[data-testid=upper-handling]")
    assert city.display_name in handling.inner_text()
    assert "已采用" in handling.locator("[data-testid=state]").inner_text()
    upper = OpinionReport.objects.get(escalated_from=report)
    assert (upper.committee, upper.state) == (city, OpinionState.ADOPTED)
    report.refresh_from_db()
    assert "采用" in report.upper_decision
