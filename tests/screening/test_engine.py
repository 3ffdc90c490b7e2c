"""The eligibility engine's rules, on plain data: no database."""

import datetime

import pytest

from screening.criteria import AgeLimit, Outcome, Rule, Verdict
from screening.engine import evaluate, next_question, progress, still_possible, verdict_masks
from screening.questions import NOT_SURE
from screening.trialset import TrialSet
from tests.builders import make_trial_criteria
from tests.screening.engine_cases import (
    FITS,
    NO_BIOLOGIC_12_MONTHS,
    PREGNANCY_EXCLUDED,
    QUESTIONS,
    TODAY,
    TREE,
    judge,
)

EGFR_30_DOCTOR = Rule(
    "egfr",
    "gte",
    30,
    confirmed_by="doctor",
    reason="This study needs a kidney test (eGFR) of 30 or more.",
    ask_doctor="Your most recent eGFR result",
    unit="mL/min/1.73m²",
)


def antibody(key: str, ask: str) -> Rule:
    return Rule(
        key,
        "eq",
        True,
        any_of_group="antibodies",
        reason="This study needs a positive lupus antibody test.",
        ask_doctor=ask,
    )


ANTIBODIES = (
    antibody("ana_positive", "Your ANA test result"),
    antibody("anti_dsdna_positive", "Your anti-dsDNA test result"),
    antibody("anti_smith_positive", "Your anti-Smith test result"),
)

# -- age --------------------------------------------------------------------------------


def test_age_at_the_minimum_is_likely_eligible():
    assert judge({**FITS, "age": 18}).verdict == Verdict.LIKELY_ELIGIBLE


def test_age_below_the_minimum_is_not_eligible_and_names_the_minimum():
    result = judge({**FITS, "age": 17})
    assert result.verdict == Verdict.NOT_ELIGIBLE
    assert any("18 years" in reason and "17" in reason for reason in result.reasons)


def test_age_at_the_maximum_is_likely_eligible():
    assert judge({**FITS, "age": 75}).verdict == Verdict.LIKELY_ELIGIBLE


def test_age_above_the_maximum_is_not_eligible():
    result = judge({**FITS, "age": 76})
    assert result.verdict == Verdict.NOT_ELIGIBLE
    assert any("75 years" in reason for reason in result.reasons)


def test_no_maximum_age_means_any_older_age_is_met():
    result = judge({**FITS, "age": 90}, make_trial_criteria(max_age=None))
    assert result.verdict == Verdict.LIKELY_ELIGIBLE
    assert result.findings[0].about == "age"
    assert result.findings[0].outcome == Outcome.MET


def test_no_age_limits_do_not_make_age_a_finding():
    result = judge(
        {"sex": "male", "conditions": ["sle"]}, make_trial_criteria(min_age=None, max_age=None)
    )
    assert result.verdict == Verdict.LIKELY_ELIGIBLE
    assert all(finding.about != "age" for finding in result.findings)


def test_age_not_given_means_ask_doctor():
    result = judge({"sex": "female", "conditions": ["sle"]})
    assert result.verdict == Verdict.ASK_DOCTOR
    assert any("18 years to 75 years" in reason for reason in result.reasons)


@pytest.mark.parametrize(
    ("limit", "age", "verdict"),
    [
        (AgeLimit(6, "months"), 0, Verdict.ASK_DOCTOR),  # 0 to 11 months old
        (AgeLimit(6, "months"), 1, Verdict.LIKELY_ELIGIBLE),
        (AgeLimit(216, "months"), 18, Verdict.LIKELY_ELIGIBLE),  # 18 years exactly
        (AgeLimit(216, "months"), 17, Verdict.NOT_ELIGIBLE),  # at most 215 months
        (AgeLimit(210, "months"), 17, Verdict.ASK_DOCTOR),  # 204 to 215 months
        (AgeLimit(52, "weeks"), 1, Verdict.LIKELY_ELIGIBLE),
        (AgeLimit(60, "weeks"), 1, Verdict.ASK_DOCTOR),
        (AgeLimit(28, "days"), 0, Verdict.ASK_DOCTOR),
        (AgeLimit(28, "days"), 2, Verdict.LIKELY_ELIGIBLE),
    ],
)
def test_minimum_ages_in_smaller_units_compare_exactly_where_possible(limit, age, verdict):
    result = judge({**FITS, "age": age}, make_trial_criteria(min_age=limit, max_age=None))
    assert result.verdict == verdict


