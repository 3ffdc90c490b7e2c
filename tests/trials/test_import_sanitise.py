"""Registry text that would break a page or the database: NUL bytes cleaned, huge texts refused."""

import json

import pytest

from tests.trials.registry_files import RECORDED
from trials.importers.sanitise import MOST_CHARACTERS
from trials.importers.service import import_file
from trials.models import Site, Trial

pytestmark = pytest.mark.django_db


def study() -> dict:
    return json.loads((RECORDED / "NCT06737380.json").read_text())


def test_nul_bytes_are_removed_and_the_record_is_named():
    document = study()
    eligibility = document["protocolSection"]["eligibilityModule"]
    eligibility["eligibilityCriteria"] = "Inclusion Criteria:\x00\n* Adults\x00 with lupus"
    document["protocolSection"]["identificationModule"]["briefTitle"] = "Stem\x00 cells for lupus"
    document["protocolSection"]["contactsLocationsModule"]["locations"][0]["city"] = "Char\x00lotte"

    result = import_file(json.dumps(document).encode(), "nul.json")

    assert result.ok, result.errors
    trial = Trial.objects.get(registry_id="NCT06737380")
    assert trial.eligibility_text == "Inclusion Criteria:\n* Adults with lupus"
    assert trial.brief_title == "Stem cells for lupus"
    assert Site.objects.filter(trial=trial, city="Charlotte").exists()
    (warning,) = [w for w in result.files[0].warnings if "control characters" in w]
    assert warning.startswith("NCT06737380: ")
    assert "brief_title" in warning
    assert "eligibility_text" in warning
    assert "sites.city" in warning


def test_a_huge_eligibility_text_is_refused_naming_the_record_and_nothing_is_written():
    document = study()
    eligibility = document["protocolSection"]["eligibilityModule"]
    eligibility["eligibilityCriteria"] = "Inclusion Criteria:\n" + "* be an adult\n" * 1_000_000

    result = import_file(json.dumps(document).encode(), "huge.json")

    assert not result.ok
    (error,) = result.errors
    assert error.startswith("huge.json: NCT06737380: eligibility_text is 14,000,0")
    assert f"more than the {MOST_CHARACTERS:,} we accept" in error
    assert not Trial.objects.exists()


def test_the_record_is_named_by_its_place_in_a_file_of_many():
    first, second = study(), study()
    second["protocolSection"]["identificationModule"]["nctId"] = "NCT00000002"
    second["protocolSection"]["descriptionModule"]["briefSummary"] = "x" * (MOST_CHARACTERS + 1)

    result = import_file(json.dumps({"studies": [first, second]}).encode(), "page.json")

    (error,) = result.errors
    assert error.startswith("page.json: record 2: NCT00000002: brief_summary is 50,001 characters")
    assert not Trial.objects.exists()
