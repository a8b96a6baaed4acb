from django.urls import path

from .views import employers, office, public, talent

app_name = "jobs"
urlpatterns = [
    path("", public.search, name="search"),
    path("<int:pk>/", public.job_detail, name="job_detail"),
    path("<int:pk>/report/", public.job_report, name="job_report"),
    path("<int:pk>/apply/", public.apply, name="apply"),
    path("<int:pk>/edit/", employers.job_edit, name="job_edit"),
    path("resume/", public.resume, name="resume"),
    path("my/", public.my_applications, name="my_applications"),
    path("my/delete/", public.delete_data, name="delete_data"),
    path("applications/<int:pk>/", public.application_detail, name="application_detail"),
    path("employers/register/", employers.employer_register, name="employer_register"),
    path("employers/<int:pk>/", employers.employer_detail, name="employer_detail"),
    path("employers/<int:pk>/licence/", employers.employer_licence, name="employer_licence"),
    path("employers/<int:pk>/jobs/new/", employers.job_create, name="job_create"),
    path("workspace/", employers.workspace, name="workspace"),
    path("workspace/applications/", employers.applications_received, name="applications_received"),
    path("talent/", talent.talent_pool, name="talent_pool"),
    path("talent/<int:pk>/invite/", talent.talent_invite, name="talent_invite"),
    path("invitations/<int:pk>/accept/", talent.invitation_accept, name="invitation_accept"),
    path("invitations/<int:pk>/decline/", talent.invitation_decline, name="invitation_decline"),
    path("office/employers/", office.verification_queue, name="verification_queue"),
    path("office/jobs/", office.review_queue, name="review_queue"),
    path("office/reports/", office.moderation, name="moderation"),
    path("office/import/", office.import_page, name="import_employers"),
]
