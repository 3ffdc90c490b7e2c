"""The people named on a study: contacts to reach and researchers."""

from __future__ import annotations

from django.db import models
from django.db.models import Case, Value, When
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from trials.choices import ContactRole, ResearcherRole
from trials.models.site import Site
from trials.models.trial import Trial
from trials.phones import Phone, national_format, phone_country, read_phone, tel_uri


class Contact(models.Model):
    """Someone to call or write to about the study, for the whole study or one site."""

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="contacts")
    site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    role = models.CharField(max_length=20, choices=ContactRole.choices, default=ContactRole.CENTRAL)
    name = models.CharField(max_length=200, blank=True)
    phone = models.CharField(
        max_length=40, blank=True, help_text=_("In international form: +33142499742.")
    )
    phone_ext = models.CharField(_("extension"), max_length=20, blank=True)
    email = models.EmailField(blank=True)
    # What the registry wrote, kept so that staff can see what a blank or changed phone came from.
    registry_phone = models.CharField(_("phone as registered"), max_length=60, blank=True)
    registry_phone_ext = models.CharField(_("extension as registered"), max_length=60, blank=True)

    class Meta:
        # The main study contact first, then the backup, then site contacts.
        ordering = [
            Case(
                When(role=ContactRole.CENTRAL, then=Value(0)),
                When(role=ContactRole.BACKUP, then=Value(1)),
                default=Value(2),
            ),
            "id",
        ]

    def __str__(self) -> str:
        return self.name or self.email or self.phone

    @cached_property
    def dialable(self) -> Phone | None:
        """The phone to dial. Imports store E.164; a number typed in the admin is read here."""
        return read_phone(self.phone, self.phone_ext) if self.phone else None

    @property
    def tel_href(self) -> str:
        """ "tel:+33142499742", with ";ext=123" when there is an extension."""
        return tel_uri(self.dialable.e164, self.dialable.extension) if self.dialable else ""

    @property
    def phone_display(self) -> str:
        """The number as people in its own country write it: "01 42 49 97 42"."""
        return national_format(self.dialable.e164) if self.dialable else ""

    @property
    def phone_country(self) -> str:
        """The number's country when it is not our patients' ("France"), else ""."""
        return phone_country(self.dialable.e164) if self.dialable else ""


class Researcher(models.Model):
    """A researcher named on the registry record."""

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="researchers")
    name = models.CharField(max_length=200)
    role = models.CharField(
        max_length=30, choices=ResearcherRole.choices, default=ResearcherRole.PRINCIPAL_INVESTIGATOR
    )
    affiliation = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["role", "id"]

    def __str__(self) -> str:
        return self.name
