"""A study in ClinicalTrials.gov's "unknown status" is never screened as open."""

import io
import json

import pytest
from django.core.management import call_command

from tests.builders import make_trial

pytestmark = pytest.mark.django_db


def screen(today: str) -> list[str]:
    out = io.StringIO()
    call_command("screen", "--answers", "{}", "--json", "--today", today, stdout=out)
    return [result["trial"] for result in json.loads(out.getvalue())]


def test_a_stale_open_study_is_screened_only_while_its_status_could_still_be_true():
    make_trial("NCT00000001")
    make_trial(
        "NCT00513591",
        status_verified_on="2017-06-01",
        completion_date="2018-06-01",
    )

    assert screen("2018-01-01") == ["NCT00000001", "NCT00513591"]
    assert screen("2026-12-05") == ["NCT00000001"]
