"""Reader for one legacy ClinicalTrials.gov `clinical_study` XML record (AllPublicXML)."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from trials.models import ContactRole

from .records import (
    ContactRecord,
    ResearcherRecord,
    SiteRecord,
    TrialRecord,
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

FORMAT = "ctgov_xml"


def read_clinical_study(study: Element) -> TrialRecord:
    nct_id = require_nct_id(study.findtext("id_info/nct_id"))
    record = TrialRecord(registry_id=nct_id, source_format=FORMAT)
    warnings = record.warnings
    record.org_study_id = clean(study.findtext("id_info/org_study_id"))
    record.official_title = clean(study.findtext("official_title"))
    record.brief_title = clean(study.findtext("brief_title")) or record.official_title or nct_id
    record.brief_summary = text_block(study.findtext("brief_summary/textblock"))
    record.status = map_status(study.findtext("overall_status"), warnings)
    record.status_verified_on = parse_date(study.findtext("verification_date"))
    record.start_date = parse_date(study.findtext("start_date"))
    record.completion_date = parse_date(study.findtext("completion_date"))
    record.primary_completion_date = parse_date(study.findtext("primary_completion_date"))
    record.registry_updated_on = parse_date(
        study.findtext("last_update_posted") or study.findtext("lastchanged_date")
    )
    record.kind = map_kind(study.findtext("study_type"), warnings)
    record.phase = map_phase([study.findtext("phase") or ""], warnings)
    record.primary_purpose = map_purpose(
        study.findtext("study_design_info/primary_purpose"), warnings
    )
    record.enrollment = parse_int(study.findtext("enrollment"))
    record.sponsor = clean(study.findtext("sponsors/lead_sponsor/agency"))
    record.registry_conditions = _texts(study, "condition")
    record.keywords = _texts(study, "keyword")
    record.min_age = parse_age(study.findtext("eligibility/minimum_age"), warnings)
    record.max_age = parse_age(study.findtext("eligibility/maximum_age"), warnings)
    record.sex = map_sex(study.findtext("eligibility/gender"), warnings)
    record.healthy_volunteers = parse_yes_no(study.findtext("eligibility/healthy_volunteers"))
    record.eligibility_text = text_block(study.findtext("eligibility/criteria/textblock"))
    record.source_url = ctgov_study_url(nct_id)

    for tag, role in (
        ("overall_contact", ContactRole.CENTRAL),
        ("overall_contact_backup", ContactRole.BACKUP),
    ):
        for person in study.findall(tag):
            record.contacts.append(_contact(person, role))
    for official in study.findall("overall_official"):
        if _name(official):
            record.researchers.append(
                ResearcherRecord(
                    name=_name(official),
                    role=map_researcher_role(official.findtext("role")),
                    affiliation=clean(official.findtext("affiliation")),
                )
            )
    for location in study.findall("location"):
        site = SiteRecord(
            facility=clean(location.findtext("facility/name")),
            city=clean(location.findtext("facility/address/city")),
            state=clean(location.findtext("facility/address/state")),
            postal_code=clean(location.findtext("facility/address/zip")),
            country=clean(location.findtext("facility/address/country")),
            status=map_site_status(location.findtext("status")),
        )
        for person in [*location.findall("contact"), *location.findall("contact_backup")]:
            site.contacts.append(_contact(person, ContactRole.SITE))
        for investigator in location.findall("investigator"):
            if _name(investigator):
                # Site investigators are researchers at that site, not people to call.
                record.researchers.append(
                    ResearcherRecord(
                        name=_name(investigator),
                        role=map_researcher_role(investigator.findtext("role")),
                        affiliation=site.facility,
                    )
                )
        record.sites.append(site)
    return record


def _texts(study: Element, tag: str) -> list[str]:
    return [clean(element.text) for element in study.findall(tag) if clean(element.text)]


def _name(person: Element) -> str:
    """Newer records put the whole name in last_name; older ones split it up."""
    parts = [person.findtext(tag) for tag in ("first_name", "middle_name", "last_name")]
    name = clean(" ".join(part for part in parts if part))
    degrees = clean(person.findtext("degrees"))
    return f"{name}, {degrees}" if name and degrees else name


def _contact(person: Element, role: str) -> ContactRecord:
    return ContactRecord(
        role=role,
        name=_name(person),
        phone=clean(person.findtext("phone")),
        phone_ext=clean(person.findtext("phone_ext")),
        email=clean(person.findtext("email")),
    )
