"""sitemap.xml entries: the home page, the trial list and every published trial, each in English
and in Spanish, every entry naming its twin (hreflang) and English as the default."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from trials.models import Trial


class BothLanguages(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class TrialSitemap(BothLanguages):
    changefreq = "weekly"
    # Two entries a trial (English, Spanish), each with three alternates: well under the
    # 50,000 URLs and 50 MB a sitemap file may hold.
    limit = 5000

    def items(self):
        return Trial.objects.published().only("registry_id", "updated_at").order_by("registry_id")

    def lastmod(self, trial: Trial):
        return trial.updated_at


class PageSitemap(BothLanguages):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["trials:home", "trials:list"]

    def location(self, name: str) -> str:
        return reverse(name)
