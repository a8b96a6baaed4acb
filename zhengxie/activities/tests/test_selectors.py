"""The activities card on 我的履职: the member's next invitations, soonest first."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from zhengxie.activities.factories import invite, make_activity
from zhengxie.activities.selectors import UPCOMING_ON_MY_PAGE, list_upcoming_for_member
from zhengxie.core.factories import make_member


def _in(days: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)


def test_the_member_sees_the_activities_they_are_invited_to_that_are_still_ahead(city):
    # given invitations to two coming activities, to a held, a past and a cancelled one,
    # and a coming activity the member is not invited to
    member = make_member(committee=city, with_account=True)
    later = make_activity(committee=city, title="专题协商会", starts_at=_in(10))
    sooner = make_activity(committee=city, title="视察调研", starts_at=_in(2), state="notified")
    held = make_activity(committee=city, title="已召开", starts_at=_in(1), state="held")
    past = make_activity(committee=city, title="已过期", starts_at=_in(-2))
    cancelled = make_activity(committee=city, title="已取消", starts_at=_in(3), state="cancelled")
    invite(activity=later, members=[member])
    invite(activity=sooner, members=[member])
    for activity in (held, past, cancelled):
        invite(activity=activity, members=[member])
    make_activity(committee=city, title="未受邀", starts_at=_in(4))
    # when
    items = list_upcoming_for_member(member=member)
    # then
    assert [item["title"] for item in items] == ["视察调研", "专题协商会"]
    assert items[0]["url"] == reverse("activities:detail", args=[sooner.pk])
    assert items[0]["when"]


def test_the_card_shows_only_the_next_few_activities(city):
    # given more coming invitations than the card holds
    member = make_member(committee=city, with_account=True)
    for day in range(UPCOMING_ON_MY_PAGE + 2):
        invite(
            activity=make_activity(committee=city, title=f"活动{day}", starts_at=_in(day + 1)),
            members=[member],
        )
    # when
    items = list_upcoming_for_member(member=member)
    # then
    assert [item["title"] for item in items] == [f"活动{d}" for d in range(UPCOMING_ON_MY_PAGE)]
