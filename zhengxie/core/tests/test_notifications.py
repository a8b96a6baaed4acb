"""The notification service: kinds, channels, personal choices within the office's mandatory
channels, per-recipient deliveries with retries, and the daily digest."""

import datetime as dt
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils import timezone

from zhengxie.activities.notifications import INVITATION
from zhengxie.core import factories
from zhengxie.core.models import (
    Delivery,
    DeliveryStatus,
    DigestBatch,
    Notification,
    NotificationPreference,
    OutboxMessage,
    Role,
)
from zhengxie.core.notifications import Channel, NotificationKind, registered_kinds
from zhengxie.core.notifications.mandatory import MANDATORY_CHANNELS
from zhengxie.core.notifications.office import PLENARY_NOTICE
from zhengxie.core.services import deliveries
from zhengxie.core.services.deliveries import (
    MAX_ATTEMPTS,
    send_digests,
    send_due_deliveries,
)
from zhengxie.core.services.notifications import notify, set_notification_preferences
from zhengxie.core.services.rules import set_rule
from zhengxie.proposals.notifications import PROGRESS, REPLY_RECEIVED

ALIYUN = "zhengxie.core.sms.backends.aliyun.AliyunSmsBackend"


def _member(city, n: int, *, email: str = ""):
    member = factories.make_member(committee=city, with_account=True)
    user = member.user
    user.mobile, user.email = f"1380000{n:04d}", email
    user.save(update_fields=["mobile", "email"])
    return user


@pytest.fixture
def unreachable_provider(settings):
    """The real provider backend aimed at the discard port: every send is refused."""
    settings.SMS_BACKEND = ALIYUN
    settings.ALIYUN_SMS_ACCESS_KEY_ID = "LTAI-test"
    settings.ALIYUN_SMS_ACCESS_KEY_SECRET = "secret"
    settings.ALIYUN_SMS_ENDPOINT = "http://127.0.0.1:9/"
    settings.ALIYUN_SMS_TEMPLATES = {"notice": "SMS_1", "digest": "SMS_2"}
    return settings


def test_every_app_declares_its_kinds_with_channels_and_urgency():
    keys = {kind.key for kind in registered_kinds()}
    for app in ("core", "proposals", "activities", "opinions", "grassroots", "duty"):
        assert any(key.startswith(f"{app}.") for key in keys), app
    assert PLENARY_NOTICE.urgent and Channel.SMS in PLENARY_NOTICE.channels


def test_a_kind_nobody_registered_is_refused(city):
    stray = NotificationKind("test.stray", "未登记")
    with pytest.raises(ImproperlyConfigured):
        notify(kind=stray, recipients=[_member(city, 1)], title="x")


def test_an_urgent_kind_reaches_the_phone_at_once(city, django_capture_on_commit_callbacks):
    # given
    user = _member(city, 1)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        told = notify(kind=INVITATION, recipients=[user, None, user], title="活动通知：视察")
    # then one inbox row and one SMS, and the delivery says so
    assert told == 1
    note = Notification.objects.get(recipient=user)
    assert note.kind == "activities.invitation"
    sms = OutboxMessage.objects.get(phone=user.mobile)
    assert sms.kind == "notice" and "活动通知：视察" in sms.text and "http" in sms.text
    delivery = Delivery.objects.get(notification=note)
    assert (delivery.channel, delivery.status, delivery.attempts) == ("sms", "sent", 1)
    assert delivery.sent_at is not None


def test_a_non_urgent_kind_waits_for_the_digest(city, django_capture_on_commit_callbacks):
    user = _member(city, 1)
    with django_capture_on_commit_callbacks(execute=True):
        notify(kind=PROGRESS, recipients=[user], title="提案已立案")
    assert not OutboxMessage.objects.exists()
    assert Delivery.objects.get().status == DeliveryStatus.DIGEST


def test_no_copy_goes_to_an_address_the_account_lacks(city):
    user = _member(city, 1)
    user.mobile = ""
    user.save(update_fields=["mobile"])
    notify(kind=INVITATION, recipients=[user], title="活动通知")
    assert Notification.objects.filter(recipient=user).exists()
    assert not Delivery.objects.exists()


def test_a_person_chooses_channels_per_kind(city, django_capture_on_commit_callbacks):
    # given a member who wants e-mail instead of SMS for activity notices
    user = _member(city, 1, email="wei@example.cn")
    changed = set_notification_preferences(user=user, choices={INVITATION.key: {Channel.EMAIL}})
    # when
    with django_capture_on_commit_callbacks(execute=True):
        notify(kind=INVITATION, recipients=[user], title="活动通知：调研", url="/activities/1/")
    # then
    assert changed == 1
    assert not OutboxMessage.objects.exists()
    (message,) = mail.outbox
    assert message.to == ["wei@example.cn"] and "/activities/1/" in message.body
    assert NotificationPreference.objects.get(user=user).history.count() == 1


