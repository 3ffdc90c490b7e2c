"""Trial content: conditions, trials, their sites, contacts and researchers."""

# Names once imported from trials.models itself; the choices are re-exported for its callers.
from trials.choices import (
    OPEN_STATUSES,
    AgeUnit,
    ContactRole,
    Kind,
    Phase,
    Purpose,
    ResearcherRole,
    Sex,
    Status,
    is_unknown_status,
    open_trial_q,
    site_takes_people,
)
from trials.models.people import Contact, Researcher
from trials.models.site import Site
from trials.models.trial import (
    PLAIN_SECTIONS,
    Condition,
    PlainText,
    Trial,
    TrialQuerySet,
    eligibility_fingerprint,
)

__all__ = [
    "OPEN_STATUSES",
    "PLAIN_SECTIONS",
    "AgeUnit",
    "Condition",
    "Contact",
    "ContactRole",
    "Kind",
    "Phase",
    "PlainText",
    "Purpose",
    "Researcher",
    "ResearcherRole",
    "Sex",
    "Site",
    "Status",
    "Trial",
    "TrialQuerySet",
    "eligibility_fingerprint",
    "is_unknown_status",
    "open_trial_q",
    "site_takes_people",
]
