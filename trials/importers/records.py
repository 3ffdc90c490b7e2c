"""What every registry reader returns: plain records in our own vocabulary, no ORM."""

from __future__ import annotations

import datetime
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from trials.models import (
    AgeUnit,
    ContactRole,
    Kind,
    Phase,
    Purpose,
    ResearcherRole,
    Sex,
    Status,
)

# (value, unit) such as (18, "years"); None means the registry sets no bound.
AgeBound = tuple[int, str]


class RecordError(ValueError):
    """A registry document we cannot import; the message says why, in words staff understand."""


@dataclass
class ContactRecord:
    """A contact as the registry wrote it; `people.tidy_people` reads its phone into E.164."""

    role: str = ContactRole.CENTRAL
    name: str = ""
    phone: str = ""
    phone_ext: str = ""
    email: str = ""
    registry_phone: str = ""
    registry_phone_ext: str = ""


@dataclass
class SiteRecord:
    facility: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str = ""
    latitude: float | None = None
    longitude: float | None = None
    status: str = ""
    contacts: list[ContactRecord] = field(default_factory=list)


@dataclass
class ResearcherRecord:
    name: str
    role: str = ResearcherRole.PRINCIPAL_INVESTIGATOR
    affiliation: str = ""


@dataclass
class TrialRecord:
    """The registry-owned facts of one trial or NIH project, as a reader found them."""

    registry_id: str
    source_format: str
    kind: str = Kind.INTERVENTIONAL
    nih_appl_id: int | None = None
    org_study_id: str = ""
    official_title: str = ""
    brief_title: str = ""
    brief_summary: str = ""
    status: str = Status.UNKNOWN
    status_verified_on: datetime.date | None = None
    phase: str = Phase.NOT_APPLICABLE
    primary_purpose: str = ""
    sponsor: str = ""
    funding_mechanism: str = ""
    enrollment: int | None = None
    start_date: datetime.date | None = None
    completion_date: datetime.date | None = None
    primary_completion_date: datetime.date | None = None
    # None: the format carries no conditions (RePORTER), so an import leaves ours alone.
    registry_conditions: list[str] | None = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    min_age: AgeBound | None = None
    max_age: AgeBound | None = None
    sex: str = Sex.ALL
    healthy_volunteers: bool | None = None
    eligibility_text: str = ""
    source_url: str = ""
    registry_updated_on: datetime.date | None = None
    sites: list[SiteRecord] = field(default_factory=list)
    contacts: list[ContactRecord] = field(default_factory=list)
    researchers: list[ResearcherRecord] = field(default_factory=list)
    # Values we did not recognise and replaced by a safe default, for the import summary.
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Registry vocabularies. ClinicalTrials.gov spells the same enum three ways across its formats
# (RECRUITING, "Recruiting", "Active, not recruiting"); `enum_key` folds them to one spelling.


