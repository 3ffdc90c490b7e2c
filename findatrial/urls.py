"""Top-level URLs for Find a Trial."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from findatrial.views import robots_txt
from trials.sitemaps import PageSitemap, TrialSitemap

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": PageSitemap, "trials": TrialSitemap}},
        name="sitemap",
    ),
    path("", include("trials.urls")),
    path("", include("screening.urls")),
]

# A database outage is answered 503 with a calm page; other errors get templates/500.html.
handler500 = "findatrial.views.server_error"
