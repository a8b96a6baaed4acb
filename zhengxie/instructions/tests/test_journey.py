"""批示 in the browser: a leader instructs on an adopted report and names the department and
the deadline; the department's liaison finds it in their workspace and reports what was done
(落实反馈); the office reads the feedback on the report's own page."""

import datetime as dt

import pytest

from zhengxie.core.tests.browser import sign_in, submit
from zhengxie.instructions.models import Instruction, InstructionState

TEXT = "请市民政局牵头，一个月内拿出老旧小区加装电梯的办法。"
FEEDBACK = "已会同住建部门制定加装电梯办法，首批12个小区开工。"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_leader_instructs_the_department_reports_back_and_the_office_reads_it(
    browser_page, adopted, leader, unit, unit_user, office
):
    page = browser_page
    due_on = dt.date.today() + dt.timedelta(days=30)
    # given a city leader on an adopted report's page
    sign_in(page, leader.username)
    page.goto(f"{page.base_url}/opinions/{adopted.pk}/")
    # when they write an instruction naming the department and the deadline
    page.click("[data-testid=write-instruction]")
    page.fill("textarea[name=text]", TEXT)
    page.select_option("select[name=unit]", str(unit.pk))
    page.fill("input[name=due_on]", due_on.isoformat())
    page.click("[data-testid=submit-instruction]")
    written = page.locator("[data-testid=leader-instruction]")
    assert TEXT in written.inner_text()
    assert unit.name in written.inner_text()
    assert written.locator("[data-testid=transcribed]").count() == 0
    submit(page, "header form button")  # 退出
    # and the department's liaison finds it in their workspace and reports back
    sign_in(page, unit_user.username)
    page.goto(f"{page.base_url}/instructions/unit/")
    row = page.locator("[data-testid=instruction-row]")
    assert adopted.title in row.inner_text()
    assert due_on.isoformat() in row.inner_text()
    row.get_by_role("link", name=adopted.title).click()
    page.click("a[data-action=report]")
    page.fill("textarea[name=text]", FEEDBACK)
    page.click("[data-testid=confirm-action]")
    assert page.locator("[data-testid=state]").inner_text() == "已反馈"
    submit(page, "header form button")  # 退出
    # then the office reads the feedback on the report
    sign_in(page, office.username)
    page.goto(f"{page.base_url}/opinions/{adopted.pk}/")
    assert FEEDBACK in page.locator("[data-testid=instruction-follow-up]").inner_text()
    instruction = Instruction.objects.get()
    assert (instruction.leader, instruction.unit, instruction.due_on) == (leader, unit, due_on)
    assert instruction.state == InstructionState.REPORTED
    assert instruction.follow_ups.get().submitted_by == unit_user
