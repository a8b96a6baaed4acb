from django.contrib.auth.decorators import login_required
from django.urls import path
from django.views.generic import RedirectView

from .views import activities, attendance, essay_review, essays, guests, outcomes, plans, reading

app_name = "activities"
urlpatterns = [
    path("", activities.activity_list, name="list"),
    path("new/", activities.activity_create, name="create"),
    path("<int:pk>/", activities.activity_detail, name="detail"),
    path("<int:pk>/follow-up/", activities.activity_follow_up, name="follow_up"),
    path("<int:pk>/invite/", attendance.invite, name="invite"),
    path("<int:pk>/sign-up/", attendance.sign_up, name="sign_up"),
    path("<int:pk>/leave/", attendance.request_leave, name="leave"),
    path("leaves/", attendance.pending_leaves, name="leaves"),
    path("<int:pk>/leave-slips/", attendance.record_leave_slips, name="leave_slips"),
    path("<int:pk>/screen/", attendance.signin_screen, name="screen"),
    path("<int:pk>/qr.svg", attendance.signin_qr, name="qr"),
    path("<int:pk>/signin/<str:token>/", attendance.signin, name="signin"),
    path("<int:pk>/desk/", attendance.staff_signin, name="staff_signin"),
    path(
        "attendance/<int:attendance_pk>/cancel/",
        attendance.cancel_attendance,
        name="cancel_attendance",
    ),
    path("<int:pk>/guests/", guests.add_guest, name="add_guest"),
    path("guests/<int:guest_pk>/sign-in/", guests.sign_in_guest, name="guest_signin"),
    path("guests/<int:guest_pk>/cancel/", guests.cancel_guest, name="guest_cancel"),
    path("<int:pk>/speech/", attendance.add_speech, name="speech"),
    path("warnings/", attendance.warnings, name="warnings"),
    path("<int:pk>/outcome/", outcomes.outcome_create, name="outcome_create"),
    path("outcomes/", outcomes.outcome_list, name="outcomes"),
    path("outcomes/new/", outcomes.outcome_new, name="outcome_new"),
    path("outcomes/<int:pk>/", outcomes.outcome_detail, name="outcome"),
    path("outcomes/<int:pk>/follow-up/", outcomes.outcome_follow_up, name="outcome_follow_up"),
    path("outcomes/<int:pk>/attach/", outcomes.outcome_attach, name="outcome_attach"),
    path("outcomes/<int:pk>/word/", outcomes.outcome_word, name="outcome_word"),
    path("attachments/<int:pk>/", outcomes.outcome_attachment, name="attachment"),
    path("plan/", plans.plan, name="plan"),
    path("plan/topics/<int:pk>/", plans.topic, name="topic"),
    path("kinds/", plans.kinds, name="kinds"),
    path("figures/", plans.figures, name="figures"),
    path("figures/attendance.xlsx", plans.attendance_export, name="attendance_export"),
    # 业务流程: the engine's guide to these tables, reached from the activities menu.
    path(
        "workflows/",
        login_required(RedirectView.as_view(pattern_name="core:workflow_guide")),
        {"app_label": "activities"},
        name="workflows",
    ),
    path("essays/", essays.essay_calls, name="essay_calls"),
    path("essays/<int:pk>/", essays.essay_call, name="essay_call"),
    path("essays/<int:pk>/reviewers/", essay_review.reviewers, name="essay_reviewers"),
    path("essays/<int:pk>/scores/", essay_review.score_sheet, name="essay_scores"),
    path("essays/<int:pk>/<slug:action>/", essays.essay_action, name="essay_action"),
    path("reading/", essays.reading_groups, name="reading_groups"),
    path("reading/new/", reading.group_create, name="reading_group_create"),
    path("reading/<int:pk>/", essays.reading_group, name="reading_group"),
    path("reading/<int:pk>/edit/", reading.group_edit, name="reading_group_edit"),
    path("reading/<int:pk>/sessions/new/", reading.session_create, name="reading_session_create"),
    path("reading/sessions/<int:pk>/edit/", reading.session_edit, name="reading_session_edit"),
    path("reading/sessions/<int:pk>/note/", essays.reading_note, name="reading_note"),
]