@pytest.mark.parametrize(
    ("limit", "age", "verdict"),
    [
        (AgeLimit(215, "months"), 17, Verdict.LIKELY_ELIGIBLE),  # 17 years 11 months at most
        (AgeLimit(215, "months"), 18, Verdict.NOT_ELIGIBLE),
        (AgeLimit(210, "months"), 17, Verdict.ASK_DOCTOR),
        (AgeLimit(6, "weeks"), 0, Verdict.ASK_DOCTOR),
        (AgeLimit(6, "weeks"), 1, Verdict.NOT_ELIGIBLE),
    ],
)
def test_maximum_ages_in_smaller_units_compare_exactly_where_possible(limit, age, verdict):
    result = judge({**FITS, "age": age}, make_trial_criteria(min_age=None, max_age=limit))
    assert result.verdict == verdict


def test_an_unsure_exact_age_puts_the_age_limit_on_the_checklist():
    result = judge({**FITS, "age": 17}, make_trial_criteria(min_age=AgeLimit(210, "months")))
    assert any("210 months" in item for item in result.checklist)


# -- sex --------------------------------------------------------------------------------


def test_a_male_patient_and_a_female_only_trial_is_not_eligible():
    result = judge({**FITS, "sex": "male"}, make_trial_criteria(sex="female"))
    assert result.verdict == Verdict.NOT_ELIGIBLE
    assert result.reasons == ("This study is only for females.",)


def test_sex_not_given_for_a_female_only_trial_means_ask_doctor():
    answers = {"age": 40, "conditions": ["sle"]}
    result = judge(answers, make_trial_criteria(sex="female"))
    assert result.verdict == Verdict.ASK_DOCTOR
    assert "only for females" in result.reasons[0]


def test_sex_does_not_matter_for_a_trial_open_to_all():
    answers = {"age": 40, "conditions": ["sle"]}
    assert judge(answers).verdict == Verdict.LIKELY_ELIGIBLE


# -- conditions and healthy volunteers -------------------------------------------------


def test_a_patient_with_lupus_nephritis_fits_a_trial_on_lupus():
    result = judge({**FITS, "conditions": ["lupus-nephritis"]})
    assert result.verdict == Verdict.LIKELY_ELIGIBLE


def test_a_patient_with_only_another_condition_is_not_eligible_with_a_plain_reason():
    result = judge({**FITS, "conditions": ["myositis"]})
    assert result.verdict == Verdict.NOT_ELIGIBLE
    assert result.reasons == (
        "This study is for people with Lupus (SLE). You did not choose that.",
    )


def test_a_patient_with_lupus_and_a_trial_on_lupus_nephritis_asks_the_doctor():
    result = judge(FITS, make_trial_criteria(conditions=frozenset({"lupus-nephritis"})))
    assert result.verdict == Verdict.ASK_DOCTOR
    assert result.checklist == ("Whether you have Lupus affecting the kidneys",)


def test_a_patient_with_no_condition_and_a_trial_without_healthy_volunteers_is_not_eligible():
    result = judge({**FITS, "conditions": []})
    assert result.verdict == Verdict.NOT_ELIGIBLE
    assert "does not take healthy volunteers" in result.reasons[0]


def test_a_patient_with_no_condition_fits_a_trial_that_takes_healthy_volunteers():
    result = judge({**FITS, "conditions": []}, make_trial_criteria(healthy_volunteers=True))
    assert result.verdict == Verdict.LIKELY_ELIGIBLE


def test_a_trial_without_mapped_conditions_still_refuses_healthy_volunteers():
    no_conditions = make_trial_criteria(conditions=frozenset())
    assert judge({**FITS, "conditions": []}, no_conditions).verdict == Verdict.NOT_ELIGIBLE
    assert judge({**FITS, "conditions": ["myositis"]}, no_conditions).verdict == (
        Verdict.LIKELY_ELIGIBLE
    )


