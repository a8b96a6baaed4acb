"""/metrics: requests by route and status, latency and background work, summed over gunicorn's
worker processes, and readable only by the configured scraper."""

import datetime as dt
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zhengxie.core.metrics import metrics_text
from zhengxie.core.models import (
    Delivery,
    DeliveryStatus,
    DigestBatch,
    ImportStatus,
    Notification,
    RosterImport,
)
from zhengxie.core.notifications.channels import Channel
from zhengxie.core.sms import SIGN_IN_CODE, SmsDeliveryError, send_sms


def _value(text: str, series: str) -> float:
    found = re.search(rf"^{re.escape(series)} (\S+)$", text, re.MULTILINE)
    return float(found.group(1)) if found else 0.0


HEALTHZ = 'zx_http_requests_total{method="GET",route="core:healthz",status="200"}'


@pytest.fixture
def scraper(settings):
    settings.METRICS_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1"]
    return settings


def test_requests_are_counted_by_route_and_status_and_timed(client, db, scraper):
    # given
    before = client.get("/metrics").content.decode()
    # when
    client.get("/healthz")
    client.get("/healthz")
    client.get("/no-such-page/")
    after = client.get("/metrics")
    # then
    text = after.content.decode()
    assert after.status_code == 200 and after["Content-Type"].startswith("text/plain")
    assert _value(text, HEALTHZ) - _value(before, HEALTHZ) == 2
    unmatched = 'zx_http_requests_total{method="GET",route="unmatched",status="404"}'
    assert _value(text, unmatched) - _value(before, unmatched) == 1
    timed = 'zx_http_request_duration_seconds_count{method="GET",route="core:healthz"}'
    assert _value(text, timed) - _value(before, timed) == 2


def test_background_work_is_read_from_the_database(client, city, staff, scraper):
    RosterImport.objects.create(
        committee=city, uploaded_by=staff, file_name="a.xlsx", status=ImportStatus.FAILED
    )
    RosterImport.objects.create(committee=city, uploaded_by=staff, file_name="b.xlsx")
    text = client.get("/metrics").content.decode()
    assert _value(text, 'zx_jobs{kind="core.rosterimport",status="failed"}') == 1
    assert _value(text, 'zx_jobs{kind="core.rosterimport",status="queued"}') == 1


def test_notification_copies_show_by_channel_and_state(client, city, staff, scraper):
    # given an SMS copy sent, two e-mail copies refused after the last retry, a digest pending
    notices = [Notification.objects.create(recipient=staff, title=f"通知{n}") for n in range(3)]
    for notice, channel, status in (
        (notices[0], Channel.SMS, DeliveryStatus.SENT),
        (notices[1], Channel.EMAIL, DeliveryStatus.FAILED),
        (notices[2], Channel.EMAIL, DeliveryStatus.FAILED),
    ):
        sent_at = timezone.now() if status == DeliveryStatus.SENT else None
        Delivery.objects.create(
            notification=notice, recipient=staff, channel=channel, status=status, sent_at=sent_at
        )
    DigestBatch.objects.create(recipient=staff, channel=Channel.EMAIL, day=dt.date(2026, 12, 6))
    # when
    text = client.get("/metrics").content.decode()
    # then
    assert _value(text, 'zx_deliveries{channel="sms",status="sent"}') == 1
    assert _value(text, 'zx_deliveries{channel="email",status="failed"}') == 2
    assert _value(text, 'zx_deliveries{channel="email",status="sent"}') == 0
    assert _value(text, 'zx_digests{channel="email",status="pending"}') == 1


def _copies(recipient, *, count: int, status: str, sent_at=None, channel=Channel.SMS):
    notices = Notification.objects.bulk_create(
        Notification(recipient=recipient, title=f"通知{n}") for n in range(count)
    )
    copy = {"recipient": recipient, "channel": channel, "status": status, "sent_at": sent_at}
    Delivery.objects.bulk_create(Delivery(notification=notice, **copy) for notice in notices)


def test_sent_copies_are_counted_over_the_last_day_and_unsent_ones_all(client, staff, scraper):
    # given copies sent an hour and two days ago, and failed and pending ones of last month
    now = timezone.now()
    _copies(staff, count=2, status=DeliveryStatus.SENT, sent_at=now - dt.timedelta(hours=1))
    _copies(staff, count=5, status=DeliveryStatus.SENT, sent_at=now - dt.timedelta(days=2))
    _copies(staff, count=3, status=DeliveryStatus.FAILED, channel=Channel.EMAIL)
    _copies(staff, count=4, status=DeliveryStatus.PENDING)
    Delivery.objects.filter(status=DeliveryStatus.FAILED).update(
        next_attempt_at=now - dt.timedelta(days=30)
    )
    day = now.date()
    for days_ago, status, sent_at in (
        (1, DeliveryStatus.SENT, now - dt.timedelta(hours=20)),
        (3, DeliveryStatus.SENT, now - dt.timedelta(days=3)),
        (9, DeliveryStatus.FAILED, None),
    ):
        DigestBatch.objects.create(
            recipient=staff, channel=Channel.SMS, day=day - dt.timedelta(days=days_ago),
            status=status, sent_at=sent_at,
        )  # fmt: skip
    # when
    text = client.get("/metrics").content.decode()
    # then sent ones older than the window are left out, whatever is not sent is all there
    assert _value(text, 'zx_deliveries{channel="sms",status="sent"}') == 2
    assert _value(text, 'zx_deliveries{channel="email",status="failed"}') == 3
    assert _value(text, 'zx_deliveries{channel="sms",status="pending"}') == 4
    assert _value(text, 'zx_digests{channel="sms",status="sent"}') == 1
    assert _value(text, 'zx_digests{channel="sms",status="failed"}') == 1


