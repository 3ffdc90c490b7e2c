"""The registry's words as our choices: kinds, statuses (and which are open), phases, roles."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    INTERVENTIONAL = "interventional", _("Interventional study")
    OBSERVATIONAL = "observational", _("Observational study")
    EXPANDED_ACCESS = "expanded_access", _("Expanded access")
    NIH_PROJECT = "nih_project", _("NIH-funded research project")


class Purpose(models.TextChoices):
    """What an interventional study is for, as the registry says (its "primary purpose")."""

    TREATMENT = "treatment", _("Treatment study")
    PREVENTION = "prevention", _("Prevention study")
    DIAGNOSTIC = "diagnostic", _("Study of a way to diagnose")
    SUPPORTIVE_CARE = "supportive_care", _("Supportive care study (comfort and quality of life)")
    SCREENING = "screening", _("Screening study (finding a disease early)")
    HEALTH_SERVICES_RESEARCH = "health_services_research", _("Study of how care is given")
    BASIC_SCIENCE = "basic_science", _("Basic science study (how the body or disease works)")
    DEVICE_FEASIBILITY = "device_feasibility", _("Early study of a medical device")
    EDUCATIONAL = "educational", _("Education or counseling study")
    ECOLOGIC_OR_COMMUNITY = "ecologic_or_community", _("Community study")
    OTHER = "other", _("Interventional study")


class Status(models.TextChoices):
    NOT_YET_RECRUITING = "not_yet_recruiting", _("Not yet recruiting")
    RECRUITING = "recruiting", _("Recruiting")
    ENROLLING_BY_INVITATION = "enrolling_by_invitation", _("Enrolling by invitation only")
    ACTIVE_NOT_RECRUITING = "active_not_recruiting", _("Running, not taking new people")
    SUSPENDED = "suspended", _("Paused")
    TERMINATED = "terminated", _("Stopped early")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn before it started")
    AVAILABLE = "available", _("Available")
    TEMPORARILY_NOT_AVAILABLE = "temporarily_not_available", _("Not available for now")
    NO_LONGER_AVAILABLE = "no_longer_available", _("No longer available")
    APPROVED_FOR_MARKETING = "approved_for_marketing", _("Approved: ask your doctor")
    UNKNOWN = "unknown", _("Status not known")
    FUNDED_PROJECT = "funded_project", _("Funded research, not enrolling")


OPEN_STATUSES = (Status.NOT_YET_RECRUITING, Status.RECRUITING, Status.ENROLLING_BY_INVITATION)


# ClinicalTrials.gov's "unknown status": an open study whose status nobody confirmed for two
# years and whose end date has passed is not shown, counted or screened as open.
UNCONFIRMED_AFTER_YEARS = 2


def unconfirmed_cutoff(today: datetime.date) -> datetime.date:
    """Statuses last confirmed before this day are too old to trust (two years before today)."""
    try:
        return today.replace(year=today.year - UNCONFIRMED_AFTER_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - UNCONFIRMED_AFTER_YEARS, day=28)


def is_unknown_status(
    *,
    status: str,
    verified_on: datetime.date | None,
    completion_date: datetime.date | None,
    primary_completion_date: datetime.date | None,
    today: datetime.date,
) -> bool:
    """An open status, not confirmed for two years, past its completion date.

    The completion date counts, or the primary completion date when the registry gives no
    completion date. Without a verification date or an end date we cannot say it is stale.
    """
    end = completion_date or primary_completion_date
    return (
        status in OPEN_STATUSES
        and verified_on is not None
        and verified_on < unconfirmed_cutoff(today)
        and end is not None
        and end < today
    )


def site_takes_people(status: str) -> bool:
    """A site that may take people: open, or with no status of its own (the trial's counts)."""
    return not status or status in OPEN_STATUSES


def site_takes_people_q(prefix: str = "") -> Q:
    """site_takes_people as a filter on sites; `prefix` such as "sites__"."""
    return Q(**{f"{prefix}status__in": [*OPEN_STATUSES, ""]})


def open_trial_q(today: datetime.date, prefix: str = "") -> Q:
    """The one rule for "open to new people" as a filter; `prefix` such as "trial__"."""
    unknown = Q(**{f"{prefix}status_verified_on__lt": unconfirmed_cutoff(today)}) & (
        Q(**{f"{prefix}completion_date__lt": today})
        | Q(
            **{
                f"{prefix}completion_date__isnull": True,
                f"{prefix}primary_completion_date__lt": today,
            }
        )
    )
    return (
        Q(**{f"{prefix}status__in": OPEN_STATUSES})
        & ~Q(**{f"{prefix}kind": Kind.NIH_PROJECT})
        & ~unknown
    )


class Phase(models.TextChoices):
    EARLY_PHASE_1 = "early_phase_1", _("Early phase 1")
    PHASE_1 = "phase_1", _("Phase 1")
    PHASE_1_2 = "phase_1_2", _("Phase 1 and 2")
    PHASE_2 = "phase_2", _("Phase 2")
    PHASE_2_3 = "phase_2_3", _("Phase 2 and 3")
    PHASE_3 = "phase_3", _("Phase 3")
    PHASE_4 = "phase_4", _("Phase 4")
    NOT_APPLICABLE = "", _("Does not apply")


class Sex(models.TextChoices):
    ALL = "all", _("All")
    FEMALE = "female", _("Female only")
    MALE = "male", _("Male only")


class AgeUnit(models.TextChoices):
    YEARS = "years", _("years")
    MONTHS = "months", _("months")
    WEEKS = "weeks", _("weeks")
    DAYS = "days", _("days")


class ContactRole(models.TextChoices):
    CENTRAL = "central", _("Study contact")
    BACKUP = "backup", _("Backup study contact")
    SITE = "site", _("Site contact")


class ResearcherRole(models.TextChoices):
    PRINCIPAL_INVESTIGATOR = "principal_investigator", _("Lead researcher")
    STUDY_DIRECTOR = "study_director", _("Study director")
    STUDY_CHAIR = "study_chair", _("Study chair")
    SUB_INVESTIGATOR = "sub_investigator", _("Researcher")
