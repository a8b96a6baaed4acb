from django.urls import path

from . import views

app_name = "instructions"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("mine/", views.mine, name="mine"),
    path("unit/", views.unit_workspace, name="unit"),
    path("<int:pk>/", views.detail, name="detail"),
    path("write/<slug:kind>/<int:pk>/", views.write, name="write"),
    path("transcribe/<slug:kind>/<int:pk>/", views.transcribe, name="transcribe"),
]
