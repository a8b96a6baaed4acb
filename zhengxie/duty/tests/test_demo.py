"""我的履职 for the demo's member account reads the demo's own records."""

import pytest
from django.urls import reverse

from zhengxie.core.models import Member


@pytest.mark.django_db
def test_the_demo_member_finds_the_reply_the_demo_gives_them_to_rate(client, demo_world):
    # given the demo's member account (proposals/demo/today.py leaves them one reply to rate)
    user = Member.objects.select_related("user").get(name="刘荣", user__isnull=False).user
    client.force_login(user)
    # when
    response = client.get(reverse("duty:me"))
    # then
    cards = {s["key"]: s["items"] for s in response.context["sections"]}
    assert cards["feedback"], cards
    assert all(item["url"].endswith("/rate/") for item in cards["feedback"])
