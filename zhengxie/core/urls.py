from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .views import accounts, directory, members, phone, roster, workflows

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", views.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/register/", views.register, name="register"),
    path("accounts/password/", views.password_change, name="password_change"),
    path("accounts/login/sms/", phone.sms_login, name="sms_login"),
    path("accounts/password/reset/", phone.password_reset, name="password_reset"),
    path("accounts/activate/", phone.activate, name="activate"),
    path("accounts/activate/<str:code>/", phone.activate, name="activate_code"),
    path("accounts/mobile/", phone.mobile_bind, name="mobile_bind"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read/", views.inbox_read, name="inbox_read"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("metrics", views.metrics, name="metrics"),
    path("members/", members.member_list, name="member_list"),
    path("members/new/", members.member_create, name="member_create"),
    path("members/<int:pk>/", members.member_detail, name="member_detail"),
    path("members/<int:pk>/edit/", members.member_edit, name="member_edit"),
    path(
        "members/<int:pk>/active/<int:active>/",
        members.member_set_active,
        name="member_set_active",
    ),
    path("members/import/", roster.roster_upload, name="roster_upload"),
    path("members/import/<int:pk>/", roster.roster_import, name="roster_import"),
    path(
        "members/import/<int:pk>/progress/",
        roster.roster_import_progress,
        name="roster_import_progress",
    ),
    path("members/export/", roster.roster_export, name="roster_export"),
    path("directory/", directory.directory, name="directory"),
    path("directory/<slug:kind>/", directory.record_list, name="record_list"),
    path("directory/<slug:kind>/new/", directory.record_edit, name="record_create"),
    path("directory/<slug:kind>/<int:pk>/", directory.record_edit, name="record_edit"),
    path("staff/accounts/", accounts.account_list, name="account_list"),
    path("staff/accounts/revoke/<int:pk>/", accounts.role_revoke, name="role_revoke"),
    path("workflow/<slug:name>/<int:pk>/<slug:step>/", workflows.act, name="workflow_act"),
    path("workflow/guide/<slug:app_label>/", workflows.guide, name="workflow_guide"),
    path("staff/accounts/issue/", accounts.account_issue, name="account_issue"),
]
