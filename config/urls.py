from django.contrib import admin
from django.urls import include, path

handler403 = "zhengxie.core.views.permission_denied"
handler404 = "zhengxie.core.views.page_not_found"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("proposals/", include("zhengxie.proposals.urls")),
    path("opinions/", include("zhengxie.opinions.urls")),
    path("activities/", include("zhengxie.activities.urls")),
    path("grassroots/", include("zhengxie.grassroots.urls")),
    path("duty/", include("zhengxie.duty.urls")),
    path("portal/", include("zhengxie.portal.urls")),
    path("insights/", include("zhengxie.insights.urls")),
    path("", include("zhengxie.core.urls")),
]
