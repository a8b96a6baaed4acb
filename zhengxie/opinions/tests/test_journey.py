import io

import pytest
from docx import Document

from zhengxie.core.tests.browser import sign_in, submit
from zhengxie.opinions.models import OpinionReport, OpinionState


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_member_reports_staff_adopt_into_an_issue_and_record_an_instruction(
    browser_page, author, office
):
    page = browser_page
    # given a member who writes up a local problem on a phone
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, author.user.username)
    page.goto(f"{page.base_url}/opinions/new/")
    page.fill("input[name=title]", "关于解决城区停车难问题的建议")
    page.select_option("select[name=category]", "城市建设")
    page.fill("textarea[name=body]", "老城区停车位缺口大。\n建议盘活机关单位夜间车位。")
    page.click("button[name=submit]")
    assert page.locator("[data-testid=state]").inner_text() == "已报送"
    submit(page, "header form button")  # 退出
    # when the information office adopts it
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, office.username)
    page.goto(f"{page.base_url}/opinions/queue/")
    page.click("text=关于解决城区停车难问题的建议")
    page.click("summary[data-summary=adopt]")
    page.select_option("select[name=mode]", "combined")
    page.click("button[data-action=adopt]")
    assert "已采用" in page.locator("[data-testid=state]").inner_text()
    # and builds an issue from it and downloads the Word file
    page.goto(f"{page.base_url}/opinions/bulletins/")
    page.check("input[name=report_ids]")
    page.fill("input[name=editor]", "王编辑")
    page.click("main form button[type=submit]")
    assert "第1期" in page.locator("h1").inner_text()
    with page.expect_download() as download_info:
        page.click("[data-testid=docx]")
    path = download_info.value.path()
    with open(path, "rb") as handle:
        paragraphs = [p.text for p in Document(io.BytesIO(handle.read())).paragraphs]
    assert "关于解决城区停车难问题的建议" in paragraphs
    # and records the city leader's paper instruction on the report (登记批示)
    page.get_by_role("link", name="关于解决城区停车难问题的建议").click()
    page.click("[data-testid=transcribe-instruction]")
    page.fill("input[name=leader_name]", "陈市长")
    page.select_option("select[name=level]", "city")
    page.fill("textarea[name=text]", "请市住建局、市城管执法委研究落实。")
    page.click("[data-testid=submit-instruction]")
    # then the report shows it, marked as transcribed from paper
    instruction = page.locator("[data-testid=leader-instruction]")
    assert "请市住建局、市城管执法委研究落实。" in instruction.inner_text()
    assert instruction.locator("[data-testid=transcribed]").is_visible()
    report = OpinionReport.objects.get()
    assert report.state == OpinionState.ADOPTED
    assert report.bulletin.number == 1
    written = report.instructions.get()
    assert (written.leader_name, written.is_transcribed) == ("陈市长", True)
    assert written.recorded_by == office
