"""On a 375 px phone, staff create a reading group, record a session, and a reviewer fills in
the score sheet; no page scrolls sideways."""

import datetime as dt

import pytest

from zhengxie.activities.models import EssayScore, ReadingGroup
from zhengxie.activities.services import essays
from zhengxie.core.factories import make_member
from zhengxie.core.models import Role
from zhengxie.core.tests.browser import fits_its_width, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reading_and_scoring_forms_work_on_a_phone(browser_page, staff, city, make_user):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    make_member(committee=city, name="读书委员")
    # staff create the group from the reading page
    sign_in(page, staff.username)
    page.goto(page.base_url + "/activities/reading/")
    page.click("text=新建读书群")
    page.fill("input[name=name]", "手机读书群")
    page.check("label:has-text('读书委员') input")
    page.fill("textarea[name=books]", "乡土中国 / 费孝通")
    assert fits_its_width(page)
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=读书群已建立")
    # and record a session on its book
    page.click("text=记录读书交流")
    page.fill("input[name=held_on]", "2022-06-01")
    page.fill("input[name=topic]", "读《乡土中国》")
    page.select_option("select[name=book]", label="乡土中国")
    page.check("label:has-text('读书委员') input")
    page.fill("textarea[name=summary]", "交流乡村治理")
    assert fits_its_width(page)
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=交流乡村治理")
    assert ReadingGroup.objects.get(name="手机读书群").sessions.get().attendees.count() == 1

    # a named reviewer fills in the sheet
    reviewer = make_user(Role.MEMBER, city)
    call = essays.open_call(
        actor=staff,
        committee=city,
        title="手机评审",
        theme="",
        deadline=dt.date(2030, 1, 1),
        reviewers=[reviewer],
    )
    essays.record_essay(
        actor=staff, call=call, member=make_member(committee=city), title="论履职", body="b"
    )
    essays.close_submissions(actor=staff, call=call)
    sign_in(page, reviewer.username)
    page.goto(page.base_url + f"/activities/essays/{call.pk}/")
    page.click("text=评分表")
    page.fill("main form input[type=number]", "86")
    assert fits_its_width(page)
    page.click("text=保存评分")
    page.wait_for_selector("text=已保存 1 篇稿件的评分")
    assert EssayScore.objects.get().score == 86
