"""Reader for one study of the retired "classic" ClinicalTrials.gov API (`ProtocolSection`)."""

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

FORMAT = "ctgov_classic"


def read_classic_study(study: dict[str, Any]) -> TrialRecord:
    """`study` is the `Study` object (or its content: the per-study files drop the wrapper)."""
    protocol = as_dict(as_dict(study.get("Study", study)).get("ProtocolSection"))
    ident = as_dict(protocol.get("IdentificationModule"))
    nct_id = require_nct_id(ident.get("NCTId"))
    status = as_dict(protocol.get("StatusModule"))
    design = as_dict(protocol.get("DesignModule"))
    eligibility = as_dict(protocol.get("EligibilityModule"))
    conditions = as_dict(protocol.get("ConditionsModule"))
    people = as_dict(protocol.get("ContactsLocationsModule"))
    sponsors = as_dict(protocol.get("SponsorCollaboratorsModule"))

    record = TrialRecord(registry_id=nct_id, source_format=FORMAT)
    warnings = record.warnings
    record.org_study_id = clean(as_dict(ident.get("OrgStudyIdInfo")).get("OrgStudyId"))
    record.official_title = clean(ident.get("OfficialTitle"))
    record.brief_title = clean(ident.get("BriefTitle")) or record.official_title or nct_id
    description = as_dict(protocol.get("DescriptionModule"))
    record.brief_summary = text_block(description.get("BriefSummary"))
    record.status = map_status(status.get("OverallStatus"), warnings)
    record.status_verified_on = parse_date(status.get("StatusVerifiedDate"))
    record.start_date = parse_date(as_dict(status.get("StartDateStruct")).get("StartDate"))
    record.completion_date = parse_date(
        as_dict(status.get("CompletionDateStruct")).get("CompletionDate")
    )
    record.primary_completion_date = parse_date(
        as_dict(status.get("PrimaryCompletionDateStruct")).get("PrimaryCompletionDate")
    )
    record.registry_updated_on = parse_date(
        as_dict(status.get("LastUpdatePostDateStruct")).get("LastUpdatePostDate")
    )
    record.kind = map_kind(design.get("StudyType"), warnings)
    record.phase = map_phase(as_strings(as_dict(design.get("PhaseList")).get("Phase")), warnings)
    record.primary_purpose = map_purpose(
        as_dict(design.get("DesignInfo")).get("DesignPrimaryPurpose"), warnings
    )
    record.enrollment = parse_int(as_dict(design.get("EnrollmentInfo")).get("EnrollmentCount"))
    record.sponsor = clean(as_dict(sponsors.get("LeadSponsor")).get("LeadSponsorName"))
    condition_list = as_dict(conditions.get("ConditionList"))
    record.registry_conditions = as_strings(condition_list.get("Condition"))
    record.keywords = as_strings(as_dict(conditions.get("KeywordList")).get("Keyword"))
    record.min_age = parse_age(eligibility.get("MinimumAge"), warnings)
    record.max_age = parse_age(eligibility.get("MaximumAge"), warnings)
    record.sex = map_sex(eligibility.get("Gender"), warnings)
    record.healthy_volunteers = parse_yes_no(eligibility.get("HealthyVolunteers"))
    record.eligibility_text = text_block(eligibility.get("EligibilityCriteria"))
    record.source_url = ctgov_study_url(nct_id)

    central = as_dicts(as_dict(people.get("CentralContactList")).get("CentralContact"))
    for index, person in enumerate(central):
        # The registry lists the main contact first and the backup after it.
        record.contacts.append(
            ContactRecord(
                role=ContactRole.CENTRAL if index == 0 else ContactRole.BACKUP,
                name=clean(person.get("CentralContactName")),
                phone=clean(person.get("CentralContactPhone")),
                phone_ext=clean(person.get("CentralContactPhoneExt")),
                email=clean(person.get("CentralContactEMail")),
            )
        )
    officials = as_dicts(as_dict(people.get("OverallOfficialList")).get("OverallOfficial"))
    for official in officials:
        if clean(official.get("OverallOfficialName")):
            record.researchers.append(
                ResearcherRecord(
                    name=clean(official.get("OverallOfficialName")),
                    role=map_researcher_role(official.get("OverallOfficialRole")),
                    affiliation=clean(official.get("OverallOfficialAffiliation")),
                )
            )
    for location in as_dicts(as_dict(people.get("LocationList")).get("Location")):
        site = SiteRecord(
            facility=clean(location.get("LocationFacility")),
            city=clean(location.get("LocationCity")),
            state=clean(location.get("LocationState")),
            postal_code=clean(location.get("LocationZip")),
            country=clean(location.get("LocationCountry")),
            status=map_site_status(location.get("LocationStatus")),
        )
        contacts = as_dicts(as_dict(location.get("LocationContactList")).get("LocationContact"))
        for person in contacts:
            role = clean(person.get("LocationContactRole")) or "Contact"
            name = clean(person.get("LocationContactName"))
            if role.lower() == "contact":
                site.contacts.append(
                    ContactRecord(
                        role=ContactRole.SITE,
                        name=name,
                        phone=clean(person.get("LocationContactPhone")),
                        phone_ext=clean(person.get("LocationContactPhoneExt")),
                        email=clean(person.get("LocationContactEMail")),
                    )
                )
            elif name:
                # Site investigators are researchers at that site, not people to call.
                record.researchers.append(
                    ResearcherRecord(
                        name=name, role=map_researcher_role(role), affiliation=site.facility
                    )
                )
        record.sites.append(site)
    return record
