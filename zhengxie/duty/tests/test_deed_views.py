"""The deed pages per role: the member's form and list, the confirmer's queue and the record
page with its workflow buttons; lists in constant queries."""

import datetime as dt

import pytest
from django.urls import reverse

from zhengxie.core.factories import make_member
from zhengxie.core.models import Role
from zhengxie.duty.factories import make_deed
from zhengxie.duty.models import DeedState, PracticalDeed
from zhengxie.duty.services.deeds import confirm_deed
from zhengxie.grassroots.factories import make_convenor_venue, make_photo


@pytest.fixture
def member(city):
    return make_member(committee=city, name="刘荣", with_account=True)


@pytest.fixture
def venue_and_convenor(city):
    convenor, venue = make_convenor_venue(committee=city)
    return venue, convenor


def test_member_records_a_deed_through_the_form(client, member, venue_and_convenor):
    venue, _convenor = venue_and_convenor
    client.force_login(member.user)
    form = client.get(reverse("duty:deed_new")).content.decode()
    assert venue.name in form
    # when
    response = client.post(
        reverse("duty:deed_new"),
        {
            "title": "为敬老院送去冬衣",
            "description": "联系企业捐赠棉衣 60 件。",
            "place": "洪山镇敬老院",
            "beneficiaries": "敬老院老人 60 人",
            "done_on": "2022-12-01",
            "venue": venue.pk,
            "photos": [make_photo(), make_photo(name="2.png")],
        },
    )
    # then
    deed = PracticalDeed.objects.get()
    assert response.status_code == 302 and response.url == deed.get_absolute_url()
    assert (deed.member, deed.venue, deed.photos.count()) == (member, venue, 2)


def test_a_bad_field_stays_on_the_form_with_its_name(client, member):
    client.force_login(member.user)
    response = client.post(
        reverse("duty:deed_new"),
        {
            "title": "送冬衣",
            "description": "d",
            "place": "p",
            "beneficiaries": "b",
            "done_on": (dt.date.today() + dt.timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["done_on"] == ["办理日期不能晚于今天。"]
    assert not PracticalDeed.objects.exists()


def test_the_convenor_confirms_from_the_queue_and_record_page(client, member, venue_and_convenor):
    venue, convenor = venue_and_convenor
    deed = make_deed(member=member, venue=venue, title="修缮便民桥")
    client.force_login(convenor)
    # the queue lists it
    queue = client.get(reverse("duty:deed_queue"))
    assert [d.pk for d in queue.context["page"]] == [deed.pk]
    # the record page offers confirm and return
    page = client.get(reverse("duty:deed_detail", args=[deed.pk]))
    assert [a.name for a in page.context["actions"]] == ["confirm", "return"]
    # when
    act = reverse("core:workflow_act", args=["practical_deed", deed.pk, "confirm"])
    response = client.post(act, {"seen_state": "submitted", "reason": "经核实"})
    # then
    assert response.status_code == 302
    deed.refresh_from_db()
    assert deed.state == DeedState.CONFIRMED
    assert list(client.get(reverse("duty:deed_queue")).context["page"].object_list) == []
    body = client.get(reverse("duty:deed_detail", args=[deed.pk])).content.decode()
    assert "确认：经核实" in body


def test_the_member_sees_own_deeds_and_resubmit_button_only(client, member, staff):
    from zhengxie.duty.services.deeds import return_deed

    deed = return_deed(actor=staff, deed=make_deed(member=member), reason="补充照片")
    make_deed(member=make_member(committee=member.committee, with_account=True))
    client.force_login(member.user)
    listing = client.get(reverse("duty:deeds"))
    assert [d.pk for d in listing.context["page"]] == [deed.pk]
    page = client.get(reverse("duty:deed_detail", args=[deed.pk]))
    assert [a.name for a in page.context["actions"]] == ["resubmit", "withdraw"]
    assert "补充照片" in page.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("convenor", 200), ("staff", 200), ("other_member", 403), ("county", 403)],
)
def test_who_reads_a_deed_and_its_photos(
    client, city, county, member, venue_and_convenor, staff, make_user, who, status
):
    venue, convenor = venue_and_convenor
    deed = make_deed(member=member, venue=venue, photos=[make_photo()])
    user = {
        "owner": member.user,
        "convenor": convenor,
        "staff": staff,
        "other_member": make_member(committee=city, with_account=True).user,
        "county": make_user(Role.STAFF, county),
    }[who]
    client.force_login(user)
    assert client.get(reverse("duty:deed_detail", args=[deed.pk])).status_code == status
    photo = reverse("duty:deed_photo", args=[deed.photos.get().pk])
    assert client.get(photo).status_code == status


def test_the_queue_is_refused_to_members_and_holds_no_deeds_of_other_venues(
    client, city, member, venue_and_convenor
):
    _venue, convenor = venue_and_convenor
    _other_convenor, other_venue = make_convenor_venue(committee=city)
    make_deed(member=member, venue=other_venue)
    make_deed(member=member)  # at no venue: the office's
    client.force_login(member.user)
    assert client.get(reverse("duty:deed_queue")).status_code == 403
    client.force_login(convenor)
    assert list(client.get(reverse("duty:deed_queue")).context["page"].object_list) == []


def _deeds(member, venue, n: int) -> None:
    for _ in range(n):
        make_deed(member=member, venue=venue, photos=[make_photo()])


@pytest.mark.parametrize("n", [2, 12])
def test_lists_run_in_constant_queries(
    client, city, member, venue_and_convenor, staff, django_assert_max_num_queries, n
):
    venue, convenor = venue_and_convenor
    _deeds(member, venue, n)
    for deed in PracticalDeed.objects.all()[:1]:
        confirm_deed(actor=staff, deed=deed)
    for user, route in ((member.user, "duty:deeds"), (convenor, "duty:deed_queue")):
        client.force_login(user)
        with django_assert_max_num_queries(14):
            response = client.get(reverse(route))
        assert len(response.context["page"].object_list) >= n - 1
    client.force_login(staff)
    with django_assert_max_num_queries(14):
        assert len(client.get(reverse("duty:deed_queue")).context["page"].object_list) == n - 1
