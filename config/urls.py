from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from zhengxie.api.main import api
from zhengxie.api.views import not_found as api_not_found

handler400 = "zhengxie.core.views.bad_request"
handler403 = "zhengxie.core.views.permission_denied"
handler404 = "zhengxie.core.views.page_not_found"

# Choosing the page language needs no CSRF token: a forged choice changes only a cookie the
# reader changes back with one click, while a token on every page would make each guest's
# cached portal page mint a fresh CSRF secret (a third of its serving time).
language_view = csrf_exempt(set_language)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    # Any other path under the API answers in the API's error shape, not with an HTML page.
    re_path(r"^api/", api_not_found),
    path("i18n/setlang/", language_view, name="set_language"),
    path("proposals/", include("zhengxie.proposals.urls")),
    path("opinions/", include("zhengxie.opinions.urls")),
    path("activities/", include("zhengxie.activities.urls")),
    path("grassroots/", include("zhengxie.grassroots.urls")),
    path("duty/", include("zhengxie.duty.urls")),
    path("portal/", include("zhengxie.portal.urls")),
    path("jobs/", include("zhengxie.jobs.urls")),
    path("insights/", include("zhengxie.insights.urls")),
    path("instructions/", include("zhengxie.instructions.urls")),
    path("search/", include("zhengxie.search.urls")),
    path("", include("zhengxie.core.urls")),
]
