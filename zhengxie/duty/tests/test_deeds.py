"""Practical deeds (兴办实事): recorded by the member, confirmed or returned by the venue's
convenor or the office through the practical_deed workflow; confirmation credits the duty file
and the five ones."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhengxie.core.factories import make_member, make_upload, make_venue
from zhengxie.core.models import Role
from zhengxie.core.workflow import WorkflowError, apply, override
from zhengxie.duty.factories import credit, make_deed
from zhengxie.duty.models import DeedState, DutyKind, DutyRecord, PracticalDeed, YearBalance
from zhengxie.duty.services.deeds import confirm_deed, record_deed, return_deed
from zhengxie.duty.services.recompute import recompute_year
from zhengxie.grassroots.factories import make_convenor_venue, make_photo


@pytest.fixture
def member(city):
    return make_member(committee=city, name="刘荣", with_account=True)


@pytest.fixture
def venue_and_convenor(city):
    convenor, venue = make_convenor_venue(committee=city)
    return venue, convenor


def _net(member) -> int:
    rows = DutyRecord.objects.filter(member=member, kind=DutyKind.PRACTICAL_DEED)
    return sum(rows.values_list("sign", flat=True))


def test_member_records_a_deed_with_photos_waiting_for_confirmation(member, stored_files):
    # when
    deed = make_deed(member=member, photos=[make_photo(), make_photo(name="b.jpg", fmt="JPEG")])
    # then
    deed.refresh_from_db()
    assert deed.state == DeedState.SUBMITTED
    assert deed.committee_id == member.committee_id
    assert deed.photos.count() == 2
    assert all(name.startswith("duty/deeds/") for name in stored_files())
    assert _net(member) == 0  # nothing credited before confirmation


def test_a_refused_photo_stores_nothing(member, stored_files):
    with pytest.raises(ValidationError) as refused:
        make_deed(member=member, photos=[make_photo(), make_upload(name="x.png", kind="html")])
    assert "photos" in refused.value.message_dict
    assert PracticalDeed.objects.count() == 0
    assert stored_files() == []


def test_empty_fields_and_a_future_date_are_named(member):
    with pytest.raises(ValidationError) as refused:
        record_deed(
            actor=member.user,
            title=" ",
            description="x",
            place="",
            beneficiaries="居民",
            done_on=dt.date.today() + dt.timedelta(days=1),
        )
    assert set(refused.value.message_dict) == {"title", "place", "done_on"}
    assert "实事名称" in refused.value.message_dict["title"][0]


def test_only_a_sitting_member_records(city, staff):
    with pytest.raises(PermissionDenied):
        record_deed(
            actor=staff,
            title="t",
            description="d",
            place="p",
            beneficiaries="b",
            done_on=dt.date(2022, 5, 1),
        )


def test_a_venue_of_another_committee_is_refused(member, county):
    with pytest.raises(ValidationError) as refused:
        make_deed(member=member, venue=make_venue(committee=county))
    assert "venue" in refused.value.message_dict


def test_the_venues_convenor_confirms_and_the_deed_counts_for_the_five_ones(
    city, member, venue_and_convenor
):
    # given
    venue, convenor = venue_and_convenor
    deed = make_deed(member=member, venue=venue, on=dt.date(2022, 6, 1))
    # when
    confirmed = confirm_deed(actor=convenor, deed=deed, note="属实")
    # then
    assert confirmed.state == DeedState.CONFIRMED
    deed.refresh_from_db()
    assert (deed.state, deed.decided_by) == (DeedState.CONFIRMED, convenor)
    assert _net(member) == 1
    recompute_year(committee=city, year=2022)
    balance = YearBalance.objects.get(member=member, year=2022)
    assert balance.five_ones["deed"] is True
    assert balance.breakdown["practical_deed"] == 10  # 闵行细则：兴办实事每件 10 分
    assert deed.history.first().history_change_reason == "确认：属实"


def test_confirmation_completes_the_five_ones_with_the_other_four(city, member, staff):
    # given the other four of the five ones
    credit(member=member, kind=DutyKind.PROPOSAL, role="first")
    credit(member=member, kind=DutyKind.ATTENDANCE, role="research")
    credit(member=member, kind=DutyKind.SESSION)
    credit(member=member, kind=DutyKind.OPINION_SUBMITTED)
    recompute_year(committee=city, year=2022)
    assert YearBalance.objects.get(member=member).five_ones_done is False
    # when the office confirms a deed at no venue
    confirm_deed(actor=staff, deed=make_deed(member=member))
    recompute_year(committee=city, year=2022)
    # then
    assert YearBalance.objects.get(member=member).five_ones_done is True


@pytest.mark.parametrize("who", ["self", "other_convenor", "county_staff", "other_member"])
def test_others_may_not_confirm(city, county, member, venue_and_convenor, make_user, who):
    venue, _convenor = venue_and_convenor
    deed = make_deed(member=member, venue=venue)
    actor = {
        "self": lambda: member.user,
        "other_convenor": lambda: make_convenor_venue(committee=city)[0],
        "county_staff": lambda: make_user(Role.STAFF, county),
        "other_member": lambda: make_member(committee=city, with_account=True).user,
    }[who]()
    with pytest.raises(PermissionDenied):
        confirm_deed(actor=actor, deed=deed)
    deed.refresh_from_db()
    assert deed.state == DeedState.SUBMITTED and _net(member) == 0


def test_a_convenor_who_records_a_deed_at_own_venue_cannot_confirm_it(city, staff):
    # given a member who convenes the venue
    convenor, venue = make_convenor_venue(committee=city)
    member = make_member(committee=city)
    member.user = convenor
    member.save(update_fields=["user"])
    deed = make_deed(member=member, venue=venue)
    # then
    with pytest.raises(PermissionDenied):
        confirm_deed(actor=convenor, deed=deed)
    assert confirm_deed(actor=staff, deed=deed).state == DeedState.CONFIRMED


def test_returned_deed_is_revised_and_resubmitted_by_the_member(member, venue_and_convenor):
    venue, convenor = venue_and_convenor
    deed = make_deed(member=member, venue=venue)
    # when
    returned = return_deed(actor=convenor, deed=deed, reason="请补充受益户数")
    # then
    assert returned.return_reason == "请补充受益户数"
    with pytest.raises(WorkflowError):
        return_deed(actor=convenor, deed=returned, reason="再退")
    with pytest.raises(WorkflowError):
        return_deed(actor=convenor, deed=make_deed(member=member, venue=venue), reason=" ")
    # when the member corrects it
    fields = {
        "title": deed.title,
        "description": deed.description,
        "place": deed.place,
        "beneficiaries": "文化路社区 312 户",
        "done_on": deed.done_on,
    }
    again = apply(returned, "resubmit", member.user, **fields)
    # then
    again.refresh_from_db()
    assert (again.state, again.beneficiaries, again.return_reason) == (
        DeedState.SUBMITTED,
        "文化路社区 312 户",
        "",
    )
    assert [h.history_change_reason for h in again.history.order_by("history_id")][1:] == [
        "退回：请补充受益户数",
        "修改后重新提交",
    ]


def test_the_offices_override_away_from_confirmed_reverses_the_credit(member, staff):
    deed = confirm_deed(actor=staff, deed=make_deed(member=member))
    assert _net(member) == 1
    # when
    override(deed, target=DeedState.RETURNED, actor=staff, reason="照片与事实不符")
    # then
    assert _net(member) == 0
    override(deed, target=DeedState.CONFIRMED, actor=staff, reason="复核属实")
    assert _net(member) == 1


def test_the_member_is_told_of_the_decision(
    member, venue_and_convenor, django_capture_on_commit_callbacks
):
    venue, convenor = venue_and_convenor
    with django_capture_on_commit_callbacks(execute=True):
        deed = make_deed(member=member, venue=venue)
    assert convenor.notifications.filter(url=deed.get_absolute_url()).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        return_deed(actor=convenor, deed=deed, reason="请补充照片")
    told = member.user.notifications.get()
    assert "退回" in told.title and told.body == "请补充照片"
