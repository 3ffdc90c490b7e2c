"""Drafted criteria in the engine: a broken draft asks the doctor and quotes the line."""

from __future__ import annotations

import dataclasses

import pytest

from screening.criteria import Rule, Verdict
from screening.engine import evaluate, progress
from screening.questions import QuestionSpec
from tests.builders import make_trial_criteria
from tests.screening.engine_cases import FITS, TODAY, TREE, judge

PREGNANT_LINE = "Women who are pregnant or breastfeeding"
PREGNANT = Rule(
    "pregnant",
    "eq",
    True,
    kind="exclusion",
    reason="This study does not take people who are pregnant.",
    ask_doctor="Whether you are pregnant",
    reviewed=False,
    source=PREGNANT_LINE,
)
PLATELETS_LINE = "Platelets ≥ 100,000/mm3"
PLATELETS = Rule(
    "platelets",
    "gte",
    100,
    reason="This study needs a platelet count of 100 or more.",
    unit="×10⁹/L",
    reviewed=False,
    source=PLATELETS_LINE,
)


def reviewed(rule: Rule) -> Rule:
    return dataclasses.replace(rule, reviewed=True)


def test_a_broken_draft_asks_the_doctor_and_quotes_the_registry_line():
    result = judge({**FITS, "pregnant": True}, make_trial_criteria(PREGNANT))

    assert result.verdict == Verdict.ASK_DOCTOR
    assert any(
        reason.startswith("This study does not take people who are pregnant.")
        and f"The study lists: “{PREGNANT_LINE}”" in reason
        for reason in result.reasons
    ), result.reasons
    assert "Whether you are pregnant" in result.checklist


def test_the_same_criterion_once_reviewed_rules_the_trial_out():
    result = judge({**FITS, "pregnant": True}, make_trial_criteria(reviewed(PREGNANT)))

    assert result.verdict == Verdict.NOT_ELIGIBLE
    assert not any("The study lists" in reason for reason in result.reasons)


def test_a_broken_number_draft_says_the_answer_and_the_line():
    result = judge({**FITS, "platelets": 60}, make_trial_criteria(PLATELETS))

    assert result.verdict == Verdict.ASK_DOCTOR
    assert (
        "This study needs a platelet count of 100 or more. You said 60 thousand per microliter, "
        f"which may not fit. Your doctor can check. The study lists: “{PLATELETS_LINE}”"
    ) in result.reasons


def test_a_met_draft_leaves_the_trial_likely_eligible():
    result = judge(
        {**FITS, "pregnant": False, "platelets": 150}, make_trial_criteria(PREGNANT, PLATELETS)
    )

    assert result.verdict == Verdict.LIKELY_ELIGIBLE


def test_a_broken_draft_never_outranks_a_reviewed_definite_miss():
    result = judge(
        {**FITS, "sex": "male", "pregnant": True}, make_trial_criteria(PREGNANT, sex="female")
    )

    assert result.verdict == Verdict.NOT_ELIGIBLE


@pytest.mark.parametrize("draft_first", [True, False])
def test_an_any_of_group_of_drafts_only_rules_out_when_every_failing_member_is_reviewed(
    draft_first,
):
    ana = Rule("ana_positive", "eq", True, any_of_group="antibodies", reason="Needs ANA.")
    dsdna = Rule(
        "anti_dsdna_positive",
        "eq",
        True,
        any_of_group="antibodies",
        reason="Needs anti-dsDNA.",
        reviewed=False,
        source="Positive ANA or anti-dsDNA",
    )
    members = (dsdna, ana) if draft_first else (ana, dsdna)
    answers = {**FITS, "ana_positive": False, "anti_dsdna_positive": False}

    assert judge(answers, make_trial_criteria(*members)).verdict == Verdict.ASK_DOCTOR
    everything_reviewed = make_trial_criteria(ana, reviewed(dsdna))
    assert judge(answers, everything_reviewed).verdict == Verdict.NOT_ELIGIBLE


def test_fast_verdicts_agree_with_the_worded_ones_for_drafts():
    trials = [
        make_trial_criteria(PREGNANT, trial_id="NCT00000001"),
        make_trial_criteria(reviewed(PREGNANT), trial_id="NCT00000002"),
        make_trial_criteria(PLATELETS, trial_id="NCT00000003"),
    ]
    answers = {**FITS, "pregnant": True, "platelets": 60}

    worded = evaluate(answers, trials, today=TODAY, conditions=TREE)
    fast = evaluate(answers, trials, today=TODAY, conditions=TREE, explain=False)

    assert [r.verdict for r in worded] == [r.verdict for r in fast]
    assert [r.verdict for r in fast] == [
        Verdict.ASK_DOCTOR,
        Verdict.NOT_ELIGIBLE,
        Verdict.ASK_DOCTOR,
    ]


def test_a_trial_with_a_broken_draft_stays_possible_while_questions_go_on():
    questions = [QuestionSpec(key="pregnant", type="yes_no", position=1)]
    step = progress(
        {**FITS, "pregnant": True},
        [make_trial_criteria(PREGNANT)],
        questions,
        today=TODAY,
        conditions=TREE,
    )

    assert step.still_possible == 1


@pytest.mark.parametrize("explain", [True, False])
def test_every_result_carries_how_many_requirements_were_checked_of_those_listed(explain):
    counted = make_trial_criteria(PREGNANT, listed=15, checked=7)
    (result,) = evaluate(FITS, [counted], today=TODAY, conditions=TREE, explain=explain)

    assert (result.checked, result.listed) == (7, 15)
    assert result.as_dict()["checked"] == 7 and result.as_dict()["listed"] == 15
