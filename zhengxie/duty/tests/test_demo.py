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


@pytest.mark.django_db
def test_the_demo_has_members_who_opened_their_showcase_pages(client, demo_world):
    from zhengxie.duty.models import Showcase

    public = Showcase.objects.filter(is_public=True)
    featured = public.filter(is_featured=True).select_related("member")
    assert public.count() > featured.count() > 0
    # when a guest opens the index and a featured member's page
    index = client.get(reverse("portal:showcase")).content.decode()
    member = featured.first().member
    page = client.get(reverse("portal:showcase_member", args=[member.pk])).content.decode()
    # then
    assert member.name in index
    assert member.mobile not in page
    assert client.get(reverse("portal:showcase_member", args=[_closed(public)])).status_code == 404


def _closed(public) -> int:
    return Member.objects.exclude(pk__in=public.values("member_id")).values_list("pk", flat=True)[0]
