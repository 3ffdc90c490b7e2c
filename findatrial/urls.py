"""Top-level URLs for Find a Trial."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("trials.urls")),
    path("", include("screening.urls")),
]
