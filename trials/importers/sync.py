"""Keep the catalogue fresh: every ClinicalTrials.gov study and NIH RePORTER project for our
conditions, fetched whole, then upserted through the same import rules in one transaction.

Nothing is written until every page of a registry has been read: a run that gives up part way
leaves the catalogue as it was. Trials that no longer come back from a registry's searches are
marked (`Trial.left_registry_search_on`), never deleted; staff decide what to do with them.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from trials.models import Condition, Kind, Trial

from .documents import read_document
from .records import RecordError, TrialRecord
from .registry_client import RegistryClient, RegistryError
from .service import ConditionCatalogue, ImportResult, import_records

CTGOV_PAGE_SIZE = 100
REPORTER_PAGE_SIZE = 500
# RePORTER answers offsets up to 14,999 only; past that a search must be narrowed.
REPORTER_MOST_OFFSET = 14_999


class SyncError(Exception):
    """A sync that could not finish; nothing of it was written."""


@dataclass
class SyncReport:
    registry: str
    searches: int = 0
    pages: int = 0
    found: int = 0
    result: ImportResult = field(default_factory=ImportResult)
    left: list[str] = field(default_factory=list)
    returned: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.registry}: {self.searches} searches, {self.pages} pages, {self.found} records; "
            f"{self.result.created} created, {self.result.updated} updated, "
            f"{self.result.unchanged} unchanged; {len(self.left)} left the search, "
            f"{len(self.returned)} came back"
        )


def search_terms(conditions: Iterable[Condition]) -> dict[str, str]:
    """One search per condition: its medical name and synonyms, as an OR of quoted phrases."""
    searches = {}
    for condition in conditions:
        terms = list(dict.fromkeys([condition.name, *condition.synonym_list]))
        phrases = [f'"{term}"' for term in terms if term and '"' not in term]
        if phrases:
            searches[condition.slug] = " OR ".join(phrases)
    return searches


def sync_ctgov(client: RegistryClient, *, today: datetime.date | None = None) -> SyncReport:
    """Every ClinicalTrials.gov study our conditions' searches find, imported as one batch."""
    report = SyncReport("ClinicalTrials.gov")
    studies: dict[str, dict[str, Any]] = {}
    for query in _searches():
        report.searches += 1
        for page in _ctgov_pages(client, query):
            report.pages += 1
            for study in page:
                nct_id = _nct_id(study)
                if nct_id:
                    studies[nct_id] = study
    records = _read({"studies": list(studies.values())}, "ClinicalTrials.gov")
    return _store(report, records, Trial.objects.exclude(kind=Kind.NIH_PROJECT), today)


def sync_reporter(client: RegistryClient, *, today: datetime.date | None = None) -> SyncReport:
    """Every NIH RePORTER project our conditions' searches find, imported as one batch."""
    report = SyncReport("NIH RePORTER")
    projects: dict[str, dict[str, Any]] = {}
    for query in _searches():
        report.searches += 1
        for page in _reporter_pages(client, query):
            report.pages += 1
            for project in page:
                number = str(project.get("project_num") or "").strip().upper()
                if number:
                    projects[number] = project
    records = _read({"results": list(projects.values())}, "NIH RePORTER")
    return _store(report, records, Trial.objects.filter(kind=Kind.NIH_PROJECT), today)


def _searches() -> list[str]:
    found = list(search_terms(Condition.objects.all()).values())
    if not found:
        # Without searches every trial would look as if it had left: refuse instead.
        raise SyncError("there are no conditions to search for; add them in the admin first")
    return found


def _ctgov_pages(client: RegistryClient, query: str) -> Iterator[list[dict[str, Any]]]:
    url = settings.CTGOV_API_URL.rstrip("/")
    params: dict[str, Any] = {"query.cond": query, "pageSize": CTGOV_PAGE_SIZE, "format": "json"}
    seen_tokens: set[str] = set()
    while True:
        page = client.get(url, params)
        if not isinstance(page, dict) or not isinstance(page.get("studies", []), list):
            raise RegistryError(f"{url} sent a page without a list of studies")
        yield [study for study in page.get("studies", []) if isinstance(study, dict)]
        token = page.get("nextPageToken")
        if not token:
            return
        if token in seen_tokens:
            raise RegistryError(f"{url} sent the same page token twice")
        seen_tokens.add(token)
        params = {**params, "pageToken": token}


def _reporter_pages(client: RegistryClient, query: str) -> Iterator[list[dict[str, Any]]]:
    url = settings.REPORTER_API_URL
    offset = 0
    while True:
        body = {
            "criteria": {
                "advanced_text_search": {
                    "operator": "advanced",
                    "search_field": "projecttitle,terms,abstracttext",
                    "search_text": query,
                }
            },
            "offset": offset,
            "limit": REPORTER_PAGE_SIZE,
        }
        page = client.post(url, body)
        if not isinstance(page, dict) or not isinstance(page.get("results", []), list):
            raise RegistryError(f"{url} sent a page without a list of results")
        results = [project for project in page.get("results", []) if isinstance(project, dict)]
        yield results
        total = _int(page.get("meta", {}).get("total") if isinstance(page.get("meta"), dict) else 0)
        offset += len(results)
        if not results or offset >= total:
            return
        if offset > REPORTER_MOST_OFFSET:
            raise RegistryError(
                f"NIH RePORTER found {total} projects for one search, more than it pages through"
            )


def _read(document: dict[str, Any], registry: str) -> list[TrialRecord]:
    if not next(iter(document.values())):
        return []
    try:
        return read_document(json.dumps(document))
    except RecordError as error:
        raise SyncError(f"{registry} sent a record we cannot read: {error}") from error


def _store(
    report: SyncReport, records: list[TrialRecord], ours: Any, today: datetime.date | None
) -> SyncReport:
    """Upsert the records and mark what left the search, all in one transaction."""
    today = today or timezone.localdate()
    report.found = len(records)
    found_ids = {record.registry_id for record in records}
    with transaction.atomic():
        report.result = import_records(
            records, name=report.registry, catalogue=ConditionCatalogue.load()
        )
        if not report.result.ok:
            raise SyncError("; ".join(report.result.errors))
        gone = ours.exclude(registry_id__in=found_ids).filter(left_registry_search_on=None)
        report.left = sorted(gone.values_list("registry_id", flat=True))
        gone.update(left_registry_search_on=today)
        back = ours.filter(registry_id__in=found_ids).exclude(left_registry_search_on=None)
        report.returned = sorted(back.values_list("registry_id", flat=True))
        back.update(left_registry_search_on=None)
    return report


def _nct_id(study: dict[str, Any]) -> str:
    protocol = study.get("protocolSection")
    ident = protocol.get("identificationModule") if isinstance(protocol, dict) else None
    return str(ident.get("nctId") or "") if isinstance(ident, dict) else ""


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