def test_the_office_makes_a_channel_mandatory(city, staff, django_capture_on_commit_callbacks):
    # given a member who switched SMS off for office notices, then the office made SMS
    # mandatory for them
    user = _member(city, 1)
    set_notification_preferences(user=user, choices={"core.office_notice": set()})
    set_rule(
        actor=staff,
        committee=city,
        key=MANDATORY_CHANNELS,
        value={"core.office_notice": ["sms"], "core.plenary_notice": ["sms"]},
    )
    # when
    from zhengxie.core.notifications.office import OFFICE_NOTICE

    notify(kind=OFFICE_NOTICE, recipients=[user], title="机关通知")
    # then the copy is there regardless
    assert Delivery.objects.get(recipient=user).channel == "sms"


def test_switching_off_a_mandatory_channel_is_refused_and_nothing_changes(city):
    user = _member(city, 1)
    set_notification_preferences(user=user, choices={INVITATION.key: {Channel.EMAIL}})
    with pytest.raises(ValidationError) as refused:
        set_notification_preferences(
            user=user, choices={INVITATION.key: set(), PLENARY_NOTICE.key: set()}
        )
    assert "全体会议通知" in str(refused.value) and "短信" in str(refused.value)
    assert NotificationPreference.objects.get(user=user, kind=INVITATION.key).channels == ["email"]
    assert not NotificationPreference.objects.filter(kind=PLENARY_NOTICE.key).exists()


def test_a_refused_sms_is_retried_with_backoff_then_given_up(
    city, unreachable_provider, django_capture_on_commit_callbacks
):
    # given the provider cannot be reached
    user = _member(city, 1)
    with django_capture_on_commit_callbacks(execute=True):
        notify(kind=INVITATION, recipients=[user], title="活动通知")
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert "稍后" in delivery.last_error
    first_wait = delivery.next_attempt_at - timezone.now()
    # when the worker runs again before the retry time, nothing is sent
    assert send_due_deliveries() == 0
    # and each later retry waits twice as long, until the last attempt fails for good
    for attempt in range(2, MAX_ATTEMPTS + 1):
        Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
        send_due_deliveries()
        delivery.refresh_from_db()
        assert delivery.attempts == attempt
    assert delivery.status == DeliveryStatus.FAILED
    assert timedelta(seconds=50) < first_wait <= timedelta(seconds=60)


def test_a_retry_goes_out_once_the_provider_answers(city, settings, unreachable_provider):
    user = _member(city, 1)
    notify(kind=INVITATION, recipients=[user], title="活动通知")
    send_due_deliveries()
    # when the provider is back and the retry time has come
    settings.SMS_BACKEND = "zhengxie.core.sms.backends.outbox.OutboxBackend"
    Delivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert send_due_deliveries() == 1
    assert send_due_deliveries() == 0
    assert OutboxMessage.objects.count() == 1


def test_a_copy_left_in_flight_by_a_dead_worker_is_not_sent_again(city):
    user = _member(city, 1)
    notify(kind=INVITATION, recipients=[user], title="活动通知")
    Delivery.objects.update(status=DeliveryStatus.SENDING, attempts=1)
    assert send_due_deliveries() == 0
    assert not OutboxMessage.objects.exists()


def test_the_digest_batches_a_days_items_into_one_message_once(city):
    # given two non-urgent items for one member and one for another
    first, second = _member(city, 1, email="a@example.cn"), _member(city, 2)
    notify(kind=PROGRESS, recipients=[first, second], title="提案已立案")
    notify(kind=REPLY_RECEIVED, recipients=[first], title="提案已答复，请评价")
    set_notification_preferences(user=first, choices={PROGRESS.key: {"sms", "email"}})
    notify(kind=PROGRESS, recipients=[first], title="提案已交办")
    day = dt.date(2026, 12, 7)
    # when
    sent = send_digests(day=day)
    # then one SMS per person, and one e-mail for the item the first chose e-mail for
    assert sent == 3
    texts = {m.phone: m.text for m in OutboxMessage.objects.all()}
    assert "3条" in texts[first.mobile] and "1条" in texts[second.mobile]
    assert texts[first.mobile].rstrip().endswith("/todo/")  # the link opens 今日待办
    assert len(mail.outbox) == 1 and "提案已交办" in mail.outbox[0].body
    assert not Delivery.objects.exclude(status=DeliveryStatus.SENT).exists()
    # and a second run the same day sends nothing, even with a new item, which waits
    notify(kind=PROGRESS, recipients=[second], title="提案已办结")
    assert send_digests(day=day) == 0
    assert OutboxMessage.objects.count() == 2
    assert send_digests(day=day + timedelta(days=1)) == 1
    assert "1条" in OutboxMessage.objects.filter(phone=second.mobile).first().text
    assert DigestBatch.objects.filter(recipient=second).count() == 2


