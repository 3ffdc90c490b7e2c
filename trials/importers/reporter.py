"""Reader for one NIH RePORTER v2 project (an element of `results[]` of /v2/projects/search)."""

from __future__ import annotations

from typing import Any

from trials.models import Kind, ResearcherRole, Status
from trials.names import tidy_capitals

from .records import (
    RecordError,
    ResearcherRecord,
    SiteRecord,
    TrialRecord,
    as_dict,
    as_dicts,
    as_float,
    clean,
    parse_date,
    parse_int,
    reporter_project_url,
    text_block,
)

FORMAT = "reporter"

# RePORTER gives US states as postal codes; ClinicalTrials.gov, and so our site list, spells
# them out. One spelling keeps the state filter whole.
US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
    "WY": "Wyoming", "PR": "Puerto Rico", "GU": "Guam", "VI": "Virgin Islands",
    "AS": "American Samoa", "MP": "Northern Mariana Islands",
}  # fmt: skip


def read_reporter_project(project: dict[str, Any]) -> TrialRecord:
    project_num = clean(project.get("project_num")).upper()
    if not project_num:
        raise RecordError("record has no NIH project number (project_num)")
    appl_id = parse_int(project.get("appl_id"))
    organization = as_dict(project.get("organization"))
    org_name = tidy_capitals(clean(organization.get("org_name")))

    record = TrialRecord(registry_id=project_num, source_format=FORMAT, kind=Kind.NIH_PROJECT)
    record.status = Status.FUNDED_PROJECT
    record.nih_appl_id = appl_id or None
    record.official_title = clean(project.get("project_title"))
    record.brief_title = record.official_title or project_num
    record.brief_summary = text_block(project.get("abstract_text"))
    record.funding_mechanism = clean(project.get("activity_code")).upper()
    record.sponsor = org_name
    record.start_date = parse_date(project.get("project_start_date"))
    record.completion_date = parse_date(project.get("project_end_date"))
    record.registry_updated_on = parse_date(
        project.get("date_added") or project.get("award_notice_date")
    )
    # RePORTER lists no conditions, so an import keeps the ones editors chose. Its spending
    # categories ("Lupus; Autoimmune Disease; Clinical Research") are curated by NIH: one that
    # is a name of one of our conditions adds it; a project that names none maps to none.
    record.registry_conditions = None
    record.keywords = [
        clean(category)
        for category in str(project.get("spending_categories_desc") or "").split(";")
        if clean(category)
    ]
    record.source_url = reporter_project_url(appl_id) if appl_id else ""

    country = tidy_capitals(clean(organization.get("org_country")))
    state = clean(organization.get("org_state_name")) or clean(organization.get("org_state"))
    if country.upper() in {"UNITED STATES", "USA", "US"}:
        state = US_STATES.get(state.upper(), state)
    place = as_dict(project.get("geo_lat_lon"))
    if org_name or organization.get("org_city"):
        record.sites.append(
            SiteRecord(
                facility=org_name,
                city=tidy_capitals(clean(organization.get("org_city"))),
                state=tidy_capitals(state),
                postal_code=_zip_code(clean(organization.get("org_zipcode"))),
                country=country,
                latitude=as_float(place.get("lat")),
                longitude=as_float(place.get("lon")),
            )
        )
    investigators = as_dicts(project.get("principal_investigators"))
    # The contact PI leads; the others follow in the registry's order.
    investigators.sort(key=lambda person: not person.get("is_contact_pi"))
    for person in investigators:
        name = _person_name(person)
        if name:
            record.researchers.append(
                ResearcherRecord(
                    name=name, role=ResearcherRole.PRINCIPAL_INVESTIGATOR, affiliation=org_name
                )
            )
    return record


def _person_name(person: dict[str, Any]) -> str:
    name = clean(person.get("full_name"))
    if not name:
        parts = (person.get(key) for key in ("first_name", "middle_name", "last_name"))
        name = clean(" ".join(part for part in parts if isinstance(part, str)))
    return tidy_capitals(name)


def _zip_code(value: str) -> str:
    """RePORTER writes ZIP+4 as nine digits; the registry (and people) write 92093-0621."""
    if len(value) == 9 and value.isdigit():
        return f"{value[:5]}-{value[5:]}"
    return value
