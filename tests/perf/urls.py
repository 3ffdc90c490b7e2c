"""The project's URLs plus a bare view: the floor every page is compared with.

The project's patterns are added as they are, not through include(): they hold
i18n_patterns, which Django allows only in a root URLconf.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from findatrial import urls as project_urls

handler500 = project_urls.handler500


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [path("perf/floor/", floor, name="perf_floor"), *project_urls.urlpatterns]
