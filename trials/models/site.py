"""The places where a study runs."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from trials.choices import Status, site_takes_people
from trials.countries import country_in_words
from trials.models.trial import Trial
from trials.places import PlacedBy
from trials.regions import is_home
from trials.site_names import site_name


class Site(models.Model):
    """A place where the study runs."""

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="sites")
    facility = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=120, blank=True)
    state = models.CharField(max_length=120, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=120, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    placed_by = models.CharField(
        _("coordinates from"),
        max_length=20,
        choices=PlacedBy.choices,
        blank=True,
        help_text=_("Set at import: the registry's own, the US ZIP code, or the city."),
    )
    # Set at import from `country` and `state` (trials.regions): what the state filter lists.
    country_code = models.CharField(_("ISO country code"), max_length=2, blank=True)
    region = models.CharField(_("state or region"), max_length=120, blank=True)
    region_code = models.CharField(_("ISO region code"), max_length=10, blank=True)
    status = models.CharField(max_length=30, choices=Status.choices, blank=True)

    class Meta:
        ordering = ["country", "state", "city", "facility"]
        indexes = [models.Index(fields=["country_code", "region_code", "region"])]

    def __str__(self) -> str:
        return ", ".join(
            part for part in (self.facility, self.city, self.state, self.country) if part
        )

    @property
    def takes_people(self) -> bool:
        return site_takes_people(self.status)

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.city, self.state) if part)

    @property
    def name(self) -> str:
        """What our pages call the site: its facility without registry codes, or its place."""
        return site_name(self.facility, self.city, self.state, self.country)

    @property
    def name_and_place(self) -> str:
        """ "MUSC, Charleston, South Carolina"; a site named by its place is not placed twice."""
        place = self.place_with_country
        if not place or self.name != site_name(self.facility, "", "", ""):
            return self.name
        return f"{self.name}, {place}"

    @property
    def country_name(self) -> str:
        """The country as our pages name it, in the page's language ("Corea del Sur")."""
        return country_in_words(self.country, self.country_code)

    @property
    def place_with_country(self) -> str:
        """City and state, and the country when it is not the patient's."""
        if is_home(self.country) or not self.country:
            return self.place
        return ", ".join(part for part in (self.city, self.country_name) if part)
