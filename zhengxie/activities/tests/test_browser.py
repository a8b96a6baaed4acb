"""The journey in a real browser: a thematic consultation from creation to its outcome."""

import pytest

from zhengxie.activities.models import Activity, Attendance, LeaveRequest, Outcome
from zhengxie.activities.signin import make_token
from zhengxie.core.factories import make_member, make_sector
from zhengxie.core.tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _take_step(page, label: str) -> None:
    """A step's button leads to its page on the workflow engine; confirming takes it."""
    page.click(f"main a:has-text('{label}')")
    page.click("[data-testid=confirm-action]")


def test_staff_runs_a_thematic_consultation_with_leave_and_qr_sign_in(browser_page, staff, city):
    page = browser_page
    sector = make_sector(committee=city, name="经济界")
    asks_leave = make_member(committee=city, sector=sector, with_account=True, name="请假委员")
    signs_in = make_member(committee=city, sector=sector, with_account=True, name="扫码委员")
    make_member(committee=city, name="别界委员")

    # staff create the consultation and invite the sector
    sign_in(page, staff.username)
    page.goto(page.base_url + "/activities/new/")
    page.select_option("select[name=kind]", label="专题协商会")
    page.fill("input[name=title]", "优化营商环境专题协商会")
    page.fill("input[name=starts_at]", "2030-06-01T09:00")
    page.fill("input[name=ends_at]", "2030-06-01T12:00")
    page.fill("input[name=location]", "市政协三楼会议室")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=活动已创建")
    page.select_option("select[name=source]", value="sector")
    page.select_option("select[name=sector]", label="经济界")
    page.click("text=发送邀请")
    page.wait_for_selector("text=已邀请 2 位委员")
    _take_step(page, "发出通知")
    page.wait_for_selector("[data-testid=state]:has-text('已发通知')")
    activity = Activity.objects.get()

    # one member asks for leave
    sign_in(page, asks_leave.user.username)
    page.goto(page.base_url + f"/activities/{activity.pk}/")
    page.fill("textarea[name=reason]", "赴省外招商，无法出席")
    page.click("button:has-text('请假')")
    page.wait_for_selector("text=请假申请已提交")

    # the office approves it
    sign_in(page, staff.username)
    page.goto(page.base_url + "/activities/leaves/")
    _take_step(page, "批准请假")
    page.wait_for_selector("text=已批准请假")
    assert LeaveRequest.objects.get().status == "approved"

    # another signs in with the QR link from the venue screen
    sign_in(page, signs_in.user.username)
    page.goto(page.base_url + f"/activities/{activity.pk}/signin/{make_token(activity)}/")
    page.click("button:has-text('确认签到')")
    page.wait_for_selector("[data-testid=signin-done]")
    assert Attendance.objects.get().member == signs_in

    # staff hold the meeting and record the outcome
    sign_in(page, staff.username)
    page.goto(page.base_url + f"/activities/{activity.pk}/")
    _take_step(page, "确认召开并结算考勤")
    page.wait_for_selector("[data-testid=state]:has-text('已召开')")
    page.click("text=报送成果")
    page.select_option("select[name=kind]", value="consultation")
    page.fill("input[name=title]", "关于优化营商环境的协商报告")
    page.fill("textarea[name=body]", "一、基本情况\n二、建议")
    page.select_option("select[name=submitted_to]", value="both")
    page.fill("input[name=submitted_on]", "2030-06-10")
    page.fill("input[name=authors]", str(signs_in.pk))
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=成果已报送")

    outcome = Outcome.objects.get()
    assert (outcome.title, list(outcome.authors.all())) == (
        "关于优化营商环境的协商报告",
        [signs_in],
    )
    activity.refresh_from_db()
    assert activity.state == "outcome"
    statuses = dict(Attendance.objects.values_list("member__name", "status"))
    assert statuses == {"请假委员": "excused", "扫码委员": "present"}
