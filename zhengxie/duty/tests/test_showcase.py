"""委员风采: a member's public page exists only while the member has switched it on; it shows
their published records to guests and never a contact detail; the index and the page read in
constant queries."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zhengxie.core.factories import make_member
from zhengxie.core.models import Role
from zhengxie.duty.factories import make_deed
from zhengxie.duty.models import Showcase
from zhengxie.duty.services.deeds import confirm_deed
from zhengxie.duty.services.showcase import set_showcase_featured, set_showcase_public
from zhengxie.proposals.factories import make_registered


@pytest.fixture
def member(city):
    member = make_member(committee=city, name="刘荣", with_account=True)
    member.user.email = "liurong@example.cn"
    member.user.mobile = "13971234567"
    member.user.save(update_fields=["email", "mobile"])
    return member


def _public_member(city, staff, name: str = ""):
    member = make_member(committee=city, name=name, with_account=True)
    set_showcase_public(actor=member.user, public=True)
    confirm_deed(actor=staff, deed=make_deed(member=member))
    make_registered(committee=city, author=member.user, publish_consent=True)
    return member


def test_member_switches_the_page_on_from_my_duty_and_a_guest_reads_it(client, member, staff):
    deed = confirm_deed(actor=staff, deed=make_deed(member=member, title="为敬老院送冬衣"))
    proposal = make_registered(committee=member.committee, author=member.user, publish_consent=True)
    page = reverse("portal:showcase_member", args=[member.pk])
    assert client.get(page).status_code == 404  # off by default
    client.force_login(member.user)
    # when
    client.post(reverse("duty:showcase_switch"), {"public": "1"})
    client.logout()
    # then
    body = client.get(page).content.decode()
    assert deed.title in body and proposal.title in body
    index = client.get(reverse("portal:showcase")).content.decode()
    assert member.name in index


def test_guest_pages_show_no_contact_detail_of_the_member(client, member, staff):
    set_showcase_public(actor=member.user, public=True)
    confirm_deed(actor=staff, deed=make_deed(member=member))
    contact = [member.mobile, member.user.mobile, member.user.email, member.user.username]
    assert all(contact)
    for url in (
        reverse("portal:showcase"),
        reverse("portal:showcase_member", args=[member.pk]),
        reverse("portal:showcase") + f"?committee={member.committee_id}",
    ):
        # when
        body = client.get(url).content.decode()
        # then
        assert member.name in body
        for value in contact:
            assert value not in body, (url, value)


def test_switching_off_hides_the_page_and_ends_the_feature(client, member, staff):
    set_showcase_public(actor=member.user, public=True)
    set_showcase_featured(actor=staff, member=member, featured=True)
    # when
    showcase = set_showcase_public(actor=member.user, public=False)
    # then
    assert not showcase.is_featured
    assert client.get(reverse("portal:showcase_member", args=[member.pk])).status_code == 404
    assert member.name not in client.get(reverse("portal:showcase")).content.decode()
    changes = showcase.history.order_by("history_id").values_list("is_public", "is_featured")
    assert list(changes) == [(False, False), (True, False), (True, True), (False, False)]


def test_the_office_cannot_publish_a_page_for_the_member(member, staff, county, make_user):
    with pytest.raises(ValidationError) as refused:
        set_showcase_featured(actor=staff, member=member, featured=True)
    assert member.name in str(refused.value)
    assert not Showcase.objects.filter(member=member, is_public=True).exists()
    set_showcase_public(actor=member.user, public=True)
    with pytest.raises(PermissionDenied):
        set_showcase_featured(actor=make_user(Role.STAFF, county), member=member, featured=True)
    with pytest.raises(PermissionDenied):
        set_showcase_public(actor=staff, public=True)  # staff hold no seat of their own


def test_featured_pages_come_first_and_filters_narrow_the_index(client, city, county, staff):
    first = _public_member(city, staff, name="甲委员")
    featured = _public_member(city, staff, name="乙委员")
    county_member = make_member(committee=county, name="丙委员", with_account=True)
    set_showcase_public(actor=county_member.user, public=True)
    set_showcase_featured(actor=staff, member=featured, featured=True)
    # when
    body = client.get(reverse("portal:showcase")).content.decode()
    narrowed = client.get(reverse("portal:showcase"), {"committee": county.pk}).content.decode()
    # then
    assert body.index(featured.name) < body.index(first.name)
    assert county_member.name in narrowed and first.name not in narrowed
    assert client.get(reverse("portal:showcase"), {"sector": "x"}).status_code == 400


@pytest.mark.parametrize("count", [1, 4])
def test_index_and_member_page_read_in_constant_queries(
    client, city, staff, django_assert_max_num_queries, count
):
    members = [_public_member(city, staff) for _ in range(count)]
    for _more in range(count):
        confirm_deed(actor=staff, deed=make_deed(member=members[0]))
        make_registered(committee=city, author=members[0].user, publish_consent=True)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("portal:showcase")).status_code == 200
    with django_assert_max_num_queries(10):
        page = client.get(reverse("portal:showcase_member", args=[members[0].pk]))
    assert page.status_code == 200
