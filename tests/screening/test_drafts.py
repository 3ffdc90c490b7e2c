"""Drafted criteria in the database: re-drafting, the review flag, coverage, closing a review."""

from __future__ import annotations

from typing import Any

import pytest

from screening import drafts
from screening.coverage import RegistryFacts, registry_checked_lines
from screening.drafting import Draft
from screening.drafts import DraftingError, redraft
from screening.models import Criterion, CriterionStatus, Question
from tests.builders import make_criterion, make_staff, make_trial
from trials.models import Trial

pytestmark = pytest.mark.django_db

TEXT = """Inclusion Criteria:
* Adults aged 18 to 75
* eGFR of at least 30 mL/min/1.73m2
Exclusion Criteria:
* Pregnant or breastfeeding
* Active lupus of the brain"""
LINES = [
    "Adults aged 18 to 75",
    "eGFR of at least 30 mL/min/1.73m2",
    "Pregnant or breastfeeding",
    "Active lupus of the brain",
]


def egfr_draft(value: Any = 30, **fields) -> Draft:
    return Draft(
        **{
            "question": "egfr",
            "kind": "inclusion",
            "operator": "gte",
            "value": value,
            "source": LINES[1],
            "confirmed_by": "doctor",
            **fields,
        }
    )


def pregnant_draft(**fields) -> Draft:
    return Draft(
        **{
            "question": "pregnant",
            "kind": "exclusion",
            "operator": "eq",
            "value": True,
            "source": LINES[2],
            **fields,
        }
    )


def questions() -> dict[str, Question]:
    return {question.key: question for question in Question.objects.all()}


def stored(trial: Trial) -> list[tuple]:
    return list(
        trial.criteria.order_by("status", "position", "id").values_list(
            "question__key", "operator", "value", "status", "source"
        )
    )


def test_drafts_are_stored_as_drafts_with_their_source_line():
    trial = make_trial(eligibility_text=TEXT)

    outcome = redraft(trial, [egfr_draft(), pregnant_draft()], LINES, questions())

    assert outcome.changed
    assert stored(trial) == [
        ("egfr", "gte", 30, "draft", LINES[1]),
        ("pregnant", "eq", True, "draft", LINES[2]),
    ]


def test_drafting_neither_raises_nor_clears_the_review_flag():
    trial = make_trial(eligibility_text=TEXT)
    redraft(trial, [egfr_draft()], LINES, questions())
    trial.refresh_from_db()
    assert (trial.criteria_fingerprint, trial.criteria_need_review) == ("", False)

    Trial.objects.filter(pk=trial.pk).update(criteria_need_review=True)
    trial.refresh_from_db()
    redraft(trial, [egfr_draft(25)], LINES, questions())
    trial.refresh_from_db()
    assert trial.criteria_need_review is True


def test_redrafting_the_same_drafts_changes_nothing():
    trial = make_trial(eligibility_text=TEXT)
    redraft(trial, [egfr_draft(), pregnant_draft()], LINES, questions())
    ids = list(trial.criteria.values_list("pk", flat=True))

    outcome = redraft(trial, [egfr_draft(), pregnant_draft()], LINES, questions())

    assert not outcome.changed
    assert list(trial.criteria.values_list("pk", flat=True)) == ids


def test_redrafting_replaces_drafts_and_never_touches_reviewed_criteria():
    trial = make_trial(eligibility_text=TEXT)
    written = make_criterion(trial, "sledai_2k", "gte", 6, confirmed_by="doctor")
    redraft(trial, [egfr_draft(), pregnant_draft()], LINES, questions())

    redraft(trial, [egfr_draft(45)], LINES, questions())

    assert stored(trial) == [
        ("egfr", "gte", 45, "draft", LINES[1]),
        ("sledai_2k", "gte", 6, "reviewed", ""),
    ]
    assert Criterion.objects.get(pk=written.pk).value == 6


def test_a_question_staff_already_reviewed_is_not_drafted_again():
    trial = make_trial(eligibility_text=TEXT)
    make_criterion(trial, "egfr", "gte", 25, confirmed_by="doctor", source=LINES[1])

    redraft(trial, [egfr_draft(), pregnant_draft()], LINES, questions())

    assert stored(trial) == [
        ("pregnant", "eq", True, "draft", LINES[2]),
        ("egfr", "gte", 25, "reviewed", LINES[1]),
    ]


