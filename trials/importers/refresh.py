"""Refresh one trial from the public ClinicalTrials.gov API v2, by its NCT id."""

from __future__ import annotations

import logging

import requests
from django.conf import settings

from .documents import read_document
from .records import RecordError, normalise_nct_id
from .service import FileReport, ImportResult, import_records

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 15


def refresh_from_ctgov(registry_id: str, *, publish: bool = False) -> ImportResult:
    """Fetch the study from ``settings.CTGOV_API_URL`` + NCT id and import it like a file.

    Never raises for the registry's answer: an unknown id (404), a network failure or a
    response that is not a study comes back as an ``ImportResult`` whose ``errors`` say so,
    and nothing is written. Editorial fields and publication are kept, as for any re-import.
    """
    nct_id = normalise_nct_id(registry_id)
    label = f"ClinicalTrials.gov {nct_id or registry_id}"
    if not nct_id:
        return _failure(label, "only studies with an NCT id can be refreshed from there")
    url = settings.CTGOV_API_URL.rstrip("/") + "/" + nct_id
    try:
        response = requests.get(
            url,
            params={"format": "json"},
            headers={"Accept": "application/json"},
            timeout=getattr(settings, "CTGOV_TIMEOUT", TIMEOUT_SECONDS),
        )
    except requests.Timeout:
        logger.warning("ClinicalTrials.gov timed out for %s", nct_id)
        return _failure(label, "ClinicalTrials.gov did not answer in time; try again later")
    except requests.RequestException as error:
        logger.warning("ClinicalTrials.gov unreachable for %s: %s", nct_id, error)
        return _failure(label, "could not reach ClinicalTrials.gov; check the connection")
    if response.status_code == 404:
        return _failure(label, f"ClinicalTrials.gov has no study {nct_id}")
    if response.status_code != 200:
        logger.warning("ClinicalTrials.gov answered %s for %s", response.status_code, nct_id)
        return _failure(
            label, f"ClinicalTrials.gov answered with an error (HTTP {response.status_code})"
        )
    try:
        response.json()
    except ValueError:
        return _failure(label, "ClinicalTrials.gov sent a response that is not valid JSON")
    try:
        records = read_document(response.content)
    except RecordError as error:
        return _failure(label, f"ClinicalTrials.gov sent something we cannot read: {error}")
    found = [record.registry_id for record in records]
    if found != [nct_id]:
        return _failure(label, f"ClinicalTrials.gov answered with {', '.join(found)}, not {nct_id}")
    return import_records(records, publish=publish, name=label)


def _failure(label: str, reason: str) -> ImportResult:
    return ImportResult([FileReport(label, error=reason)])