def enum_key(value: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", value.upper()).strip("_")


STATUSES = {
    "NOT_YET_RECRUITING": Status.NOT_YET_RECRUITING,
    "RECRUITING": Status.RECRUITING,
    "ENROLLING_BY_INVITATION": Status.ENROLLING_BY_INVITATION,
    "ACTIVE_NOT_RECRUITING": Status.ACTIVE_NOT_RECRUITING,
    "SUSPENDED": Status.SUSPENDED,
    "TERMINATED": Status.TERMINATED,
    "COMPLETED": Status.COMPLETED,
    "WITHDRAWN": Status.WITHDRAWN,
    "AVAILABLE": Status.AVAILABLE,
    "NO_LONGER_AVAILABLE": Status.NO_LONGER_AVAILABLE,
    "TEMPORARILY_NOT_AVAILABLE": Status.TEMPORARILY_NOT_AVAILABLE,
    "APPROVED_FOR_MARKETING": Status.APPROVED_FOR_MARKETING,
    "WITHHELD": Status.UNKNOWN,
    "UNKNOWN": Status.UNKNOWN,
    "UNKNOWN_STATUS": Status.UNKNOWN,
}

KINDS = {
    "INTERVENTIONAL": Kind.INTERVENTIONAL,
    "OBSERVATIONAL": Kind.OBSERVATIONAL,
    "OBSERVATIONAL_PATIENT_REGISTRY": Kind.OBSERVATIONAL,
    "EXPANDED_ACCESS": Kind.EXPANDED_ACCESS,
}

SEXES = {"ALL": Sex.ALL, "BOTH": Sex.ALL, "FEMALE": Sex.FEMALE, "MALE": Sex.MALE}

# Single phases as a number; combinations are looked up as a sorted tuple.
_PHASE_STEPS = {
    "EARLY_PHASE1": 0,
    "EARLY_PHASE_1": 0,
    "PHASE1": 1,
    "PHASE_1": 1,
    "PHASE2": 2,
    "PHASE_2": 2,
    "PHASE3": 3,
    "PHASE_3": 3,
    "PHASE4": 4,
    "PHASE_4": 4,
}
_PHASE_NONE = {"NA", "N_A", "NOT_APPLICABLE", ""}
_PHASES = {
    (0,): Phase.EARLY_PHASE_1,
    (1,): Phase.PHASE_1,
    (1, 2): Phase.PHASE_1_2,
    (2,): Phase.PHASE_2,
    (2, 3): Phase.PHASE_2_3,
    (3,): Phase.PHASE_3,
    (4,): Phase.PHASE_4,
}

RESEARCHER_ROLES = {
    "PRINCIPAL_INVESTIGATOR": ResearcherRole.PRINCIPAL_INVESTIGATOR,
    "STUDY_DIRECTOR": ResearcherRole.STUDY_DIRECTOR,
    "STUDY_CHAIR": ResearcherRole.STUDY_CHAIR,
    "SUB_INVESTIGATOR": ResearcherRole.SUB_INVESTIGATOR,
}

_AGE_UNITS = {
    "YEAR": AgeUnit.YEARS,
    "YEARS": AgeUnit.YEARS,
    "MONTH": AgeUnit.MONTHS,
    "MONTHS": AgeUnit.MONTHS,
    "WEEK": AgeUnit.WEEKS,
    "WEEKS": AgeUnit.WEEKS,
    "DAY": AgeUnit.DAYS,
    "DAYS": AgeUnit.DAYS,
}
_NO_AGE = {"", "N_A", "NA", "NONE", "NO_LIMIT"}


def map_status(value: str | None, warnings: list[str]) -> str:
    if not value:
        return Status.UNKNOWN
    status = STATUSES.get(enum_key(value))
    if status is None:
        warnings.append(f"unknown status {value!r}, stored as unknown")
        return Status.UNKNOWN
    return status


def map_site_status(value: str | None) -> str:
    """A site's own status; blank when the registry gives none or one we do not know."""
    return STATUSES.get(enum_key(value), "") if value else ""


def map_kind(value: str | None, warnings: list[str]) -> str:
    key = enum_key(value or "")
    kind = KINDS.get(key) or (Kind.OBSERVATIONAL if key.startswith("OBSERVATIONAL") else None)
    if kind is None:
        if value:
            warnings.append(f"unknown study type {value!r}, stored as interventional")
        return Kind.INTERVENTIONAL
    return kind


def map_sex(value: str | None, warnings: list[str]) -> str:
    if not value:
        return Sex.ALL
    sex = SEXES.get(enum_key(value))
    if sex is None:
        warnings.append(f"unknown sex {value!r}, stored as all")
        return Sex.ALL
    return sex


def map_phase(values: list[str], warnings: list[str]) -> str:
    """["PHASE1", "PHASE2"], ["Phase 1/Phase 2"] or ["N/A"] -> one of our Phase values."""
    steps: set[int] = set()
    for value in values:
        if enum_key(value or "") in _PHASE_NONE:
            continue
        for part in re.split(r"[/,]", value):
            key = enum_key(part)
            if key in _PHASE_NONE:
                continue
            if key not in _PHASE_STEPS:
                warnings.append(f"unknown phase {value!r}, left blank")
                return Phase.NOT_APPLICABLE
            steps.add(_PHASE_STEPS[key])
    if not steps:
        return Phase.NOT_APPLICABLE
    phase = _PHASES.get(tuple(sorted(steps)))
    if phase is None:
        warnings.append(f"unusual phase combination {values!r}, left blank")
        return Phase.NOT_APPLICABLE
    return phase


PURPOSES = {
    "TREATMENT": Purpose.TREATMENT,
    "PREVENTION": Purpose.PREVENTION,
    "DIAGNOSTIC": Purpose.DIAGNOSTIC,
    "SUPPORTIVE_CARE": Purpose.SUPPORTIVE_CARE,
    "SCREENING": Purpose.SCREENING,
    "HEALTH_SERVICES_RESEARCH": Purpose.HEALTH_SERVICES_RESEARCH,
    "BASIC_SCIENCE": Purpose.BASIC_SCIENCE,
    "DEVICE_FEASIBILITY": Purpose.DEVICE_FEASIBILITY,
    "EDUCATIONAL_COUNSELING_TRAINING": Purpose.EDUCATIONAL,
    "ECOLOGIC_OR_COMMUNITY": Purpose.ECOLOGIC_OR_COMMUNITY,
    "OTHER": Purpose.OTHER,
}


def map_purpose(value: str | None, warnings: list[str]) -> str:
    """ "SUPPORTIVE_CARE", "Supportive Care", "Educational/Counseling/Training" -> ours."""
    if not value:
        return ""
    purpose = PURPOSES.get(enum_key(value))
    if purpose is None:
        warnings.append(f"unknown primary purpose {value!r}, left blank")
        return ""
    return purpose


def map_researcher_role(value: str | None) -> str:
    return RESEARCHER_ROLES.get(enum_key(value or ""), ResearcherRole.SUB_INVESTIGATOR)


def parse_age(value: str | None, warnings: list[str]) -> AgeBound | None:
    """ "18 Years" -> (18, "years"); "N/A", "None" or nothing -> None (no bound)."""
    if value is None or enum_key(value) in _NO_AGE:
        return None
    match = re.fullmatch(r"\s*(\d+)\s*([A-Za-z]+)\s*", value)
    if match:
        number, unit = int(match[1]), match[2].upper()
        if unit in _AGE_UNITS:
            return number, _AGE_UNITS[unit]
        if unit in {"HOUR", "HOURS", "MINUTE", "MINUTES"}:
            # Our smallest unit is a day: a limit of some hours is a limit of day 0.
            return 0, AgeUnit.DAYS
    warnings.append(f"age {value!r} not understood, treated as no limit")
    return None


_DATE_FORMATS = ("%Y-%m-%d", "%Y-%m", "%B %d, %Y", "%B %Y", "%b %d, %Y", "%b %Y", "%Y")


def parse_date(value: str | None) -> datetime.date | None:
    """Registry dates: 2023-06-30, 2023-04, "October 26, 2018", "June 2023", ISO timestamps."""
    if not value:
        return None
    text = value.strip()
    if "T" in text[:11] and text[:4].isdigit():
        text = text.split("T", 1)[0]
    for date_format in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    return None


def parse_int(value: object) -> int | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        return None
    return number if number >= 0 else None


def parse_yes_no(value: object) -> bool | None:
    """True, "Yes", "Accepts Healthy Volunteers" -> True; False, "No" -> False."""
    if isinstance(value, bool):
        return value
    if not value:
        return None
    key = enum_key(str(value))
    if key in {"YES", "TRUE", "ACCEPTS_HEALTHY_VOLUNTEERS"}:
        return True
    if key in {"NO", "FALSE"}:
        return False
    return None


def clean(value: object) -> str:
    """One line of registry text: stripped, inner runs of whitespace made single."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def text_block(value: object) -> str:
    """Several paragraphs of registry text: common indentation removed, ends trimmed."""
    if value is None:
        return ""
    lines = textwrap.dedent(str(value).replace("\r\n", "\n")).split("\n")
    text = "\n".join(line.rstrip() for line in lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text)


def ascii_fold(value: str) -> str:
    return unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()


# ---------------------------------------------------------------------------------------------
# Reading JSON whose shape we do not control: a wrong type reads as "absent", never a crash.


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_dicts(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        value = [value]
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def as_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [clean(item) for item in value if isinstance(item, str | int) and clean(item)]


def as_float(value: Any) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------------------------------------
# Registry ids and pages.

_NCT_ID = re.compile(r"NCT\d{8}")


def normalise_nct_id(value: object) -> str:
    """ " nct02633163 " -> "NCT02633163"; anything that is not an NCT id -> ""."""
    text = clean(value).upper()
    return text if _NCT_ID.fullmatch(text) else ""


def ctgov_study_url(nct_id: str) -> str:
    return f"https://clinicaltrials.gov/study/{nct_id}"


def reporter_project_url(appl_id: int) -> str:
    return f"https://reporter.nih.gov/project-details/{appl_id}"


def require_nct_id(value: object) -> str:
    if not clean(value):
        raise RecordError("record has no NCT id")
    nct_id = normalise_nct_id(value)
    if not nct_id:
        raise RecordError(f"record has an NCT id that is not valid: {clean(value)[:40]!r}")
    return nct_id
