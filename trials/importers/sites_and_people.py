"""A trial's sites, contacts and researchers made to match its record, each matched by content.

An unchanged record keeps its rows (and their ids); what the registry dropped is deleted, what it
added is created.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models

from trials.models import Contact, Researcher, Site, Trial
from trials.places import site_fields

from .records import ContactRecord, SiteRecord, TrialRecord


def fit(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
    """Cut text to the column's length: PostgreSQL refuses what is too long, SQLite does not."""
    fitted = {}
    for name, value in values.items():
        max_length = getattr(model._meta.get_field(name), "max_length", None)
        if isinstance(value, str) and max_length and len(value) > max_length:
            value = value[: max_length - 1].rstrip() + "…"
        fitted[name] = value
    return fitted


SITE_KEY = ("facility", "city", "state", "postal_code", "country")


def sync_sites_and_people(trial: Trial, record: TrialRecord, *, is_new: bool) -> bool:
    """Make the trial's sites, contacts and researchers match the record; True if any changed."""
    sites, sites_changed = _sync_sites(trial, record.sites, is_new=is_new)
    wanted_contacts = [(None, contact) for contact in record.contacts]
    for site, site_record in zip(sites, record.sites, strict=True):
        wanted_contacts.extend((site, contact) for contact in site_record.contacts)
    contacts_changed = _sync_contacts(trial, wanted_contacts, is_new=is_new)
    researchers_changed = _sync_researchers(trial, record, is_new=is_new)
    return sites_changed or contacts_changed or researchers_changed


def _sync_sites(trial: Trial, wanted: list[SiteRecord], *, is_new: bool) -> tuple[list[Site], bool]:
    pool: dict[tuple, list[Site]] = defaultdict(list)
    for site in [] if is_new else trial.sites.all():
        pool[tuple(getattr(site, name) for name in SITE_KEY)].append(site)
    changed = False
    sites, new_sites = [], []
    for site_record in wanted:
        values = fit(
            Site,
            {
                "facility": site_record.facility,
                "city": site_record.city,
                "state": site_record.state,
                "postal_code": site_record.postal_code,
                "country": site_record.country,
                "status": site_record.status,
                # Coordinates for every site: the registry's, else the ZIP code's, else the
                # city's; and the region the state filter lists.
                **site_fields(
                    latitude=site_record.latitude,
                    longitude=site_record.longitude,
                    postal_code=site_record.postal_code,
                    city=site_record.city,
                    state=site_record.state,
                    country=site_record.country,
                ),
            },
        )
        matches = pool.get(tuple(values[name] for name in SITE_KEY))
        if matches:
            site = matches.pop(0)
            differences = [name for name, value in values.items() if getattr(site, name) != value]
            if differences:
                for name in differences:
                    setattr(site, name, values[name])
                site.save(update_fields=differences)
                changed = True
        else:
            site = Site(trial=trial, **values)
            new_sites.append(site)
        sites.append(site)
    if new_sites:
        Site.objects.bulk_create(new_sites)
        changed = True
    stale = [site.pk for group in pool.values() for site in group]
    if stale:
        Site.objects.filter(pk__in=stale).delete()
        changed = True
    return sites, changed


CONTACT_FIELDS = (
    "role",
    "name",
    "phone",
    "phone_ext",
    "email",
    "registry_phone",
    "registry_phone_ext",
)


def _sync_contacts(
    trial: Trial, wanted: list[tuple[Site | None, ContactRecord]], *, is_new: bool
) -> bool:
    pool: dict[tuple, list[Contact]] = defaultdict(list)
    for contact in [] if is_new else trial.contacts.all():
        key = (contact.site_id, *(getattr(contact, name) for name in CONTACT_FIELDS))
        pool[key].append(contact)
    new_contacts = []
    for site, contact_record in wanted:
        values = fit(Contact, _contact_values(contact_record))
        if not (values["name"] or values["phone"] or values["email"]):
            # Nothing a person could use (a phone we could not read is no way to reach anyone).
            continue
        site_id = site.pk if site else None
        matches = pool.get((site_id, *(values[name] for name in CONTACT_FIELDS)))
        if matches:
            matches.pop(0)
        else:
            new_contacts.append(Contact(trial=trial, site=site, **values))
    if new_contacts:
        Contact.objects.bulk_create(new_contacts)
    stale = [contact.pk for group in pool.values() for contact in group]
    if stale:
        Contact.objects.filter(pk__in=stale).delete()
    return bool(new_contacts or stale)


def _contact_values(contact: ContactRecord) -> dict[str, str]:
    email = contact.email
    try:
        validate_email(email)
    except ValidationError:
        # An address we cannot write to would only break the mailto link and the admin form.
        email = ""
    return {
        "role": contact.role,
        "name": contact.name,
        "phone": contact.phone,
        "phone_ext": contact.phone_ext,
        "email": email,
        "registry_phone": contact.registry_phone,
        "registry_phone_ext": contact.registry_phone_ext,
    }


RESEARCHER_FIELDS = ("name", "role", "affiliation")


def _sync_researchers(trial: Trial, record: TrialRecord, *, is_new: bool) -> bool:
    pool: dict[tuple, list[Researcher]] = defaultdict(list)
    for researcher in [] if is_new else trial.researchers.all():
        pool[tuple(getattr(researcher, name) for name in RESEARCHER_FIELDS)].append(researcher)
    new_researchers = []
    for researcher_record in record.researchers:
        values = fit(
            Researcher,
            {
                "name": researcher_record.name,
                "role": researcher_record.role,
                "affiliation": researcher_record.affiliation,
            },
        )
        matches = pool.get(tuple(values[name] for name in RESEARCHER_FIELDS))
        if matches:
            matches.pop(0)
        else:
            new_researchers.append(Researcher(trial=trial, **values))
    if new_researchers:
        Researcher.objects.bulk_create(new_researchers)
    stale = [researcher.pk for group in pool.values() for researcher in group]
    if stale:
        Researcher.objects.filter(pk__in=stale).delete()
    return bool(new_researchers or stale)