def _scrape_queries() -> int:
    with CaptureQueriesContext(connection) as captured:
        metrics_text()
    return len(captured)


def test_the_scrape_reads_the_same_number_of_queries_however_many_rows(staff, db):
    # given a few copies in every state
    old = timezone.now() - dt.timedelta(days=40)
    for status in (DeliveryStatus.SENT, DeliveryStatus.FAILED, DeliveryStatus.PENDING):
        _copies(staff, count=2, status=status, sent_at=old if status == "sent" else None)
    few = _scrape_queries()
    # when there are many more, sent long ago and just now
    _copies(staff, count=300, status=DeliveryStatus.SENT, sent_at=old)
    _copies(staff, count=50, status=DeliveryStatus.SENT, sent_at=timezone.now())
    _copies(staff, count=50, status=DeliveryStatus.DIGEST)
    many = _scrape_queries()
    # then the scrape asks the database as often
    assert few == many
    assert 'zx_deliveries{channel="sms",status="sent"} 50.0' in metrics_text().decode()


def test_sms_handed_to_the_provider_are_counted_by_kind_and_outcome(client, db, scraper):
    # given
    sent = 'zx_sms_sent_total{kind="sign_in_code",outcome="sent"}'
    failed = 'zx_sms_sent_total{kind="sign_in_code",outcome="failed"}'
    before = client.get("/metrics").content.decode()
    # when one code goes out through the outbox and one is refused (no provider template)
    send_sms(phone="13900000001", kind=SIGN_IN_CODE, params={"code": "1", "minutes": "5"})
    scraper.SMS_BACKEND = "zhengxie.core.sms.backends.aliyun.AliyunSmsBackend"
    scraper.ALIYUN_SMS_ENDPOINT = "http://127.0.0.1:9/"  # nothing listens: never the network
    scraper.ALIYUN_SMS_TEMPLATES = {}
    scraper.ALIYUN_SMS_ACCESS_KEY_ID, scraper.ALIYUN_SMS_ACCESS_KEY_SECRET = "LTAI-test", "x"
    with pytest.raises(SmsDeliveryError):
        send_sms(phone="13900000001", kind=SIGN_IN_CODE, params={"code": "1", "minutes": "5"})
    # then
    after = client.get("/metrics").content.decode()
    assert _value(after, sent) - _value(before, sent) == 1
    assert _value(after, failed) - _value(before, failed) == 1


def test_nobody_reads_metrics_until_the_operator_opens_them(admin_client, client, db):
    assert client.get("/metrics").status_code == 403
    assert admin_client.get("/metrics").status_code == 403


def test_the_token_opens_metrics_from_anywhere(client, db, settings):
    settings.METRICS_TOKEN = "s3cret-scrape-token"
    assert (
        client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-scrape-token").status_code == 200
    )
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    assert client.get("/metrics").status_code == 403


def test_a_client_behind_our_proxy_is_judged_by_its_own_address(client, db, scraper):
    # given nginx on this machine forwarding to the app: the peer is always 127.0.0.1
    scraper.TRUSTED_PROXIES = ["127.0.0.1"]
    # when / then an outside client reaching /metrics through it is refused, the local one not
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 403
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="127.0.0.1").status_code == 200


COUNT_ONE_REQUEST = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
django.setup()
from django.test import RequestFactory
from zhengxie.core.metrics import MetricsMiddleware
from django.http import HttpResponse
request = RequestFactory().get("/healthz")
MetricsMiddleware(lambda r: HttpResponse(status=201))(request)
"""


def test_worker_processes_figures_add_up_in_multiprocess_mode(tmp_path, db, client, scraper):
    # given two worker processes that each answered one request
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    for _ in range(2):
        subprocess.run(
            [sys.executable, "-c", COUNT_ONE_REQUEST],
            cwd=django_settings.BASE_DIR, env=env, check=True, timeout=120,
        )  # fmt: skip
    # when any process serves the scrape with the same directory
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(tmp_path)
    try:
        text = client.get("/metrics").content.decode()
    finally:
        del os.environ["PROMETHEUS_MULTIPROC_DIR"]
    # then it reports both workers' requests
    series = 'zx_http_requests_total{method="GET",route="unmatched",status="201"}'
    assert _value(text, series) == 2
