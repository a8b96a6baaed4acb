"""转送部门 in the browser: the office forwarded a report to a department; the department's
liaison answers it in their workspace, and the office reads the answer on the report."""

import pytest

from zhengxie.core.models import Role
from zhengxie.core.tests.browser import sign_in, submit
from zhengxie.opinions.factories import make_forwarded_report
from zhengxie.opinions.models import ForwardAnswer
from zhengxie.proposals.factories import unit_of

ANSWER = "经核实，该路段路灯已于本月修复，并纳入每周巡查。"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_department_answers_a_forwarded_report_and_the_office_reads_it(
    browser_page, author, office, city, make_user
):
    page = browser_page
    # given a report the office forwarded to a department
    liaison = make_user(Role.UNIT, city)
    report = make_forwarded_report(author=author, office=office, unit=unit_of(liaison))
    # when the department's liaison opens their workspace and answers it
    sign_in(page, liaison.username)
    page.goto(f"{page.base_url}/opinions/unit/")
    row = page.locator("[data-testid=forwarded-row]")
    assert "待答复" in row.locator("[data-testid=state]").inner_text()
    row.get_by_role("link", name=report.title).click()
    page.fill("textarea[name=text]", ANSWER)
    submit(page, "main form button[type=submit]")
    assert "已答复" in page.locator("[data-testid=forwarded-row] [data-testid=state]").inner_text()
    submit(page, "header form button")  # 退出
    # then the office reads the answer on the report's page
    sign_in(page, office.username)
    page.goto(f"{page.base_url}/opinions/{report.pk}/")
    answer = page.locator("[data-testid=forward-answer]")
    assert ANSWER in answer.inner_text()
    assert unit_of(liaison).name in answer.inner_text()
    stored = ForwardAnswer.objects.get(report=report)
    assert (stored.text, stored.answered_by) == (ANSWER, liaison)
