"""Reader for one ClinicalTrials.gov API v2 study (`protocolSection`, camelCase, RECRUITING)."""

from __future__ import annotations

from typing import Any

from trials.models import ContactRole

from .records import (
    ContactRecord,
    ResearcherRecord,
    SiteRecord,
    TrialRecord,
    as_dict,
    as_dicts,
    as_float,
    as_strings,
    clean,
    ctgov_study_url,
    map_kind,
    map_phase,
    map_purpose,
    map_researcher_role,
    map_sex,
    map_site_status,
    map_status,
    parse_age,
    parse_date,
    parse_int,
    parse_yes_no,
    require_nct_id,
    text_block,
)

FORMAT = "ctgov_v2"


def read_v2_study(study: dict[str, Any]) -> TrialRecord:
    protocol = as_dict(study.get("protocolSection"))
    ident = as_dict(protocol.get("identificationModule"))
    nct_id = require_nct_id(ident.get("nctId"))
    status = as_dict(protocol.get("statusModule"))
    design = as_dict(protocol.get("designModule"))
    eligibility = as_dict(protocol.get("eligibilityModule"))
    conditions = as_dict(protocol.get("conditionsModule"))
    people = as_dict(protocol.get("contactsLocationsModule"))
    sponsor = as_dict(as_dict(protocol.get("sponsorCollaboratorsModule")).get("leadSponsor"))

    record = TrialRecord(registry_id=nct_id, source_format=FORMAT)
    warnings = record.warnings
    record.org_study_id = clean(as_dict(ident.get("orgStudyIdInfo")).get("id"))
    record.official_title = clean(ident.get("officialTitle"))
    record.brief_title = clean(ident.get("briefTitle")) or record.official_title or nct_id
    description = as_dict(protocol.get("descriptionModule"))
    record.brief_summary = text_block(description.get("briefSummary"))
    record.status = map_status(status.get("overallStatus"), warnings)
    record.status_verified_on = parse_date(status.get("statusVerifiedDate"))
    record.start_date = parse_date(as_dict(status.get("startDateStruct")).get("date"))
    record.completion_date = parse_date(as_dict(status.get("completionDateStruct")).get("date"))
    record.primary_completion_date = parse_date(
        as_dict(status.get("primaryCompletionDateStruct")).get("date")
    )
    record.registry_updated_on = parse_date(
        as_dict(status.get("lastUpdatePostDateStruct")).get("date")
    )
    record.kind = map_kind(design.get("studyType"), warnings)
    record.phase = map_phase(as_strings(design.get("phases")), warnings)
    record.primary_purpose = map_purpose(
        as_dict(design.get("designInfo")).get("primaryPurpose"), warnings
    )
    record.enrollment = parse_int(as_dict(design.get("enrollmentInfo")).get("count"))
    record.sponsor = clean(sponsor.get("name"))
    record.registry_conditions = as_strings(conditions.get("conditions"))
    record.keywords = as_strings(conditions.get("keywords"))
    record.min_age = parse_age(eligibility.get("minimumAge"), warnings)
    record.max_age = parse_age(eligibility.get("maximumAge"), warnings)
    record.sex = map_sex(eligibility.get("sex"), warnings)
    record.healthy_volunteers = parse_yes_no(eligibility.get("healthyVolunteers"))
    record.eligibility_text = text_block(eligibility.get("eligibilityCriteria"))
    record.source_url = ctgov_study_url(nct_id)

    for index, person in enumerate(as_dicts(people.get("centralContacts"))):
        # The registry lists the main contact first and the backup after it.
        role = ContactRole.CENTRAL if index == 0 else ContactRole.BACKUP
        record.contacts.append(_contact(person, role))
    for official in as_dicts(people.get("overallOfficials")):
        if clean(official.get("name")):
            record.researchers.append(
                ResearcherRecord(
                    name=clean(official.get("name")),
                    role=map_researcher_role(official.get("role")),
                    affiliation=clean(official.get("affiliation")),
                )
            )
    for location in as_dicts(people.get("locations")):
        site = SiteRecord(
            facility=clean(location.get("facility")),
            city=clean(location.get("city")),
            state=clean(location.get("state")),
            postal_code=clean(location.get("zip")),
            country=clean(location.get("country")),
            latitude=as_float(as_dict(location.get("geoPoint")).get("lat")),
            longitude=as_float(as_dict(location.get("geoPoint")).get("lon")),
            status=map_site_status(location.get("status")),
        )
        for person in as_dicts(location.get("contacts")):
            role = str(person.get("role") or "CONTACT").upper()
            if role == "CONTACT":
                site.contacts.append(_contact(person, ContactRole.SITE))
            elif clean(person.get("name")):
                # Site investigators are researchers at that site, not people to call.
                record.researchers.append(
                    ResearcherRecord(
                        name=clean(person.get("name")),
                        role=map_researcher_role(role),
                        affiliation=site.facility,
                    )
                )
        record.sites.append(site)
    return record


def _contact(person: dict[str, Any], role: str) -> ContactRecord:
    return ContactRecord(
        role=role,
        name=clean(person.get("name")),
        phone=clean(person.get("phone")),
        phone_ext=clean(person.get("phoneExt")),
        email=clean(person.get("email")),
    )
