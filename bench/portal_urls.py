"""The project's URLs plus the minimal view the thread page is measured against."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [path("bench/minimal/", minimal), *project_urlpatterns]