def test_conditions_not_given_means_ask_doctor():
    result = judge({"age": 40, "sex": "female"})
    assert result.verdict == Verdict.ASK_DOCTOR


def test_an_authored_conditions_criterion_counts_parents_too():
    rule = Rule("conditions", "in", ["sle"], reason="This study is for people with lupus.")
    result = judge({**FITS, "conditions": ["cutaneous-lupus"]}, make_trial_criteria(rule))
    assert result.verdict == Verdict.LIKELY_ELIGIBLE


# -- any-of groups ----------------------------------------------------------------------


def test_ana_not_sure_and_anti_dsdna_yes_meets_the_any_of_group():
    answers = {**FITS, "ana_positive": NOT_SURE, "anti_dsdna_positive": True}
    result = judge(answers, make_trial_criteria(*ANTIBODIES[:2]))
    assert result.verdict == Verdict.LIKELY_ELIGIBLE
    group = [finding for finding in result.findings if finding.about == "criteria"]
    assert [finding.outcome for finding in group] == [Outcome.MET]


def test_all_three_antibodies_not_sure_asks_the_doctor_with_the_tests_on_the_checklist():
    answers = {
        **FITS,
        "ana_positive": NOT_SURE,
        "anti_dsdna_positive": NOT_SURE,
        "anti_smith_positive": NOT_SURE,
    }
    result = judge(answers, make_trial_criteria(*ANTIBODIES))
    assert result.verdict == Verdict.ASK_DOCTOR
    assert result.checklist == (
        "Your ANA test result",
        "Your anti-dsDNA test result",
        "Your anti-Smith test result",
    )
    assert result.reasons == (
        "This study needs a positive lupus antibody test. You were not sure, so your doctor "
        "can check.",
    )


def test_an_any_of_group_is_not_met_only_when_every_member_is_a_definite_no():
    answers = {**FITS, "ana_positive": False, "anti_dsdna_positive": False}
    assert judge(answers, make_trial_criteria(*ANTIBODIES[:2])).verdict == Verdict.NOT_ELIGIBLE
    answers["anti_dsdna_positive"] = NOT_SURE
    assert judge(answers, make_trial_criteria(*ANTIBODIES[:2])).verdict == Verdict.ASK_DOCTOR


def test_a_group_with_a_doctor_confirmed_member_that_looks_unmet_asks_the_doctor():
    doctor_dsdna = Rule(
        "anti_dsdna_positive", "eq", True, any_of_group="antibodies", confirmed_by="doctor"
    )
    answers = {**FITS, "ana_positive": False, "anti_dsdna_positive": False}
    result = judge(answers, make_trial_criteria(ANTIBODIES[0], doctor_dsdna))
    assert result.verdict == Verdict.ASK_DOCTOR


def test_the_same_group_label_in_two_trials_is_two_separate_groups():
    answers = {**FITS, "ana_positive": True}
    first = make_trial_criteria(ANTIBODIES[0], trial_id="NCT1")
    second = make_trial_criteria(ANTIBODIES[1], trial_id="NCT2")
    verdicts = [result.verdict for result in judge(answers, first, second)]
    assert verdicts == [Verdict.LIKELY_ELIGIBLE, Verdict.ASK_DOCTOR]


# -- doctor-confirmed criteria, numbers -----------------------------------------------------


def test_egfr_below_a_doctor_confirmed_minimum_asks_the_doctor_and_says_why():
    result = judge({**FITS, "egfr": 25}, make_trial_criteria(EGFR_30_DOCTOR))
    assert result.verdict == Verdict.ASK_DOCTOR
    assert result.reasons == (
        "This study needs a kidney test (eGFR) of 30 or more. You said 25 mL/min/1.73m², "
        "which may not fit. Your doctor can check.",
    )
    assert result.checklist == ("Your most recent eGFR result",)


