"""Guests and cadres at activities: who may add them, signing them in, and that none of it
reaches members' participation, attendance or duty figures; the office's own activities are
counted apart."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from zhengxie.activities import selectors
from zhengxie.activities.factories import invite, make_activity
from zhengxie.activities.factories import kind as activity_kind
from zhengxie.activities.models import (
    Attendance,
    Guest,
    GuestKind,
    GuestStatus,
    InvitationSource,
)
from zhengxie.activities.services.activities import create_activity, send_notice
from zhengxie.activities.services.attendance import mark_held, record_attendance_by_staff
from zhengxie.activities.services.guests import add_guest, cancel_guest, sign_in_guest
from zhengxie.activities.services.invitations import invite_members
from zhengxie.core.factories import make_member
from zhengxie.core.models import Role
from zhengxie.duty import selectors as duty_selectors
from zhengxie.duty.models import DutyRecord

YEAR = 2022


@pytest.fixture
def activity(city):
    start = timezone.make_aware(dt.datetime(YEAR, 4, 12, 9))
    return make_activity(committee=city, code="research", state="notified", starts_at=start)


def _member_figures(city) -> dict:
    ids = [city.pk]
    duty = duty_selectors.figures(committee_ids=ids, year=YEAR)
    acts = selectors.figures(committee_ids=ids, year=YEAR)
    return {
        "participants": selectors.count_participants(committee_ids=ids, year=YEAR),
        "duty_participants": duty["participants"],
        "participation_rate": duty["participation_rate"],
        "points": duty["points_distribution"],
        "attendance_rate": acts["attendance_rate"],
        "invitations": acts["invitations"],
        "held": acts["held"],
        "duty_records": DutyRecord.objects.count(),
        "attendances": Attendance.objects.count(),
    }


# --- who may add guests -----------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.STAFF, Role.ADMIN])
def test_the_office_adds_a_guest(activity, city, make_user, role):
    # given
    actor = make_user(role, city)
    # when
    guest = add_guest(
        actor=actor, activity=activity, kind=GuestKind.MEDIA, name="王记者", unit="随州日报"
    )
    # then
    guest.refresh_from_db()
    assert (guest.name, guest.unit, guest.status) == ("王记者", "随州日报", GuestStatus.INVITED)
    assert guest.history.first().history_user == actor


@pytest.mark.parametrize("role", [Role.MEMBER, Role.LEADER, Role.UNIT, Role.CONVENOR])
def test_others_in_the_committee_may_not_add_guests(activity, city, make_user, role):
    with pytest.raises(PermissionDenied):
        add_guest(actor=make_user(role, city), activity=activity, kind="expert", name="李教授")
    assert not Guest.objects.exists()


def test_another_committees_office_may_not_add_guests(activity, county, make_user):
    with pytest.raises(PermissionDenied):
        add_guest(
            actor=make_user(Role.STAFF, county), activity=activity, kind="expert", name="李教授"
        )
    assert not Guest.objects.exists()


def test_the_web_form_adds_a_guest_for_the_office_only(client, activity, staff, city, make_user):
    url = reverse("activities:add_guest", args=[activity.pk])
    data = {"kind": "department", "name": "张局长", "unit": "市文旅局"}
    client.force_login(make_user(Role.MEMBER, city))
    assert client.post(url, data).status_code in (403, 404)
    assert not Guest.objects.exists()
    client.force_login(staff)
    client.post(url, data)
    page = client.get(reverse("activities:detail", args=[activity.pk])).content.decode()
    assert "张局长" in page and "市文旅局" in page


# --- cadres and bad input ---------------------------------------------------------------


def test_a_cadre_is_an_existing_staff_account(activity, staff, city, make_user):
    # given a cadre of the office with an account
    cadre = make_user(Role.STAFF, city)
    cadre.display_name = "刘干部"
    cadre.save(update_fields=["display_name"])
    # when added without a typed name
    guest = add_guest(actor=staff, activity=activity, kind=GuestKind.CADRE, user=cadre)
    # then the account's name and the committee fill in
    guest.refresh_from_db()
    assert (guest.name, guest.unit, guest.user) == ("刘干部", city.name, cadre)


def test_a_member_account_is_not_a_cadre(activity, staff, city, make_user):
    with pytest.raises(ValidationError) as error:
        add_guest(
            actor=staff, activity=activity, kind=GuestKind.CADRE, user=make_user(Role.MEMBER, city)
        )
    assert "user" in error.value.message_dict
    assert not Guest.objects.exists()


def test_only_a_cadre_links_an_account(activity, staff, city, make_user):
    with pytest.raises(ValidationError) as error:
        add_guest(
            actor=staff,
            activity=activity,
            kind=GuestKind.EXPERT,
            name="某专家",
            user=make_user(Role.STAFF, city),
        )
    assert "user" in error.value.message_dict


def test_a_guest_needs_a_name_and_is_listed_once(activity, staff):
    with pytest.raises(ValidationError) as error:
        add_guest(actor=staff, activity=activity, kind=GuestKind.MEDIA, name="  ")
    assert "姓名" in error.value.message_dict["name"][0]
    add_guest(actor=staff, activity=activity, kind=GuestKind.MEDIA, name="王记者", unit="日报")
    with pytest.raises(ValidationError) as error:
        add_guest(actor=staff, activity=activity, kind=GuestKind.MEDIA, name="王记者", unit="日报")
    assert "name" in error.value.message_dict
    assert Guest.objects.count() == 1


def test_no_guest_on_a_cancelled_activity(city, staff):
    cancelled = make_activity(committee=city, state="cancelled")
    with pytest.raises(ValidationError):
        add_guest(actor=staff, activity=cancelled, kind=GuestKind.EXPERT, name="李教授")


# --- signing in, and the figures ----------------------------------------------------------


def test_signing_in_and_striking_a_guest(activity, staff, city, make_user):
    guest = add_guest(actor=staff, activity=activity, kind=GuestKind.EXPERT, name="李教授")
    with pytest.raises(PermissionDenied):
        sign_in_guest(actor=make_user(Role.MEMBER, city), guest=guest)
    signed = sign_in_guest(actor=staff, guest=guest)
    assert signed.status == GuestStatus.PRESENT and signed.signed_in_at is not None
    with pytest.raises(ValidationError):
        sign_in_guest(actor=staff, guest=guest)
    struck = cancel_guest(actor=staff, guest=guest)
    guest.refresh_from_db()
    assert struck.status == guest.status == GuestStatus.CANCELLED


def test_guests_present_at_a_held_activity_leave_members_figures_alone(
    activity, staff, city, make_user
):
    # given two invited members, one present
    a, b = make_member(committee=city), make_member(committee=city)
    invite(activity=activity, members=[a, b])
    record_attendance_by_staff(actor=staff, activity=activity, member=a)
    # and the same activity held again without guests, for the expected figures
    twin_start = timezone.make_aware(dt.datetime(YEAR, 5, 12, 9))
    twin = make_activity(committee=city, code="research", state="notified", starts_at=twin_start)
    # when guests and a cadre sign in and the activity is held
    cadre = make_user(Role.STAFF, city)
    for kind, name in [(GuestKind.MEDIA, "王记者"), (GuestKind.DEPARTMENT, "张局长")]:
        sign_in_guest(
            actor=staff, guest=add_guest(actor=staff, activity=activity, kind=kind, name=name)
        )
    sign_in_guest(
        actor=staff, guest=add_guest(actor=staff, activity=activity, kind="cadre", user=cadre)
    )
    mark_held(actor=staff, activity=activity)
    # then the ledger and the attendance hold the two members only
    assert set(Attendance.objects.values_list("member_id", flat=True)) == {a.pk, b.pk}
    assert set(DutyRecord.objects.values_list("member_id", flat=True)) <= {a.pk, b.pk}
    before = _member_figures(city)
    assert before["participants"] == before["duty_participants"] == 1
    # and guests signing in after the settlement change none of the members' figures
    late = add_guest(actor=staff, activity=activity, kind=GuestKind.EXPERT, name="李教授")
    sign_in_guest(actor=staff, guest=late)
    assert _member_figures(city) == before
    figures = selectors.figures(committee_ids=[city.pk], year=YEAR)
    assert (figures["guests_present"], figures["cadres_present"]) == (3, 1)
    assert twin.guests.count() == 0


def test_the_offices_own_activities_are_counted_apart(city, staff):
    # given one activity for members and the office's own study session, both held
    start = timezone.make_aware(dt.datetime(YEAR, 6, 1, 9))
    for title, own in [("专题协商", False), ("机关干部学习会", True)]:
        made = create_activity(
            actor=staff,
            committee=city,
            kind=activity_kind(committee=city, code="study"),
            title=title,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            office_own=own,
        )
        send_notice(actor=staff, activity=made)
        mark_held(actor=staff, activity=made)
    # when
    figures = selectors.figures(committee_ids=[city.pk], year=YEAR)
    by_kind = selectors.figures_by_kind(committee_ids=[city.pk], year=YEAR)
    # then
    assert (figures["held"], figures["study_sessions"], figures["office_own_held"]) == (1, 1, 1)
    assert sum(row["n"] for row in by_kind) == 1


def test_the_offices_own_activity_invites_no_members(city, staff):
    start = timezone.make_aware(dt.datetime(YEAR, 6, 28, 14))
    contest = create_activity(
        actor=staff, committee=city, kind=activity_kind(committee=city, code="reading"),
        title="文史知识讲解评比", starts_at=start, ends_at=start + dt.timedelta(hours=3),
        office_own=True,
    )  # fmt: skip
    member = make_member(committee=city)
    with pytest.raises(ValidationError, match="机关自身活动不邀请委员"):
        invite_members(
            actor=staff, activity=contest, source=InvitationSource.MANUAL, member_ids=[member.pk]
        )
    assert contest.invitations.count() == 0


# --- the activity page and the export ---------------------------------------------------


def _add_guests(activity, staff, n):
    start = activity.guests.count()
    for i in range(start, start + n):
        guest = add_guest(actor=staff, activity=activity, kind=GuestKind.EXPERT, name=f"专家{i}")
        sign_in_guest(actor=staff, guest=guest)


def test_the_page_lists_guests_in_constant_queries(
    client, activity, staff, city, django_assert_max_num_queries
):
    client.force_login(staff)
    url = reverse("activities:detail", args=[activity.pk])
    _add_guests(activity, staff, 1)
    client.get(url)
    with django_assert_max_num_queries(60) as small:
        client.get(url)
    _add_guests(activity, staff, 8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count('data-testid="guest-status"') == 9


def test_the_attendance_export_has_the_guests_apart(client, activity, staff, city):
    member = make_member(committee=city)
    invite(activity=activity, members=[member])
    record_attendance_by_staff(actor=staff, activity=activity, member=member)
    guest = add_guest(actor=staff, activity=activity, kind=GuestKind.MEDIA, name="王记者")
    sign_in_guest(actor=staff, guest=guest)
    mark_held(actor=staff, activity=activity)
    client.force_login(staff)
    url = reverse("activities:attendance_export") + f"?committee={city.pk}&year={YEAR}"
    book = load_workbook(io.BytesIO(client.get(url).content), read_only=True)
    sheets = {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}
    guests = sheets["特邀人员与机关干部"][1:]
    assert [(row[2], row[4], row[5], row[7]) for row in guests] == [
        (activity.title, "新闻媒体", "王记者", "出席")
    ]
    by_activity = {row[2]: row[4:6] for row in sheets["按活动"][1:]}
    assert by_activity[activity.title] == (1, 1)
