"""`manage.py draft_criteria`: (re)draft by registry id or --all; --json prints the contract."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from screening.models import Criterion, CriterionStatus
from tests.builders import make_criterion, make_trial

pytestmark = pytest.mark.django_db

TEXT = """Inclusion Criteria:

* eGFR of at least 30 mL/min/1.73m2
* Platelets of 100,000 per microliter or more

Exclusion Criteria:

* Live vaccine within 30 days before the first dose
"""


def run(*args: str) -> str:
    out = StringIO()
    call_command("draft_criteria", *args, stdout=out)
    return out.getvalue()


def test_json_prints_each_trials_drafts_in_the_design_contract():
    make_trial("NCT05550001", eligibility_text=TEXT)

    printed = json.loads(run("NCT05550001", "--json"))

    assert printed == [
        {
            "trial": "NCT05550001",
            "criteria": [
                {
                    "question": "egfr",
                    "kind": "inclusion",
                    "operator": "gte",
                    "value": 30,
                    "source": "eGFR of at least 30 mL/min/1.73m2",
                },
                {
                    "question": "platelets",
                    "kind": "inclusion",
                    "operator": "gte",
                    "value": 100,
                    "source": "Platelets of 100,000 per microliter or more",
                },
                {
                    "question": "live_vaccine_last_30_days",
                    "kind": "exclusion",
                    "operator": "eq",
                    "value": True,
                    "source": "Live vaccine within 30 days before the first dose",
                },
            ],
        }
    ]


def test_redrafting_keeps_reviewed_criteria_and_says_what_happened():
    trial = make_trial("NCT05550001", eligibility_text=TEXT)
    make_criterion(trial, "egfr", "gte", 45, confirmed_by="doctor")

    first = run("nct05550001")
    second = run("NCT05550001")

    assert "NCT05550001: drafts replaced" in first
    assert "NCT05550001: drafts unchanged" in second
    assert "1 trials, 2 drafted criteria waiting for review." in second
    assert list(trial.criteria.filter(status=CriterionStatus.REVIEWED).values_list("value")) == [
        (45,)
    ]


def test_all_drafts_every_trial():
    make_trial("NCT05550001", eligibility_text=TEXT)
    make_trial("NCT05550002", eligibility_text=TEXT)

    printed = json.loads(run("--all", "--json"))

    assert [entry["trial"] for entry in printed] == ["NCT05550001", "NCT05550002"]
    assert all(len(entry["criteria"]) == 3 for entry in printed)


def test_unknown_ids_are_named_and_exit_with_code_2():
    make_trial("NCT05550001", eligibility_text=TEXT)

    with pytest.raises(CommandError, match="NCT00000000") as error:
        run("NCT05550001", "NCT00000000")

    assert error.value.returncode == 2
    assert not Criterion.objects.exists()  # nothing drafted for the known one either


@pytest.mark.parametrize("args", [(), ("NCT05550001", "--all")])
def test_no_ids_and_no_all_or_both_is_a_usage_error(args):
    make_trial("NCT05550001", eligibility_text=TEXT)

    with pytest.raises(CommandError, match="--all") as error:
        run(*args)

    assert error.value.returncode == 2