def test_egfr_at_the_minimum_meets_it():
    assert (
        judge({**FITS, "egfr": 30}, make_trial_criteria(EGFR_30_DOCTOR)).verdict
        == Verdict.LIKELY_ELIGIBLE
    )


def test_a_patient_confirmed_number_below_the_minimum_is_not_eligible_with_the_answer():
    rule = Rule("egfr", "gte", 30, reason="Needs an eGFR of 30 or more.", unit="mL/min/1.73m²")
    result = judge({**FITS, "egfr": 29.5}, make_trial_criteria(rule))
    assert result.verdict == Verdict.NOT_ELIGIBLE
    assert result.reasons == ("Needs an eGFR of 30 or more. You said 29.5 mL/min/1.73m².",)


@pytest.mark.parametrize(
    ("dose", "verdict"),
    [(0, Verdict.LIKELY_ELIGIBLE), (10, Verdict.LIKELY_ELIGIBLE), (10.5, Verdict.NOT_ELIGIBLE)],
)
def test_a_between_range_includes_both_ends(dose, verdict):
    rule = Rule("prednisone_mg_per_day", "between", [0, 10], reason="At most 10 mg a day.")
    assert (
        judge({**FITS, "prednisone_mg_per_day": dose}, make_trial_criteria(rule)).verdict == verdict
    )


def test_an_unanswered_criterion_asks_the_doctor_and_says_we_lack_the_answer():
    result = judge(FITS, make_trial_criteria(EGFR_30_DOCTOR))
    assert result.verdict == Verdict.ASK_DOCTOR
    assert result.reasons[0].endswith("We do not have this answer yet.")


# -- exclusions and time windows ------------------------------------------------------------


def test_an_excluded_treatment_within_the_window_outranks_another_unknown():
    answers = {**FITS, "last_biologic_dose": "2025-01-15"}
    result = judge(answers, make_trial_criteria(NO_BIOLOGIC_12_MONTHS, EGFR_30_DOCTOR))
    assert result.verdict == Verdict.NOT_ELIGIBLE
    assert result.reasons == (
        "People who had a biologic medicine in the last 12 months cannot join.",
    )


@pytest.mark.parametrize(
    ("last_dose", "verdict"),
    [
        ("2024-06-30", Verdict.NOT_ELIGIBLE),  # exactly 12 months ago: inside the window
        ("2024-06-29", Verdict.LIKELY_ELIGIBLE),  # one day before it
        ("2024-07", Verdict.NOT_ELIGIBLE),  # all of July 2024 is inside
        ("2024-06", Verdict.ASK_DOCTOR),  # June 2024 straddles the edge
        ("2024-05", Verdict.LIKELY_ELIGIBLE),
        ("never", Verdict.LIKELY_ELIGIBLE),
        (NOT_SURE, Verdict.ASK_DOCTOR),
    ],
)
def test_time_windows_count_back_from_today(last_dose, verdict):
    answers = {**FITS, "last_biologic_dose": last_dose}
    assert judge(answers, make_trial_criteria(NO_BIOLOGIC_12_MONTHS)).verdict == verdict


def test_the_same_answer_moves_out_of_the_window_as_days_pass():
    answers = {**FITS, "last_biologic_dose": "2024-07-10"}
    study = make_trial_criteria(NO_BIOLOGIC_12_MONTHS)
    assert judge(answers, study).verdict == Verdict.NOT_ELIGIBLE
    later = datetime.date(2025, 7, 11)
    assert judge(answers, study, today=later).verdict == Verdict.LIKELY_ELIGIBLE


@pytest.mark.parametrize(
    ("unit", "amount", "inside", "outside"),
    [
        ("days", 30, "2025-05-31", "2025-05-30"),
        ("weeks", 2, "2025-06-16", "2025-06-15"),
        ("years", 1, "2024-06-30", "2024-06-29"),
    ],
)
def test_window_edges_in_each_unit(unit, amount, inside, outside):
    rule = Rule(
        "last_biologic_dose",
        "within_last",
        {"amount": amount, "unit": unit},
        kind="exclusion",
        reason="Recent biologic.",
    )
    assert judge({**FITS, "last_biologic_dose": inside}, make_trial_criteria(rule)).verdict == (
        Verdict.NOT_ELIGIBLE
    )
    assert judge({**FITS, "last_biologic_dose": outside}, make_trial_criteria(rule)).verdict == (
        Verdict.LIKELY_ELIGIBLE
    )


