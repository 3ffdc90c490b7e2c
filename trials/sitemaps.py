"""sitemap.xml entries: the home page, the trial list and every published trial."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from trials.models import Trial


class TrialSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Trial.objects.published().only("registry_id", "updated_at").order_by("registry_id")

    def lastmod(self, trial: Trial):
        return trial.updated_at


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["trials:home", "trials:list"]

    def location(self, name: str) -> str:
        return reverse(name)
