import datetime as dt

import pytest

from zhengxie.core.factories import make_member
from zhengxie.core.models import Role
from zhengxie.core.tests.browser import sign_in, submit
from zhengxie.duty.factories import make_source
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import credit_duty
from zhengxie.duty.services.recompute import recompute_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_sees_a_new_attendance_and_staff_switch_to_the_hundred_point_scheme(
    browser_page, city, make_user
):
    page = browser_page
    today = dt.date.today()
    # given a member who has a registered proposal
    user = make_user(Role.MEMBER, city)
    member = make_member(committee=city, name="刘荣")
    member.user = user
    member.save(update_fields=["user"])
    credit_duty(
        member=member,
        kind=DutyKind.PROPOSAL,
        role="first",
        source=make_source(committee=city),
        occurred_on=today,
    )
    # when the member attends an activity and opens 我的履职
    activity = make_source(committee=city)
    credit_duty(
        member=member, kind=DutyKind.ATTENDANCE, role="research", source=activity, occurred_on=today
    )
    sign_in(page, user.username)
    page.goto(page.base_url + "/duty/me/")
    # then the attendance is credited with its source and the research task is done
    acts = page.get_by_test_id("acts")
    assert "参加活动" in acts.inner_text() and activity.name in acts.inner_text()
    assert page.get_by_test_id("points").inner_text() == "20"
    assert "✓ 已完成 参加一次调研" in page.get_by_test_id("five-ones").inner_text()

    # given staff reading the computed year under the additive scheme
    recompute_year(committee=city, year=today.year)
    staff = make_user(Role.STAFF, city)
    sign_in(page, staff.username)
    page.goto(page.base_url + f"/duty/?committee={city.pk}")
    ranking = page.get_by_test_id("ranking")
    assert "不称职" in ranking.inner_text()
    # when they switch the committee to the 100-point scheme
    page.goto(page.base_url + f"/duty/rules/?committee={city.pk}")
    submit(page, "[data-testid=activate-anqing]")
    assert "百分制" in page.locator(".messages").inner_text()
    page.goto(page.base_url + f"/duty/?committee={city.pk}")
    # then the recomputed grade shows: 50 + 30 + 5 = 85 points
    row = page.get_by_test_id("ranking").locator("tbody tr").first
    assert "85" in row.inner_text()
    assert row.locator(".tag").inner_text() == "称职"