def test_a_month_window_from_the_31st_ends_on_the_last_day_of_a_short_month():
    rule = Rule(
        "last_biologic_dose",
        "within_last",
        {"amount": 1, "unit": "months"},
        kind="exclusion",
        reason="Recent biologic.",
    )
    today = datetime.date(2025, 3, 31)
    inside = {**FITS, "last_biologic_dose": "2025-02-28"}
    outside = {**FITS, "last_biologic_dose": "2025-02-27"}
    assert judge(inside, make_trial_criteria(rule), today=today).verdict == Verdict.NOT_ELIGIBLE
    assert judge(outside, make_trial_criteria(rule), today=today).verdict == Verdict.LIKELY_ELIGIBLE


def test_a_doctor_confirmed_exclusion_that_holds_asks_the_doctor():
    rule = Rule(
        "chronic_infection",
        "eq",
        True,
        kind="exclusion",
        confirmed_by="doctor",
        reason="People with some long-lasting infections cannot join.",
        ask_doctor="Your infection tests",
    )
    result = judge({**FITS, "chronic_infection": True}, make_trial_criteria(rule))
    assert result.verdict == Verdict.ASK_DOCTOR
    assert result.checklist == ("Your infection tests",)


def test_a_passed_exclusion_is_not_listed_among_the_reasons_it_fits():
    rule = Rule("cancer_last_5_years", "eq", True, kind="exclusion", reason="No recent cancer.")
    result = judge({**FITS, "cancer_last_5_years": False}, make_trial_criteria(rule))
    assert result.verdict == Verdict.LIKELY_ELIGIBLE
    assert "No recent cancer." not in result.reasons


# -- not applicable -----------------------------------------------------------------------------


def test_a_question_that_does_not_apply_makes_its_criterion_not_applicable():
    result = judge({**FITS, "sex": "male"}, make_trial_criteria(PREGNANCY_EXCLUDED))
    assert result.verdict == Verdict.LIKELY_ELIGIBLE
    criteria = [finding for finding in result.findings if finding.about == "criteria"]
    assert criteria[0].outcome == Outcome.NOT_APPLICABLE


def test_a_question_that_applies_but_is_unanswered_is_unknown():
    assert judge(FITS, make_trial_criteria(PREGNANCY_EXCLUDED)).verdict == Verdict.ASK_DOCTOR
    pregnant = {**FITS, "pregnant": True}
    assert judge(pregnant, make_trial_criteria(PREGNANCY_EXCLUDED)).verdict == Verdict.NOT_ELIGIBLE


# -- counts and the next question ---------------------------------------------------------------


def ask(answers, trials, **kwargs):
    question = next_question(answers, trials, QUESTIONS, today=TODAY, conditions=TREE, **kwargs)
    return question.key if question else None


def test_still_possible_counts_trials_not_ruled_out():
    trials = [
        make_trial_criteria(trial_id="NCT1"),
        make_trial_criteria(trial_id="NCT2", sex="male"),
        make_trial_criteria(trial_id="NCT3", rules=(EGFR_30_DOCTOR,)),
    ]
    results = evaluate(FITS, trials, today=TODAY, conditions=TREE)
    assert still_possible(results) == 2


def test_the_first_question_is_the_one_most_trials_wait_on():
    trials = [
        make_trial_criteria(trial_id="NCT1", rules=(EGFR_30_DOCTOR,)),
        make_trial_criteria(trial_id="NCT2"),
    ]
    assert ask({}, trials) == "age"


def test_a_question_no_trial_has_a_criterion_on_is_never_asked():
    trials = [make_trial_criteria(min_age=None, max_age=None, conditions=frozenset())]
    answers = {"conditions": ["sle"]}
    assert ask(answers, trials) is None


def test_the_postal_code_never_changes_a_verdict_so_it_is_not_returned():
    assert ask(FITS, [make_trial_criteria()]) is None


