from django.urls import path

from .views import cases, people, public, sessions, venues

app_name = "grassroots"
urlpatterns = [
    path("venues/", venues.venue_list, name="venue_list"),
    path("venues/<int:pk>/", venues.venue_detail, name="venue_detail"),
    path("venues/<int:pk>/edit/", venues.venue_edit, name="venue_edit"),
    path("venues/<int:pk>/cases/new/", venues.venue_case_create, name="venue_case_create"),
    path("venues/<int:pk>/sessions/new/", sessions.session_create, name="session_create"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("sessions/<int:pk>/minutes/", sessions.session_minutes, name="session_minutes"),
    path("cases/", cases.case_list, name="case_list"),
    path("cases/<int:pk>/", cases.case_detail, name="case_detail"),
    # The steps with a page of their own; the others are taken on core's act page.
    path("cases/<int:pk>/accept/", cases.case_accept, name="case_accept"),
    path("cases/<int:pk>/session/", cases.case_session, name="case_session"),
    path("cases/<int:pk>/rate/", cases.case_rate, name="case_rate"),
    path("cases/<int:pk>/jobs/", cases.case_job_referral, name="case_job_referral"),
    path("actions/<int:pk>/progress/", cases.action_progress, name="action_progress"),
    path("actions/overdue/", cases.overdue_actions, name="overdue_actions"),
    path("report/", public.report, name="report"),
    path("my/", public.my_reports, name="my_reports"),
    path("public/cases/<int:pk>/", public.case_public, name="case_public"),
    path("photos/cases/<int:pk>/", public.case_photo, name="case_photo"),
    path("photos/sessions/<int:pk>/", public.session_photo, name="session_photo"),
    path("members/", people.members_by_town, name="members_by_town"),
    path("contacts/", people.contacts, name="contacts"),
    path("figures/", people.figures_page, name="figures"),
]
