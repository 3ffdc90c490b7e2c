"""Conditions and trials: what a study is, its status and its plain-language text."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from trials.choices import (
    OPEN_STATUSES,
    AgeUnit,
    Kind,
    Phase,
    Purpose,
    Sex,
    Status,
    is_unknown_status,
    open_trial_q,
)
from trials.labels import age_range_in_words, funding_in_words
from trials.languages import Written, in_page_language
from trials.names import tidy_capitals
from trials.registry_text import unescape_registry_text

_STATUS_LABELS = dict(Status.choices)  # lazy labels: translated when read


class Condition(models.Model):
    """A disease a trial studies, under the stable slug the questionnaire uses."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("medical name"), max_length=200)
    lay_name = models.CharField(_("everyday name"), max_length=200)
    lay_name_es = models.CharField(_("everyday name in Spanish"), max_length=200, blank=True)
    synonyms = models.TextField(
        blank=True,
        help_text=_(
            "Registry terms that mean this condition, one per line (matched ignoring case)."
        ),
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveSmallIntegerField(default=100)
    # Moves with every save: screening.loading's cache reloads condition names when it does.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "lay_name"]

    def __str__(self) -> str:
        return self.lay_name

    def get_absolute_url(self) -> str:
        return f"{reverse('trials:list')}?condition={self.slug}"

    @property
    def everyday_name(self) -> Written:
        """The everyday name in the page's language (the English, marked, if none)."""
        return in_page_language(self.lay_name, self.lay_name_es)

    @property
    def synonym_list(self) -> list[str]:
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]


