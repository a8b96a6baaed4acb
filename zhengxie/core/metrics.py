"""Metrics in the Prometheus text format at /metrics: requests by route and status, their
latency, the background work (the task queue by state, the job rows of every leased kind
by state, so failures and lost workers show), the notification copies and daily digests by
SMS and e-mail by state (failed ones are those refused after the last retry; sent ones only
those of the last 24 hours), and the SMS each process handed to the provider, by kind and
outcome (the sign-in codes among them).

Request figures are counted in each process. Under gunicorn every worker is its own process,
so PROMETHEUS_MULTIPROC_DIR (an empty directory, emptied at each start; config/gunicorn.py
tells the library when a worker exits) makes each worker write its figures to files there and
a scrape of any worker sums them all. The background figures are read from the database at
scrape time, so every app server reports the same, whichever process did the work.

Routes are labelled by their URL name ("proposals:detail"), never by path: a path carries
record ids and would make a series per record. Access is refused unless the scraper's address
(as far as our own proxies vouch, core.throttle) is in METRICS_ALLOWED_NETWORKS or it sends
`Authorization: Bearer <METRICS_TOKEN>`; both are empty by default, so nothing is exposed
until the operator opens it.
"""

import datetime as dt
import hmac
import ipaddress
import os
import time

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from .models import Delivery, DeliveryStatus, DigestBatch
from .throttle import client_address

# Sent copies and digests pile up without end (one notice to every member is tens of
# thousands), while what an operator acts on is the work not done: every copy not yet sent is
# counted, the sent ones only over the last day, both read through the (status, sent_at)
# index, so a scrape reads about a day's rows however long the platform has run.
SENT_WINDOW = dt.timedelta(hours=24)
UNSENT = [
    DeliveryStatus.PENDING,
    DeliveryStatus.DIGEST,
    DeliveryStatus.SENDING,
    DeliveryStatus.FAILED,
]

# Not in the library's global registry: the scrape builds its own (see `metrics_text`).
REQUESTS = Counter(
    "zx_http_requests",
    "HTTP requests answered, by route, method and status.",
    ["route", "method", "status"],
    registry=None,
)
LATENCY = Histogram(
    "zx_http_request_duration_seconds",
    "Time to answer an HTTP request, by route.",
    ["route", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=None,
)


SMS_SENT = Counter(
    "zx_sms_sent",
    "SMS handed to the provider by this process, by kind and outcome (sent, failed).",
    ["kind", "outcome"],
    registry=None,
)


def route_of(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else "unmatched"


class MetricsMiddleware:
    """Counts and times every request; outermost but for the request id, so the time includes
    the other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        route, method = route_of(request), request.method
        LATENCY.labels(route, method).observe(time.perf_counter() - started)
        REQUESTS.labels(route, method, str(response.status_code)).inc()
        return response


class BackgroundWork:
    """Reads the queue and the job rows at scrape time."""

    def collect(self):
        from .leases import KINDS

        tasks = GaugeMetricFamily(
            "zx_tasks", "Background tasks in the queue table, by state.", labels=["status"]
        )
        by_status = DBTaskResult.objects.values_list("status").annotate(n=Count("id"))
        for status, count in by_status.order_by():
            tasks.add_metric([status], count)
        yield tasks
        jobs = GaugeMetricFamily(
            "zx_jobs", "Leased job rows (imports, reviews), by kind and state.",
            labels=["kind", "status"],
        )  # fmt: skip
        for kind in KINDS:
            counts = kind.model.objects.values_list("status").annotate(n=Count("pk"))
            for status, count in counts.order_by():
                jobs.add_metric([kind.model._meta.label_lower, status], count)
        yield jobs
        yield from self._deliveries()

    def _deliveries(self):
        since = timezone.now() - SENT_WINDOW
        for model, name, what in (
            (Delivery, "zx_deliveries", "Notification copies by SMS and e-mail"),
            (DigestBatch, "zx_digests", "Daily digests by SMS and e-mail"),
        ):
            family = GaugeMetricFamily(
                name, f"{what}, by channel and state; sent: in the last 24 hours.",
                labels=["channel", "status"],
            )  # fmt: skip
            counts = (
                model.objects.filter(
                    Q(status__in=UNSENT) | Q(status=DeliveryStatus.SENT, sent_at__gte=since)
                )
                .values_list("channel", "status")
                .annotate(n=Count("pk"))
            )
            for channel, status, count in counts.order_by():
                family.add_metric([channel, status], count)
            yield family


def metrics_text() -> bytes:
    registry = CollectorRegistry(auto_describe=True)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        for metric in (REQUESTS, LATENCY, SMS_SENT):
            registry.register(metric)
    registry.register(BackgroundWork())
    return generate_latest(registry)


def may_scrape(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    offered = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(offered.encode(), f"Bearer {token}".encode()):
        return True
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return False
    networks = (ipaddress.ip_network(n, strict=False) for n in settings.METRICS_ALLOWED_NETWORKS)
    return any(address in network for network in networks)