def test_a_draft_the_bank_cannot_hold_names_the_trial_and_line_and_writes_nothing():
    trial = make_trial("NCT01234567", eligibility_text=TEXT)
    redraft(trial, [pregnant_draft()], LINES, questions())

    with pytest.raises(DraftingError, match="egfr from “eGFR of at least 30"):
        redraft(trial, [pregnant_draft(), egfr_draft("thirty")], LINES, questions())

    assert stored(trial) == [("pregnant", "eq", True, "draft", LINES[2])]


def test_coverage_counts_lines_that_criteria_or_registry_fields_check():
    trial = make_trial(eligibility_text=TEXT)

    redraft(trial, [egfr_draft(), pregnant_draft()], LINES, questions(), registry_lines=[LINES[0]])

    trial.coverage.refresh_from_db()
    assert (trial.coverage.checked, trial.coverage.listed) == (3, 4)


def test_an_age_and_sex_line_that_welcomes_any_race_is_checked_by_the_registry_fields():
    lines = [
        ("inclusion", "Patients between 18 and 65 years old, male or female, of any race"),
        ("inclusion", "Men and women of all ethnic groups"),
        ("inclusion", "Black or African American race"),
    ]

    found = registry_checked_lines(lines, RegistryFacts(has_age_limits=True))

    assert found == [lines[0][1], lines[1][1]]


def test_a_hand_written_criterion_naming_its_line_counts_as_checked():
    trial = make_trial(eligibility_text=TEXT)
    redraft(trial, [], LINES, questions())
    make_criterion(
        trial, "pregnant", "eq", True, kind="exclusion", source="pregnant or breastfeeding."
    )

    coverage = drafts.refresh_coverage(trial, LINES)

    assert (coverage.checked, coverage.listed) == (1, 4)


def test_marking_criteria_reviewed_records_who_and_when_and_stops_redrafting():
    alice = make_staff("alice")
    trial = make_trial(eligibility_text=TEXT, criteria_need_review=True)
    redraft(trial, [egfr_draft(), pregnant_draft()], LINES, questions())
    trial.criteria.filter(question__key="pregnant").delete()  # staff rejected it

    drafts.mark_reviewed(Trial.objects.filter(pk=trial.pk), by=alice)

    trial.refresh_from_db()
    assert trial.criteria_reviewed_by == alice
    assert trial.criteria_reviewed_on is not None
    assert trial.criteria_need_review is False
    outcome = redraft(trial, [egfr_draft(), pregnant_draft()], LINES, questions())
    assert outcome.skipped
    assert [row[0] for row in stored(trial)] == ["egfr"]


def test_accepting_a_draft_makes_it_reviewed_and_records_the_text():
    trial = make_trial(eligibility_text=TEXT)
    redraft(trial, [egfr_draft()], LINES, questions())

    assert drafts.accept(trial.criteria.all()) == 1

    trial.refresh_from_db()
    assert trial.criteria.get().status == CriterionStatus.REVIEWED
    assert trial.criteria_fingerprint


def test_the_demo_seed_criteria_are_reviewed_name_their_lines_and_demo_trials_get_no_drafts():
    from django.core.management import call_command

    call_command("load_demo", stdout=None)

    seed = Trial.objects.get(registry_id="NCT06737380")
    assert set(seed.criteria.values_list("status", flat=True)) == {"reviewed"}
    assert all(seed.criteria.values_list("source", flat=True))
    # Age (registry fields), diagnosis, antibodies, eGFR, background therapy, SLEDAI-2K; not
    # consent, nor "see the registry record".
    assert (seed.coverage.checked, seed.coverage.listed) == (6, 8)
    assert not Criterion.objects.filter(status="draft").exists()
    assert not Trial.objects.filter(coverage__isnull=True).exists()


def test_loading_tells_the_engine_which_rules_are_drafts_and_where_they_came_from():
    from screening.loading import open_trials

    trial = make_trial("NCT01234567", eligibility_text=TEXT)
    make_criterion(trial, "sledai_2k", "gte", 6, confirmed_by="doctor")
    redraft(trial, [egfr_draft()], LINES, questions())

    (loaded,) = [found for found in open_trials() if found.trial_id == "NCT01234567"]

    by_key = {rule.key: rule for rule in loaded.rules}
    assert (by_key["egfr"].reviewed, by_key["egfr"].source) == (False, LINES[1])
    assert (by_key["sledai_2k"].reviewed, by_key["sledai_2k"].source) == (True, "")
