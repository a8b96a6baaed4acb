from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("", views.cockpit, name="cockpit"),
    path("modules/<str:name>/", views.module, name="module"),
    path("review/", views.review, name="review"),
    path("review/draft/", views.review_draft_page, name="review_draft"),
    path("review/draft/publish/", views.review_publish, name="review_publish"),
    path("review/generate/", views.review_generate, name="review_generate"),
    path("review/jobs/<int:pk>/", views.review_job, name="review_job"),
    path("review/jobs/<int:pk>/<str:kind>/", views.review_download, name="review_download"),
]
