"""Refreshing a trial from the ClinicalTrials.gov API v2, against recorded responses."""

import json

import pytest
import requests
import responses
from django.conf import settings

from tests.builders import make_trial
from tests.trials.registry_files import RECORDED
from trials.importers.refresh import refresh_from_ctgov
from trials.models import Status, Trial

pytestmark = pytest.mark.django_db


def study_url(nct_id: str) -> str:
    return settings.CTGOV_API_URL.rstrip("/") + "/" + nct_id


def recorded(name: str) -> bytes:
    return (RECORDED / name).read_bytes()


@responses.activate
def test_refresh_fetches_the_study_by_nct_id_and_imports_it():
    responses.get(
        study_url("NCT06737380"),
        body=recorded("NCT06737380.json"),
        content_type="application/json",
    )

    result = refresh_from_ctgov("nct06737380")

    assert result.ok
    assert result.created == 1
    trial = Trial.objects.get(registry_id="NCT06737380")
    assert trial.status == Status.RECRUITING
    assert trial.published is False
    [call] = responses.calls
    assert call.request.url == study_url("NCT06737380") + "?format=json"


@responses.activate
def test_refresh_updates_registry_fields_and_keeps_editorial_ones():
    trial = make_trial(
        "NCT06737380",
        brief_title="An old registry title",
        status=Status.NOT_YET_RECRUITING,
        plain_title="Stem cell shots for lupus",
        good_fit="Adults with active lupus.",
        published=True,
    )
    responses.get(study_url("NCT06737380"), body=recorded("NCT06737380.json"))

    result = refresh_from_ctgov("NCT06737380")

    assert result.updated == 1
    trial.refresh_from_db()
    assert trial.status == Status.RECRUITING
    assert trial.brief_title == "Umbilical Cord Stem Cells Under the Skin for Active Lupus"
    assert (trial.plain_title, trial.good_fit, trial.published) == (
        "Stem cell shots for lupus",
        "Adults with active lupus.",
        True,
    )


@responses.activate
def test_refresh_of_an_unknown_study_says_so_and_writes_nothing():
    responses.get(study_url("NCT09999999"), body=recorded("not_found.json"), status=404)

    result = refresh_from_ctgov("NCT09999999")

    assert result.errors == [
        "ClinicalTrials.gov NCT09999999: ClinicalTrials.gov has no study NCT09999999"
    ]
    assert Trial.objects.count() == 0


@responses.activate
def test_refresh_reports_a_server_error_with_its_code():
    responses.get(study_url("NCT06737380"), body=recorded("bad_gateway.html"), status=502)

    result = refresh_from_ctgov("NCT06737380")

    assert result.errors == [
        "ClinicalTrials.gov NCT06737380: ClinicalTrials.gov answered with an error (HTTP 502)"
    ]


@responses.activate
def test_refresh_reports_a_network_failure():
    responses.get(study_url("NCT06737380"), body=requests.ConnectionError("no route to host"))

    result = refresh_from_ctgov("NCT06737380")

    assert result.errors == [
        "ClinicalTrials.gov NCT06737380: could not reach ClinicalTrials.gov; check the connection"
    ]


@responses.activate
def test_refresh_reports_a_timeout():
    responses.get(study_url("NCT06737380"), body=requests.Timeout())

    result = refresh_from_ctgov("NCT06737380")

    assert "did not answer in time" in result.errors[0]


@responses.activate
def test_refresh_reports_a_response_that_is_not_json():
    responses.get(study_url("NCT06737380"), body=recorded("bad_gateway.html"), status=200)

    result = refresh_from_ctgov("NCT06737380")

    assert result.errors == [
        "ClinicalTrials.gov NCT06737380: ClinicalTrials.gov sent a response that is not valid JSON"
    ]
    assert Trial.objects.count() == 0


@responses.activate
def test_refresh_reports_json_that_is_not_a_study():
    responses.get(study_url("NCT06737380"), json={"message": "try again"})

    result = refresh_from_ctgov("NCT06737380")

    assert result.errors[0].startswith(
        "ClinicalTrials.gov NCT06737380: ClinicalTrials.gov sent something we cannot read: "
        "unknown format"
    )
    assert Trial.objects.count() == 0


@responses.activate
def test_refresh_refuses_an_answer_about_another_study():
    other = json.loads(recorded("NCT06737380.json"))
    other["protocolSection"]["identificationModule"]["nctId"] = "NCT09990002"
    responses.get(study_url("NCT06737380"), json=other)

    result = refresh_from_ctgov("NCT06737380")

    assert result.errors == [
        "ClinicalTrials.gov NCT06737380: ClinicalTrials.gov answered with NCT09990002, "
        "not NCT06737380"
    ]
    assert Trial.objects.count() == 0


@responses.activate
def test_refresh_of_an_nih_project_is_refused_without_calling_anyone():
    result = refresh_from_ctgov("5U01AI123456-03")

    assert result.errors == [
        "ClinicalTrials.gov 5U01AI123456-03: "
        "only studies with an NCT id can be refreshed from there"
    ]
    assert len(responses.calls) == 0