def test_a_refused_digest_keeps_its_items_for_the_next_run(city, settings, unreachable_provider):
    user = _member(city, 1)
    notify(kind=PROGRESS, recipients=[user], title="提案已立案")
    day = dt.date(2026, 12, 7)
    assert send_digests(day=day) == 0
    settings.SMS_BACKEND = "zhengxie.core.sms.backends.outbox.OutboxBackend"
    assert send_digests(day=day + timedelta(days=1)) == 1
    assert "提案已立案" in OutboxMessage.objects.get().text
    assert DigestBatch.objects.get().attempts == 2


def test_the_digest_command_waits_for_its_hour(city, monkeypatch):
    from django.core.management import call_command

    user = _member(city, 1)
    notify(kind=PROGRESS, recipients=[user], title="提案已立案")
    morning = timezone.localtime().replace(hour=deliveries.DIGEST_HOUR - 1)
    monkeypatch.setattr(timezone, "localtime", lambda *a: morning)
    call_command("send_digests")
    assert not OutboxMessage.objects.exists()
    call_command("send_digests", now=True)
    assert OutboxMessage.objects.count() == 1


@pytest.mark.parametrize("size", [3, 30])
def test_notify_takes_the_same_queries_for_few_and_many(city, size, django_assert_num_queries):
    users = [_member(city, n) for n in range(size)]
    staff_user = factories.make_user(role=Role.STAFF, committee=city)
    # the inbox rows, everyone's channels and home committee, the office's rules (then
    # cached), the copies
    with django_assert_num_queries(4):
        notify(kind=INVITATION, recipients=[*users, staff_user], title="活动通知")
    assert Delivery.objects.count() == size


def test_the_settings_page_shows_a_member_their_kinds_and_what_is_mandatory(city, client):
    # given
    user = _member(city, 1)
    client.force_login(user)
    # when
    page = " ".join(client.get("/notifications/settings/").content.decode().split())
    # then member kinds are there, a unit's are not, and the plenary SMS box is locked
    assert "联名邀请" in page and "全体会议通知" in page
    assert "新交办提案" not in page
    assert 'name="core__plenary_notice" value="sms" checked disabled' in page
    assert 'name="proposals__cosign_invitation" value="sms" checked>' in page


def test_the_settings_page_saves_choices_and_keeps_mandatory_ones(city, client):
    # given a member unticking every box (a disabled box is never posted)
    user = _member(city, 1)
    client.force_login(user)
    # when
    answer = client.post(
        "/notifications/settings/", {"proposals__cosign_invitation": ["email"]}, follow=True
    )
    # then
    assert "通知设置已保存" in answer.content.decode()
    mine = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channels"))
    assert mine["proposals.cosign_invitation"] == ["email"]
    assert mine["proposals.progress"] == []
    assert "core.plenary_notice" not in mine  # its SMS is mandatory and already the default
    assert "proposals.assigned" not in mine  # not a member's kind


def test_a_unit_sees_its_own_kinds(city, client):
    unit = factories.make_user(role=Role.UNIT, committee=city)
    client.force_login(unit)
    page = client.get("/notifications/settings/").content.decode()
    assert "新交办提案" in page and "联名邀请" not in page


def test_the_office_sets_the_mandatory_channels_on_its_page(city, staff, client):
    # given
    user = _member(city, 1)
    client.force_login(staff)
    # when the office makes SMS mandatory for co-sign invitations and drops the plenary rule
    answer = client.post(
        "/notifications/office/",
        {"committee": city.pk, "proposals__cosign_invitation": ["sms"]},
        follow=True,
    )
    # then
    assert "必须接收的通知渠道已保存" in answer.content.decode()
    from zhengxie.core.rules import rule

    assert rule(city, MANDATORY_CHANNELS) == {"proposals.cosign_invitation": ["sms"]}
    with pytest.raises(ValidationError):
        set_notification_preferences(user=user, choices={"proposals.cosign_invitation": set()})
    assert set_notification_preferences(user=user, choices={PLENARY_NOTICE.key: set()}) == 1


def test_a_county_office_cannot_set_the_citys_mandatory_channels(city, county, client):
    county_staff = factories.make_user(role=Role.STAFF, committee=county)
    client.force_login(county_staff)
    answer = client.post(
        "/notifications/office/", {"committee": city.pk, "proposals__cosign_invitation": ["sms"]}
    )
    assert answer.status_code == 403
    from zhengxie.core.models import CommitteeSetting

    assert not CommitteeSetting.objects.filter(key=MANDATORY_CHANNELS).exists()
