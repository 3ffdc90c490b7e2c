"""Top-level URLs for Find a Trial: patients' pages in English at their old addresses, in
Spanish under /es/; the admin, robots.txt and the sitemap once, unprefixed."""

from django.conf.urls.i18n import i18n_patterns
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
]

# The address alone chooses the language (findatrial.middleware.LanguageFromAddress): English
# unprefixed, so every permalink handed out before Spanish existed still works as it did.
urlpatterns += i18n_patterns(
    path("", include("trials.urls")),
    path("", include("screening.urls")),
    prefix_default_language=False,
)

# A database outage is answered 503 with a calm page; other errors get templates/500.html.
handler500 = "findatrial.views.server_error"
