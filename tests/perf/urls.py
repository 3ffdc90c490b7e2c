"""The project's URLs plus a bare view: the floor every page is compared with."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [
    path("perf/floor/", floor, name="perf_floor"),
    path("", include("findatrial.urls")),
]