def test_questions_for_ruled_out_trials_are_not_asked():
    trials = [make_trial_criteria(EGFR_30_DOCTOR, sex="male")]
    assert ask(FITS, trials) is None


def test_the_next_question_prefers_what_decides_more_trials():
    infection = Rule("chronic_infection", "eq", True, kind="exclusion", reason="No infection.")
    trials = [
        make_trial_criteria(EGFR_30_DOCTOR, trial_id="NCT1"),
        make_trial_criteria(infection, trial_id="NCT2"),
        make_trial_criteria(infection, trial_id="NCT3"),
    ]
    assert ask(FITS, trials) == "chronic_infection"
    assert ask({**FITS, "chronic_infection": False}, trials) == "egfr"


def test_a_met_any_of_group_no_longer_needs_its_other_members():
    trials = [make_trial_criteria(*ANTIBODIES[:2])]
    assert ask(FITS, trials) == "ana_positive"
    assert ask({**FITS, "ana_positive": True}, trials) is None
    assert ask({**FITS, "ana_positive": NOT_SURE}, trials) == "anti_dsdna_positive"


def test_a_dependent_question_waits_for_the_question_it_depends_on():
    trials = [make_trial_criteria(PREGNANCY_EXCLUDED)]
    answers = {"age": 40, "conditions": ["sle"]}
    assert ask(answers, trials) == "sex"
    assert ask({**answers, "sex": "female"}, trials) == "pregnant"
    assert ask({**answers, "sex": "male"}, trials) is None


def test_skipped_questions_are_not_asked_again():
    trials = [make_trial_criteria(EGFR_30_DOCTOR)]
    assert ask(FITS, trials) == "egfr"
    assert ask(FITS, trials, skipped={"egfr"}) is None


def test_answering_every_question_next_question_returns_returns_none_in_the_end():
    infection = Rule("chronic_infection", "eq", True, kind="exclusion", reason="No infection.")
    trials = [make_trial_criteria(EGFR_30_DOCTOR, PREGNANCY_EXCLUDED, *ANTIBODIES[:2], infection)]
    answers: dict = {}
    asked = []
    canned = {
        "age": 40,
        "sex": "female",
        "conditions": ["sle"],
        "pregnant": False,
        "egfr": 45,
        "ana_positive": True,
        "chronic_infection": False,
    }
    while (key := ask(answers, trials)) is not None:
        asked.append(key)
        answers[key] = canned[key]
    assert "anti_dsdna_positive" not in asked  # ANA yes already met the group
    assert "postal_code" not in asked
    assert evaluate(answers, trials, today=TODAY, conditions=TREE)[0].verdict == (
        Verdict.LIKELY_ELIGIBLE
    )


def test_as_dict_matches_the_screen_command_contract():
    result = judge({**FITS, "age": 17}, make_trial_criteria(listed=12, checked=5))
    assert result.as_dict() == {
        "trial": "NCT00000001",
        "result": "not_eligible",
        "reasons": list(result.reasons),
        "checked": 5,
        "listed": 12,
    }


def test_progress_gives_the_count_and_the_next_question_in_one_pass():
    trials = [
        make_trial_criteria(EGFR_30_DOCTOR, trial_id="NCT1"),
        make_trial_criteria(trial_id="NCT2", sex="male"),
        make_trial_criteria(trial_id="NCT3"),
    ]
    step = progress(FITS, trials, QUESTIONS, today=TODAY, conditions=TREE)
    assert step.still_possible == 2
    assert step.next_question.key == "egfr"
    results = evaluate(FITS, trials, today=TODAY, conditions=TREE)
    assert still_possible(results) == step.still_possible


