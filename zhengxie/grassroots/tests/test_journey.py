"""The browser journey: a resident's report with a photo, through a session and an action,
to the resident's rating and the public timeline."""

import datetime as dt
import re

import pytest

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.tests.browser import fits_its_width, sign_in, submit
from zhengxie.grassroots.factories import make_photo
from zhengxie.grassroots.models import Case, CaseState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _report(page, town, tmp_path):
    photo = tmp_path / "road.png"
    photo.write_bytes(make_photo().read())
    page.goto(f"{page.base_url}/grassroots/report/")
    page.select_option("select[name=town]", str(town.pk))
    page.select_option("select[name=category]", "livelihood")
    page.fill("input[name=title]", "小区门口路灯不亮")
    page.fill("textarea[name=description]", "晚上出行很不方便，老人容易摔倒。")
    page.fill("input[name=place]", "洪山镇幸福小区")
    page.fill("input[name=phone]", "13911112222")
    page.set_input_files("input[name=photos]", str(photo))
    page.click("form.card button[type=submit]")
    page.wait_for_url(re.compile(r".*/grassroots/public/cases/\d+/"))


def _fits_a_phone(page) -> bool:
    """The page reads on a 375 px phone without sideways scrolling."""
    page.set_viewport_size({"width": 375, "height": 800})
    fits = fits_its_width(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    return fits


def _hold_session_and_finish(page, case, venue, member):
    page.goto(f"{page.base_url}/grassroots/cases/{case.pk}/")
    assert "13911112222" in page.content()  # the convenor sees the reporter's phone
    assert _fits_a_phone(page)
    # the case page's buttons are the steps the case workflow offers the convenor
    page.click("[data-action=accept]")
    page.click("[data-testid=confirm-action]")
    page.wait_for_url(re.compile(rf".*/grassroots/cases/{case.pk}/$"))
    page.click("a:has-text('召开协商会')")
    page.fill("input[name=title]", "路灯维修协商会")
    page.fill("input[name=held_on]", dt.date.today().isoformat())
    page.check(f"input[name=members][value='{member.pk}']")
    page.fill("input[name=resident_reps]", "李大爷、王阿姨")
    page.fill("textarea[name=consensus]", "社区三天内更换路灯")
    page.click("form.card button[type=submit]")
    page.wait_for_url(re.compile(r".*/grassroots/sessions/\d+/"))
    page.goto(f"{page.base_url}/grassroots/venues/{venue.pk}/")
    assert _fits_a_phone(page)
    page.click(f"tr:has(a:has-text('{case.title}')) [data-action=agree_action]")
    page.wait_for_url(re.compile(r".*/agree_action/"))
    assert _fits_a_phone(page)
    page.fill("input[name=description]", "更换路灯灯泡")
    page.fill("input[name=responsible_name]", "洪山镇幸福社区")
    page.fill("input[name=due_on]", (dt.date.today() + dt.timedelta(days=3)).isoformat())
    page.click("[data-testid=confirm-action]")
    page.wait_for_url(re.compile(rf".*/grassroots/cases/{case.pk}/$"))
    page.fill("input[name=note]", "已更换")
    page.check("input[name=done]")
    page.click("text=更新进展")
    assert page.locator("[data-testid=state]").inner_text() == "已解决"


def test_a_report_with_a_photo_is_consulted_acted_on_rated_and_shown_publicly(
    browser_page, county, city, tmp_path
):
    # given a venue in 洪山镇 with its convenor and a member, and a resident
    page = browser_page
    town = core.make_town(committee=county, name="洪山镇")
    convenor = core.make_user(role=Role.CONVENOR, committee=county)
    venue = core.make_venue(committee=county, town=town, convenor=convenor)
    member = core.make_member(committee=county, name="张委员")
    venue.members.add(member)
    resident = core.make_user(role=Role.RESIDENT, committee=city)
    # when the resident reports, the convenor consults and acts, and the resident rates
    sign_in(page, resident.username)
    _report(page, town, tmp_path)
    case = Case.objects.get(title="小区门口路灯不亮")
    assert case.photos.count() == 1
    sign_in(page, convenor.username)
    _hold_session_and_finish(page, case, venue, member)
    sign_in(page, resident.username)
    page.goto(f"{page.base_url}/grassroots/public/cases/{case.pk}/")
    page.check("input[name=value][value=satisfied]")
    submit(page, "text=提交评价")
    # then the public page shows the timeline without private data
    page.context.clear_cookies()
    page.goto(f"{page.base_url}/grassroots/public/cases/{case.pk}/")
    timeline = page.locator("[data-testid=timeline]").inner_text()
    for step in ("待受理", "已列入议题清单", "协商中", "落实中", "已解决", "已评价"):
        assert step in timeline
    assert "13911112222" not in page.content()
    # and it reads on a 375 px phone without sideways scrolling
    page.set_viewport_size({"width": 375, "height": 800})
    assert fits_its_width(page)
    case.refresh_from_db()
    assert case.state == CaseState.RATED and case.ratings.get().value == "satisfied"
