from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from prometheus_client import CONTENT_TYPE_LATEST

from ..metrics import may_scrape, metrics_text
from ..models import Role
from ..permissions import all_roles
from ..readiness import probe_cache, probe_database, probe_readiness
from ..selectors import get_home_committee, list_notifications
from ..services.notifications import mark_read
from ..workdays import schedule_gaps


def home(request: HttpRequest) -> HttpResponse:
    roles = all_roles(request.user) if request.user.is_authenticated else set()
    gaps = schedule_gaps(timezone.localdate()) if roles & {Role.STAFF, Role.ADMIN} else []
    return render(
        request,
        "core/home.html",
        {"roles": roles, "committee": get_home_committee(), "schedule_gaps": gaps},
    )


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    notifications = list_notifications(user=request.user)[:100]
    return render(request, "core/inbox.html", {"notifications": notifications})


@login_required
@require_POST
def inbox_read(request: HttpRequest) -> HttpResponse:
    notification_id = request.POST.get("id")
    mark_read(user=request.user, notification_id=int(notification_id) if notification_id else None)
    return redirect("core:inbox")


def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": probe_database(), "cache": probe_cache()}
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness for the load balancer: 503 names the part that did not answer."""
    ready, answers = probe_readiness()
    return JsonResponse(answers, status=200 if ready else 503)


def metrics(request: HttpRequest) -> HttpResponse:
    """The Prometheus scrape: only for the configured addresses or the bearer of the token."""
    if not may_scrape(request):
        raise PermissionDenied(_("只有监控系统可以读取运行指标。"))
    return HttpResponse(metrics_text(), content_type=CONTENT_TYPE_LATEST)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A malformed request. Our own BadRequest carries a Chinese message naming the field; a
    SuspiciousOperation's text is for the log, not the reader."""
    reason = str(exception) if isinstance(exception, BadRequest) and str(exception) else ""
    return render(request, "400.html", {"reason": reason or _("请求的参数有误。")}, status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    reason = str(exception) if exception and str(exception) else _("您没有权限访问此页面。")
    return render(request, "403.html", {"reason": reason}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)