def test_verdicts_without_words_match_the_explained_verdicts():
    trials = [
        make_trial_criteria(EGFR_30_DOCTOR, trial_id="NCT1"),
        make_trial_criteria(trial_id="NCT2", sex="male"),
        make_trial_criteria(NO_BIOLOGIC_12_MONTHS, trial_id="NCT3"),
    ]
    answers = {**FITS, "egfr": 25, "last_biologic_dose": "2024-06"}
    explained = evaluate(answers, trials, today=TODAY, conditions=TREE)
    quick = evaluate(answers, trials, today=TODAY, conditions=TREE, explain=False)
    assert [r.verdict for r in quick] == [r.verdict for r in explained]
    assert [r.verdict for r in quick] == ["ask_doctor", "not_eligible", "ask_doctor"]
    assert all(r.reasons == () for r in quick)


def test_a_trial_set_gives_the_same_steps_and_verdicts_as_a_plain_list():
    infection = Rule("chronic_infection", "eq", True, kind="exclusion", reason="No infection.")
    trials = [
        make_trial_criteria(EGFR_30_DOCTOR, PREGNANCY_EXCLUDED, trial_id="NCT1"),
        make_trial_criteria(*ANTIBODIES[:2], infection, trial_id="NCT2"),
        make_trial_criteria(infection, trial_id="NCT3", sex="male"),
        make_trial_criteria(trial_id="NCT4", conditions=frozenset({"myositis"})),
        make_trial_criteria(NO_BIOLOGIC_12_MONTHS, trial_id="NCT5", max_age=None),
    ]
    indexed = TrialSet(trials)
    canned = {
        "age": 40,
        "sex": "female",
        "conditions": ["sle"],
        "pregnant": False,
        "egfr": 25,
        "ana_positive": NOT_SURE,
        "anti_dsdna_positive": True,
        "chronic_infection": False,
    }
    answers: dict = {}
    while True:
        plain = progress(answers, trials, QUESTIONS, today=TODAY, conditions=TREE)
        fast = progress(answers, indexed, QUESTIONS, today=TODAY, conditions=TREE)
        assert fast == plain
        verdicts = [
            evaluate(answers, given, today=TODAY, conditions=TREE, explain=False)
            for given in (trials, indexed)
        ]
        assert verdicts[0] == verdicts[1]
        masks = verdict_masks(answers, indexed, today=TODAY, conditions=TREE)
        by_mask = [
            next(verdict for verdict, mask in masks.items() if mask >> position & 1)
            for position in range(len(indexed))
        ]
        assert by_mask == [result.verdict for result in verdicts[0]]
        if plain.next_question is None:
            break
        answers[plain.next_question.key] = canned[plain.next_question.key]
    assert len(answers) > 4


def test_equal_units_share_one_signature_and_forgotten_ones_leave_the_table():
    """Signatures are shared while trials hold them, and the table does not grow with every
    reload of changed criteria (it holds them weakly)."""
    import gc

    from screening import criteria

    first = make_trial_criteria(Rule("egfr", "gte", 30))
    again = make_trial_criteria(Rule("egfr", "gte", 30))
    assert first.signatures == again.signatures
    gc.collect()
    held = len(criteria._signatures)
    for value in range(1000, 1200):
        make_trial_criteria(Rule("egfr", "gte", value))
    gc.collect()
    assert len(criteria._signatures) == held
    assert first.signatures == make_trial_criteria(Rule("egfr", "gte", 30)).signatures


def test_a_trial_set_keeps_findings_by_the_answers_they_read():
    from screening.judging import Context
    from screening.trialset import judge_each_once

    trials = TrialSet(
        [
            make_trial_criteria(EGFR_30_DOCTOR, trial_id="NCT1"),
            make_trial_criteria(PREGNANCY_EXCLUDED, trial_id="NCT2"),
        ]
    )

    def findings(answers):
        return dict(judge_each_once(trials, Context(answers, TODAY, TREE)))

    first = findings({**FITS, "egfr": 25})
    again = findings({**FITS, "egfr": 25})
    assert all(again[key] is first[key] for key in first)  # kept, not judged again
    changed = findings({**FITS, "egfr": 45})
    moved = [key for key in first if changed[key] is not first[key]]
    assert moved and all("egfr" in {rule.key for rule in first[key].rules} for key in moved)
    plain = dict(judge_each_once(list(trials), Context({**FITS, "egfr": 45}, TODAY, TREE)))
    assert changed == plain
