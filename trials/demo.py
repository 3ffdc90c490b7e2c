"""The demo trials `manage.py load_demo` writes: read from data/demo_trials.json, upserted.

Registry facts (ids, titles, sponsors, ages, sites, contacts, researchers) are public facts read
from the ClinicalTrials.gov and NIH RePORTER records named by each `source_url`. Every sentence
meant for patients (the editorial sections) and every eligibility summary is our own wording.

These are demo records, not a live feed:
- statuses and `status_verified_on` are as of the registry record we read, which for some
  studies is years old; the real study may have moved on since;
- for large studies we list a few United States sites, not every site;
- NCT06737380 has no public site or contact in the records we hold, so none is listed;
- coordinates are those of the site's city, good enough for "how far is it".
"""

from __future__ import annotations

import datetime
import json
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.db import models

from trials.countries import region_for_country
from trials.models import Condition, Contact, Researcher, Site, Trial
from trials.phones import read_phone

DATA = Path(__file__).parent / "data" / "demo_trials.json"
# The trial the product started from (seed 002): the demo's criteria are written for it.
SEED_TRIAL_ID = "NCT06737380"
# Keys of a demo entry that are not Trial fields.
_RELATED_KEYS = ("conditions", "linked", "sites", "contacts", "researchers")
_DATES = ("start_date", "status_verified_on", "registry_updated_on")


def demo_trials() -> tuple[list[dict[str, Any]], datetime.date]:
    """The demo entries, with dates as dates, and the day our team last reviewed them."""
    content = json.loads(DATA.read_text(encoding="utf-8"))
    entries = [
        {
            key: datetime.date.fromisoformat(value) if key in _DATES and value else value
            for key, value in entry.items()
        }
        for entry in content["trials"]
    ]
    return entries, datetime.date.fromisoformat(content["reviewed"])


def load_demo_trials(
    entries: list[dict[str, Any]], *, reviewed: datetime.date
) -> tuple[list[Trial], Counter]:
    """Upsert each entry by registry id and sync its related rows; return trials and counts."""
    conditions = {condition.slug: condition for condition in Condition.objects.all()}
    outcome: Counter = Counter(created=0, updated=0, unchanged=0)
    trials: dict[str, Trial] = {}
    for entry in entries:
        missing = set(entry.get("conditions", [])) - conditions.keys()
        if missing:
            raise CommandError(
                f"{entry['registry_id']}: unknown condition slugs {sorted(missing)}; "
                "run migrate first."
            )
        trial, result = _upsert_trial(entry, reviewed)
        outcome[result] += 1
        trial.conditions.set([conditions[slug] for slug in entry.get("conditions", [])])
        _sync_sites_and_contacts(trial, entry.get("sites", []), entry.get("contacts", []))
        _sync_rows(
            trial.researchers.all(),
            entry.get("researchers", []),
            key=("name", "role"),
            create=lambda values, trial=trial: Researcher.objects.create(trial=trial, **values),
        )
        trials[entry["registry_id"]] = trial
    for entry in entries:
        linked = [trials[registry_id] for registry_id in entry.get("linked", [])]
        if linked:
            trials[entry["registry_id"]].linked_trials.add(*linked)
    return list(trials.values()), outcome


def _upsert_trial(entry: dict[str, Any], reviewed: datetime.date) -> tuple[Trial, str]:
    values = {key: value for key, value in entry.items() if key not in _RELATED_KEYS}
    values.setdefault("min_age_unit", "years" if values.get("min_age_value") is not None else "")
    values.setdefault("max_age_unit", "years" if values.get("max_age_value") is not None else "")
    values.update(published=True, last_reviewed_on=reviewed, source_format="demo")
    registry_id = values.pop("registry_id")
    trial = Trial.objects.filter(registry_id=registry_id).first()
    if trial is None and values.get("nih_appl_id"):
        # An import may already hold this project under its real NIH project number: keep it.
        trial = Trial.objects.filter(nih_appl_id=values["nih_appl_id"]).first()
    if trial is None:
        return Trial.objects.create(registry_id=registry_id, **values), "created"
    changed = _assign_changes(trial, values)
    if not changed:
        return trial, "unchanged"
    trial.save(update_fields=[*changed, "updated_at"])
    return trial, "updated"


def _sync_sites_and_contacts(
    trial: Trial, sites: list[dict[str, Any]], contacts: list[dict[str, Any]]
) -> None:
    # Contacts go first: a site about to be deleted would take its contacts with it anyway.
    countries = Counter(site.get("country", "") for site in sites if site.get("country"))
    region = region_for_country(countries.most_common(1)[0][0]) if countries else ""
    _sync_rows(
        trial.contacts.all(),
        [_with_phone_read(values, region) for values in contacts],
        key=("role", "name", "email"),
        create=lambda values: Contact.objects.create(trial=trial, **values),
    )
    _sync_rows(
        trial.sites.all(),
        sites,
        key=("facility", "city", "postal_code", "country"),
        create=lambda values: Site.objects.create(trial=trial, **values),
    )


def _with_phone_read(contact: dict[str, Any], region: str) -> dict[str, Any]:
    """Demo phones are written as people write them; store them as an import would."""
    phone = read_phone(contact.get("phone", ""), contact.get("phone_ext", ""), region)
    return {
        **contact,
        "phone": phone.e164 if phone else "",
        "phone_ext": phone.extension if phone else "",
    }


def _sync_rows(rows: models.QuerySet, wanted: list[dict[str, Any]], *, key, create) -> None:
    """Make `rows` match `wanted`: keep rows whose key matches (updating them), add, delete."""
    existing = {tuple(getattr(row, field) for field in key): row for row in rows}
    for values in wanted:
        row = existing.pop(tuple(values.get(field, "") for field in key), None)
        if row is None:
            create(values)
        elif changed := _assign_changes(row, values):
            row.save(update_fields=changed)
    for row in existing.values():
        row.delete()


def _assign_changes(instance: models.Model, values: dict[str, Any]) -> list[str]:
    changed = []
    for field, value in values.items():
        if getattr(instance, field) != value:
            setattr(instance, field, value)
            changed.append(field)
    return changed
