"""A record's people made fit to show: phones read once, duplicates merged, main contact first."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from trials.countries import region_for_country
from trials.models import ContactRole
from trials.phones import read_phone

from .records import ContactRecord, ResearcherRecord, TrialRecord

_ROLE_ORDER = {ContactRole.CENTRAL: 0, ContactRole.BACKUP: 1}


def tidy_people(record: TrialRecord) -> None:
    """Rewrite `record`'s contacts and researchers in place (a re-import gives the same result).

    Phones are read in the site's country, else in the country most of the study's sites are in;
    what the registry wrote is kept beside them. A contact given twice in the same list is
    listed once, the study's main contact before its backup, and a researcher named both as a
    study official and as a site's investigator is listed once.
    """
    study_region = _study_region(record)
    record.contacts = _tidy_contacts(record.contacts, study_region)
    for site in record.sites:
        region = region_for_country(site.country) or study_region
        site.contacts = _tidy_contacts(site.contacts, region)
    record.researchers = _merge_researchers(record.researchers)


def read_contact_phone(contact: ContactRecord, region: str) -> ContactRecord:
    """The contact with its phone in E.164 and a real extension; the registry's values kept."""
    raw_phone = contact.registry_phone or contact.phone
    raw_ext = contact.registry_phone_ext or contact.phone_ext
    phone = read_phone(raw_phone, raw_ext, region)
    return replace(
        contact,
        phone=phone.e164 if phone else "",
        phone_ext=phone.extension if phone else "",
        registry_phone=raw_phone,
        registry_phone_ext=raw_ext,
    )


def _study_region(record: TrialRecord) -> str:
    regions = Counter(region_for_country(site.country) for site in record.sites if site.country)
    regions.pop("", None)
    return regions.most_common(1)[0][0] if regions else ""


def _tidy_contacts(contacts: list[ContactRecord], region: str) -> list[ContactRecord]:
    tidied: list[ContactRecord] = []
    for contact in sorted(contacts, key=lambda c: _ROLE_ORDER.get(c.role, 2)):
        contact = read_contact_phone(contact, region)
        same = next((kept for kept in tidied if _same_person(kept, contact)), None)
        if same is None:
            tidied.append(contact)
            continue
        # The same person twice: one entry, with whatever either copy adds.
        same.name = same.name or contact.name
        same.email = same.email or contact.email
        if not same.phone:
            same.phone, same.phone_ext = contact.phone, contact.phone_ext
            same.registry_phone = contact.registry_phone
            same.registry_phone_ext = contact.registry_phone_ext
    return tidied


def _same_person(one: ContactRecord, other: ContactRecord) -> bool:
    """Same name (or no name on either) and no detail that tells them apart."""
    if _key(one.name) != _key(other.name):
        return False
    for field in ("phone", "email"):
        first, second = _key(getattr(one, field)), _key(getattr(other, field))
        if first and second and first != second:
            return False
    return bool(one.name or one.phone == other.phone and one.email == other.email)


def _merge_researchers(researchers: list[ResearcherRecord]) -> list[ResearcherRecord]:
    merged: dict[str, ResearcherRecord] = {}
    for researcher in researchers:
        kept = merged.setdefault(_key(researcher.name), researcher)
        if kept is not researcher and not kept.affiliation:
            kept.affiliation = researcher.affiliation
    return list(merged.values())


def _key(value: str) -> str:
    return " ".join(value.casefold().split())
