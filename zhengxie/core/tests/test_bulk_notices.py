"""Bulk notices: composed by the office, written and sent by a worker, with progress, retries
and no second copy after a restart."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from zhengxie.core import factories
from zhengxie.core.models import (
    BulkNotice,
    BulkStatus,
    Delivery,
    DeliveryStatus,
    Notification,
    OutboxMessage,
    Role,
)
from zhengxie.core.selectors import get_bulk_notice_progress
from zhengxie.core.services import bulk_notices
from zhengxie.core.services.bulk_notices import compose_bulk_notice, run_bulk_notice
from zhengxie.core.services.deliveries import send_due_deliveries


def _members(committee, n: int, **seat) -> list:
    users = []
    for _ in range(n):
        member = factories.make_member(committee=committee, with_account=True, **seat)
        member.user.mobile = member.mobile
        member.user.save(update_fields=["mobile"])
        users.append(member.user)
    return users


def _compose(staff, committee, **fields):
    values = {
        "kind": "core.plenary_notice",
        "title": "关于召开政协第五届第二次会议的通知",
        "body": "请于3月1日前报到。",
        "audience": "committee",
        "audience_id": None,
        **fields,
    }
    return compose_bulk_notice(staff=staff, committee=committee, **values)


def test_a_plenary_notice_reaches_every_member_once(
    city, staff, django_capture_on_commit_callbacks
):
    # given five members, one departed, and a member of a county
    users = _members(city, 5)
    users[0].member.is_active = False
    users[0].member.save(update_fields=["is_active"])
    _members(factories.make_committee(code="cty2", parent=city), 1)
    # when the office sends and the worker runs
    with django_capture_on_commit_callbacks(execute=True):
        notice = _compose(staff, city)
    # then each active member has one message and one SMS
    notice.refresh_from_db()
    assert (notice.status, notice.recipients) == (BulkStatus.DONE, 4)
    assert Notification.objects.filter(bulk_notice=notice).count() == 4
    phones = list(OutboxMessage.objects.values_list("phone", flat=True))
    assert sorted(phones) == sorted(u.mobile for u in users[1:])
    assert notice.finished_at is not None
    (sms,) = get_bulk_notice_progress(notice)
    assert sms.counts == {"sent": 4} and sms.settled == 4


def test_a_restarted_worker_sends_only_what_is_left(city, staff):
    # given a worker that wrote the messages and sent two copies before it died
    _members(city, 5)
    notice = _compose(staff, city)
    bulk_notices._write_messages(notice.pk)
    first_two = list(Delivery.objects.order_by("pk").values_list("pk", flat=True)[:2])
    send_due_deliveries(delivery_ids=first_two)
    # when the worker's job runs again, twice
    run_bulk_notice(notice_id=notice.pk)
    run_bulk_notice(notice_id=notice.pk)
    # then every member has exactly one SMS and one message
    phones = list(OutboxMessage.objects.values_list("phone", flat=True))
    assert len(phones) == 5 and len(set(phones)) == 5
    assert Notification.objects.filter(bulk_notice=notice).count() == 5


def test_a_notice_to_a_sector_reaches_only_that_sector(city, staff):
    sector = factories.make_sector(committee=city, name="文艺界")
    inside = _members(city, 2, sector=sector)
    _members(city, 2)
    notice = _compose(staff, city, audience="sector", audience_id=sector.pk)
    run_bulk_notice(notice_id=notice.pk)
    assert set(OutboxMessage.objects.values_list("phone", flat=True)) == {u.mobile for u in inside}
    assert notice.audience_label == "文艺界"


def test_a_notice_to_an_activitys_invitees(city, staff):
    from zhengxie.activities import factories as activity_factories
    from zhengxie.activities.models import Invitation

    activity = activity_factories.make_activity(committee=city)
    invited = _members(city, 2)
    _members(city, 1)
    for user in invited:
        Invitation.objects.create(
            activity=activity, member=user.member, committee=city, source="manual"
        )
    notice = _compose(staff, city, audience="activity", audience_id=activity.pk)
    run_bulk_notice(notice_id=notice.pk)
    assert notice.audience_label == activity.title
    assert OutboxMessage.objects.count() == 2


def test_failed_copies_are_retried_and_the_notice_closes_when_none_is_left(city, staff, settings):
    # given the provider cannot be reached while the worker runs
    _members(city, 3)
    settings.SMS_BACKEND = "zhengxie.core.sms.backends.aliyun.AliyunSmsBackend"
    settings.ALIYUN_SMS_ENDPOINT = "http://127.0.0.1:9/"
    settings.ALIYUN_SMS_TEMPLATES = {"notice": "SMS_1"}
    notice = _compose(staff, city)
    run_bulk_notice(notice_id=notice.pk)
    notice.refresh_from_db()
    assert notice.status == BulkStatus.SENDING
    (sms,) = get_bulk_notice_progress(notice)
    assert sms.counts == {"pending": 3} and sms.settled == 0
    # when it answers again and the periodic retry comes round
    settings.SMS_BACKEND = "zhengxie.core.sms.backends.outbox.OutboxBackend"
    Delivery.objects.update(next_attempt_at=timezone.now())
    from django.core.management import call_command

    call_command("send_deliveries")
    # then
    notice.refresh_from_db()
    assert notice.status == BulkStatus.DONE
    assert OutboxMessage.objects.count() == 3
    assert set(Delivery.objects.values_list("status", "attempts")) == {(DeliveryStatus.SENT, 2)}


def test_bad_notices_are_refused_naming_the_field_and_nothing_is_saved(city, staff, county):
    with pytest.raises(ValidationError) as empty:
        _compose(staff, city, title="  ")
    assert "title" in empty.value.message_dict
    foreign = factories.make_sector(committee=county, name="县经济界")
    with pytest.raises(ValidationError) as elsewhere:
        _compose(staff, city, audience="sector", audience_id=foreign.pk)
    assert "audience_id" in elsewhere.value.message_dict
    with pytest.raises(ValidationError):
        _compose(staff, city, kind="proposals.progress")
    assert not BulkNotice.objects.exists()


@pytest.mark.parametrize("role", [Role.MEMBER, Role.UNIT, Role.LEADER, Role.CONVENOR])
def test_only_the_office_sends_bulk_notices(city, role):
    user = factories.make_user(role=role, committee=city)
    with pytest.raises(PermissionDenied):
        _compose(user, city)


def test_county_staff_cannot_send_for_the_city(city, county):
    county_staff = factories.make_user(role=Role.STAFF, committee=county)
    with pytest.raises(PermissionDenied):
        _compose(county_staff, city)


def test_the_office_composes_on_the_page_and_watches_progress(
    city, staff, client, django_capture_on_commit_callbacks
):
    # given
    _members(city, 2)
    client.force_login(staff)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            "/notices/",
            {"kind": "core.plenary_notice", "to": f"committee:{city.pk}", "title": "全会通知"},
        )
    # then
    notice = BulkNotice.objects.get()
    assert answer.status_code == 302 and answer.url == f"/notices/{notice.pk}/"
    page = client.get(f"/notices/{notice.pk}/progress/").content.decode()
    assert 'data-status="done"' in page and "2 / 2" in page and "hx-get" not in page


def test_an_empty_title_on_the_page_is_shown_beside_the_field(city, staff, client):
    client.force_login(staff)
    page = client.post(
        "/notices/", {"kind": "core.plenary_notice", "to": f"committee:{city.pk}", "title": ""}
    ).content.decode()
    assert "这个字段是必填项" in page
    assert not BulkNotice.objects.exists()


@pytest.mark.parametrize("size", [2, 12])
def test_the_notice_list_and_progress_take_constant_queries(
    city, staff, client, size, django_assert_max_num_queries
):
    _members(city, size)
    for n in range(size):
        run_bulk_notice(notice_id=_compose(staff, city, title=f"通知{n}").pk)
    client.force_login(staff)
    with django_assert_max_num_queries(14):
        assert client.get("/notices/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/notices/{BulkNotice.objects.first().pk}/").status_code == 200