def eligibility_fingerprint(text: str) -> str:
    """A short fingerprint of eligibility text, blind to whitespace changes."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:32]


class TrialQuerySet(models.QuerySet):
    def published(self) -> TrialQuerySet:
        return self.filter(published=True)

    def open_to_enrolment(self, today: datetime.date | None = None) -> TrialQuerySet:
        """Trials taking people as of `today` (default: today): open_trial_q."""
        return self.filter(open_trial_q(today or timezone.localdate()))

    def by_registry_id(self, registry_id: str) -> TrialQuerySet:
        return self.annotate(registry_id_upper=Upper("registry_id")).filter(
            registry_id_upper=registry_id.upper()
        )

    def for_cards(self) -> TrialQuerySet:
        """What a trial card shows, fetched in a fixed number of queries."""
        return self.prefetch_related("conditions", "sites")


# The sections our team writes for a trial page, each with a Spanish field `<name>_es`.
PLAIN_SECTIONS = (
    "plain_title",
    "plain_summary",
    "what_it_studies",
    "good_fit",
    "not_a_fit",
    "potential_benefit",
    "similar_studies",
)


@dataclass(frozen=True)
class PlainText:
    """A trial's plain-language sections as a page in the active language shows them.

    Each is the Spanish on a Spanish page when written, else the English (Written.lang "en");
    `spanish_missing` (a Spanish page showing some English) says the page should tell the
    reader that this study has no Spanish text yet.
    """

    plain_title: Written
    plain_summary: Written
    what_it_studies: Written
    good_fit: Written
    not_a_fit: Written
    potential_benefit: Written
    similar_studies: Written
    spanish_missing: bool = False


class Trial(models.Model):
    """One study or funded project, keyed by its registry id (the permalink)."""

    registry_id = models.CharField(
        _("registry id"),
        max_length=40,
        unique=True,
        help_text=_("NCT number, or the NIH project number for NIH-funded projects."),
    )
    nih_appl_id = models.PositiveBigIntegerField(
        _("NIH RePORTER application id"),
        null=True,
        blank=True,
        unique=True,
        help_text=_("/trials/NIH-<this number>/ redirects to this page."),
    )
    org_study_id = models.CharField(_("sponsor's study id"), max_length=100, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.INTERVENTIONAL)

    # Registry-owned fields: an import refreshes these.
    official_title = models.TextField(blank=True)
    brief_title = models.CharField(_("registry short title"), max_length=500)
    brief_summary = models.TextField(_("registry summary"), blank=True)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.UNKNOWN)
    status_verified_on = models.DateField(_("status last verified"), null=True, blank=True)
    phase = models.CharField(max_length=20, choices=Phase.choices, blank=True)
    primary_purpose = models.CharField(
        _("what the study is for"), max_length=30, choices=Purpose.choices, blank=True
    )
    sponsor = models.CharField(max_length=300, blank=True)
    funding_mechanism = models.CharField(
        max_length=10, blank=True, help_text=_("NIH activity code, such as U01 or R01.")
    )
    enrollment = models.PositiveIntegerField(_("number of people"), null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    completion_date = models.DateField(null=True, blank=True)
    primary_completion_date = models.DateField(null=True, blank=True)
    conditions = models.ManyToManyField(Condition, blank=True, related_name="trials")
    registry_conditions = models.JSONField(
        default=list, blank=True, help_text=_("Conditions as the registry lists them.")
    )
    unmapped_conditions = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Registry conditions that match none of ours. Add a synonym to map them."),
    )
    keywords = models.JSONField(default=list, blank=True)
    min_age_value = models.PositiveSmallIntegerField(null=True, blank=True)
    min_age_unit = models.CharField(max_length=10, choices=AgeUnit.choices, blank=True)
    max_age_value = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age_unit = models.CharField(max_length=10, choices=AgeUnit.choices, blank=True)
    sex = models.CharField(max_length=10, choices=Sex.choices, default=Sex.ALL)
    healthy_volunteers = models.BooleanField(_("accepts healthy volunteers"), null=True, blank=True)
    eligibility_text = models.TextField(_("eligibility as registered"), blank=True)
    source_url = models.URLField(_("registry page"), max_length=500, blank=True)
    source_format = models.CharField(max_length=20, blank=True, editable=False)
    registry_updated_on = models.DateField(_("registry last updated"), null=True, blank=True)

    # Editorial fields: written by our team, never touched by an import.
    plain_title = models.CharField(max_length=300, blank=True)
    plain_summary = models.TextField(
        blank=True, help_text=_("One or two plain sentences shown under the title.")
    )
    what_it_studies = models.TextField(_("what this research studies"), blank=True)
    good_fit = models.TextField(_("who may be a good fit"), blank=True)
    not_a_fit = models.TextField(_("who may not be a fit"), blank=True)
    potential_benefit = models.TextField(blank=True)
    similar_studies = models.TextField(_("how similar studies have done"), blank=True)
    # The same sections in Spanish, written by our team (never machine translated). A Spanish
    # page shows the English, marked lang="en", where these are empty (trials.languages).
    plain_title_es = models.CharField(_("plain title in Spanish"), max_length=300, blank=True)
    plain_summary_es = models.TextField(_("plain summary in Spanish"), blank=True)
    what_it_studies_es = models.TextField(_("what this research studies, in Spanish"), blank=True)
    good_fit_es = models.TextField(_("who may be a good fit, in Spanish"), blank=True)
    not_a_fit_es = models.TextField(_("who may not be a fit, in Spanish"), blank=True)
    potential_benefit_es = models.TextField(_("potential benefit in Spanish"), blank=True)
    similar_studies_es = models.TextField(
        _("how similar studies have done, in Spanish"), blank=True
    )
    linked_trials = models.ManyToManyField(
        "self",
        blank=True,
        help_text=_("For example an NIH project and the trial it pays for."),
    )
    published = models.BooleanField(default=False)
    last_reviewed_on = models.DateField(null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Set when someone authors structured criteria: the eligibility text they read.
    criteria_fingerprint = models.CharField(max_length=32, blank=True, editable=False)
    criteria_need_review = models.BooleanField(
        default=False,
        help_text=_("The registered eligibility text changed after criteria were written."),
    )
    # Staff went through the criteria drafted from the registry text (screening's admin).
    criteria_reviewed_on = models.DateField(null=True, blank=True)
    criteria_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    left_registry_search_on = models.DateField(
        _("left the registry search on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "sync_trials no longer finds it with our conditions' searches (it may have been "
            "withdrawn or re-labelled). Nothing is deleted: decide whether to unpublish it."
        ),
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrialQuerySet.as_manager()

    class Meta:
        ordering = ["-status_verified_on", "registry_id"]
        indexes = [
            models.Index(fields=["published", "status"]),
            # trials.freshness reads the newest updated_at on every public page: an index lookup.
            models.Index(fields=["updated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.registry_id}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("trials:detail", args=[self.registry_id])

    @property
    def title(self) -> Written:
        """Our title in the page's language, else the registry's (tidied when the registry
        wrote it in capitals); marked English when a Spanish page has no Spanish title."""
        if self.plain_title or self.plain_title_es:
            return in_page_language(self.plain_title, self.plain_title_es)
        return in_page_language(tidy_capitals(self.brief_title or self.official_title))

    @property
    def summary_text(self) -> Written:
        """One plain paragraph for previews: our summary, else the registry's, unescaped."""
        if self.plain_summary or self.plain_summary_es:
            return in_page_language(self.plain_summary, self.plain_summary_es)
        return in_page_language(" ".join(unescape_registry_text(self.brief_summary).split()))

    @property
    def has_plain_language(self) -> bool:
        """Whether our team wrote any plain-language text for this page."""
        return any(getattr(self, field) for field in PLAIN_SECTIONS if field != "plain_title")

    @property
    def has_spanish_text(self) -> bool:
        """Whether our team wrote any of the plain-language sections in Spanish."""
        return any(getattr(self, f"{field}_es") for field in PLAIN_SECTIONS)

    @property
    def plain_text(self) -> PlainText:
        """The plain-language sections in the page's language (see PlainText)."""
        sections = {
            field: in_page_language(getattr(self, field), getattr(self, f"{field}_es"))
            for field in PLAIN_SECTIONS
        }
        missing = any(section.lang for section in sections.values())
        return PlainText(**sections, spanish_missing=missing)

    @property
    def is_open(self) -> bool:
        """Taking people today; the same rule as TrialQuerySet.open_to_enrolment."""
        return self.is_open_on(timezone.localdate())

    def is_open_on(self, today: datetime.date) -> bool:
        return (
            self.status in OPEN_STATUSES
            and self.kind != Kind.NIH_PROJECT
            and not self.is_unknown_status_on(today)
        )

    @property
    def is_unknown_status(self) -> bool:
        """Says open, but nobody confirmed it for two years and its end date has passed."""
        return self.is_unknown_status_on(timezone.localdate())

    def is_unknown_status_on(self, today: datetime.date) -> bool:
        return is_unknown_status(
            status=self.status,
            verified_on=self.status_verified_on,
            completion_date=self.completion_date,
            primary_completion_date=self.primary_completion_date,
            today=today,
        )

    @property
    def has_ended(self) -> bool:
        """An NIH project whose funding period is over."""
        return bool(self.completion_date and self.completion_date < timezone.localdate())

    def status_label(self) -> str:
        """The status in words, as every page shows it."""
        if self.is_nih_project:
            if self.has_ended:
                return _("Funded research that has ended")
            return _("Funded research, not enrolling patients")
        if self.is_unknown_status:
            return _("Not confirmed open")
        # Not get_status_display(): it hashes every choice's lazy label, translating each.
        return str(_STATUS_LABELS.get(self.status, self.status))

    @property
    def is_nih_project(self) -> bool:
        return self.kind == Kind.NIH_PROJECT

    @property
    def registry_name(self) -> str:
        return _("NIH RePORTER") if self.is_nih_project else _("ClinicalTrials.gov")

    def age_range_label(self) -> str:
        low = (self.min_age_value, self.min_age_unit) if self.min_age_value is not None else None
        high = (self.max_age_value, self.max_age_unit) if self.max_age_value is not None else None
        return capfirst(age_range_in_words(low, high))

    def funding_label(self) -> str:
        return funding_in_words(self.funding_mechanism)

    def study_type_label(self) -> str:
        """ "Prevention study", "Observational study": the kind, and for interventional
        studies what the registry says they are for."""
        if self.kind == Kind.INTERVENTIONAL and self.primary_purpose:
            return Purpose(self.primary_purpose).label
        return self.get_kind_display()

    def mark_criteria_written(self) -> None:
        """Remember which eligibility text the structured criteria were written against."""
        self.criteria_fingerprint = eligibility_fingerprint(self.eligibility_text)
        self.criteria_need_review = False
