"""Which question comes next: the patient's own facts before lab values, the most deciding
first, and never a question whose answer could change no verdict (drafts included)."""

from __future__ import annotations

import dataclasses
import itertools
import random

from screening.criteria import AgeLimit, Rule, Verdict
from screening.engine import evaluate, next_question, progress
from screening.questions import NOT_SURE, QuestionSpec
from tests.builders import make_trial_criteria
from tests.screening.engine_cases import FITS, PREGNANCY_EXCLUDED, QUESTIONS, TODAY, TREE

# The engine tests' bank, with lab values as the doctor's to confirm, and a platelet count.
LAB_VALUES = ("egfr", "ana_positive", "anti_dsdna_positive")
QUESTIONS = [
    dataclasses.replace(question, confirmed_by="doctor") if question.key in LAB_VALUES else question
    for question in QUESTIONS
] + [QuestionSpec("platelets", "number", offers_not_sure=True, position=220, confirmed_by="doctor")]


def draft(rule: Rule) -> Rule:
    return dataclasses.replace(rule, reviewed=False, source="As the registry wrote it")


PREGNANT = PREGNANCY_EXCLUDED
INFECTION = Rule("chronic_infection", "eq", True, kind="exclusion", reason="No infection.")
EGFR = Rule("egfr", "gte", 30, confirmed_by="doctor", reason="Kidney test of 30 or more.")
PLATELETS = Rule("platelets", "gte", 100, confirmed_by="doctor", reason="Platelets 100 or more.")
ANA = Rule("ana_positive", "eq", True, confirmed_by="doctor", reason="A positive ANA.")


def ask(answers, trials, **kwargs):
    question = next_question(answers, trials, QUESTIONS, today=TODAY, conditions=TREE, **kwargs)
    return question.key if question else None


def verdicts(answers, trials):
    results = evaluate(answers, trials, today=TODAY, conditions=TREE, explain=False)
    return [result.verdict for result in results]


def test_the_patients_own_facts_come_before_lab_values_that_more_trials_wait_on():
    trials = [
        make_trial_criteria(draft(EGFR), trial_id="NCT1"),
        make_trial_criteria(draft(EGFR), trial_id="NCT2"),
        make_trial_criteria(draft(EGFR), draft(INFECTION), trial_id="NCT3"),
    ]
    assert ask(FITS, trials) == "chronic_infection"
    assert ask({**FITS, "chronic_infection": False}, trials) == "egfr"


def test_among_lab_values_the_one_more_trials_wait_on_comes_first():
    trials = [
        make_trial_criteria(draft(PLATELETS), trial_id="NCT1"),
        make_trial_criteria(draft(PLATELETS), trial_id="NCT2"),
        make_trial_criteria(draft(EGFR), trial_id="NCT3"),
    ]
    assert ask(FITS, trials) == "platelets"


def test_a_draft_is_not_asked_for_a_trial_that_stays_ask_your_doctor_anyway():
    trials = [make_trial_criteria(draft(EGFR), draft(INFECTION))]
    unsure = {**FITS, "egfr": NOT_SURE}

    assert ask(unsure, trials) is None
    # Whatever the answer, the verdict would not move: that is why it is not asked.
    for answer in (True, False, NOT_SURE):
        assert verdicts({**unsure, "chronic_infection": answer}, trials) == [Verdict.ASK_DOCTOR]


def test_a_reviewed_patient_criterion_is_still_asked_there_because_it_can_rule_the_trial_out():
    trials = [make_trial_criteria(draft(EGFR), INFECTION)]
    unsure = {**FITS, "egfr": NOT_SURE}

    assert ask(unsure, trials) == "chronic_infection"
    assert verdicts({**unsure, "chronic_infection": True}, trials) == [Verdict.NOT_ELIGIBLE]


def test_a_lab_value_that_looks_unmet_makes_the_other_drafts_of_that_trial_moot():
    trials = [make_trial_criteria(EGFR, draft(PLATELETS), draft(INFECTION))]
    low = {**FITS, "egfr": 20}

    assert ask(low, trials) is None
    assert ask({**FITS, "egfr": 45}, trials) == "chronic_infection"


def test_a_broken_draft_leaves_only_questions_that_can_rule_the_trial_out():
    trials = [make_trial_criteria(draft(PREGNANT), draft(EGFR), INFECTION)]
    pregnant = {**FITS, "pregnant": True}

    assert ask(pregnant, trials) == "chronic_infection"
    assert ask({**pregnant, "chronic_infection": False}, trials) is None


def test_a_narrower_condition_asks_only_what_can_rule_the_trial_out():
    nephritis = frozenset({"lupus-nephritis"})
    trials = [make_trial_criteria(draft(INFECTION), draft(EGFR), conditions=nephritis)]

    assert ask({"conditions": ["sle"]}, trials) == "age"  # an age limit can rule it out
    assert ask({**FITS, "conditions": ["sle"]}, trials) is None
    assert ask({**FITS, "conditions": ["lupus-nephritis"]}, trials) == "chronic_infection"


def test_a_skipped_question_keeps_its_trial_at_ask_your_doctor_so_its_drafts_are_not_asked():
    trials = [make_trial_criteria(draft(EGFR), draft(PLATELETS))]

    assert ask(FITS, trials) == "egfr"
    assert ask(FITS, trials, skipped={"egfr"}) is None


def test_a_draft_still_matters_for_another_trial_that_can_come_out_likely():
    trials = [
        make_trial_criteria(draft(INFECTION), draft(EGFR), trial_id="NCT1"),
        make_trial_criteria(draft(INFECTION), trial_id="NCT2"),
    ]
    unsure = {**FITS, "egfr": NOT_SURE}

    assert ask(unsure, trials) == "chronic_infection"
    assert verdicts({**unsure, "chronic_infection": False}, trials)[1] == Verdict.LIKELY_ELIGIBLE


def test_an_any_of_group_with_a_draft_member_cannot_rule_out_so_it_is_moot_there():
    infection_or_ana = [
        dataclasses.replace(INFECTION, kind="inclusion", any_of_group="either"),
        dataclasses.replace(ANA, confirmed_by="patient", any_of_group="either"),
    ]
    stuck = {**FITS, "egfr": NOT_SURE}
    with_draft = make_trial_criteria(draft(EGFR), infection_or_ana[0], draft(infection_or_ana[1]))
    reviewed = make_trial_criteria(draft(EGFR), *infection_or_ana)

    assert ask(stuck, [with_draft]) is None
    assert ask(stuck, [reviewed]) == "chronic_infection"


def test_with_a_budget_the_questions_that_can_settle_the_most_trials_in_time_come_first():
    trials = [
        make_trial_criteria(draft(EGFR), draft(PLATELETS), trial_id="NCT1"),
        make_trial_criteria(draft(EGFR), draft(PLATELETS), trial_id="NCT2"),
        make_trial_criteria(draft(ANA), trial_id="NCT3"),
    ]

    assert ask(FITS, trials) == "egfr"  # no budget: what most trials wait on
    # Two answers can settle two trials (eGFR and platelets) or one (ANA): the two.
    assert ask(FITS, trials, budget=2) == "egfr"
    assert ask({**FITS, "egfr": 45}, trials, budget=1) == "platelets"
    # One answer left: only the trial that waits on one question can still come out likely.
    assert ask(FITS, trials, budget=1) == "ana_positive"
    assert ask({**FITS, "ana_positive": True}, trials, budget=0) is None


def test_with_a_budget_a_trial_that_needs_more_answers_than_are_left_is_not_pursued():
    trials = [make_trial_criteria(draft(EGFR), draft(PLATELETS), draft(INFECTION))]

    assert ask(FITS, trials, budget=3) == "chronic_infection"
    assert ask(FITS, trials, budget=2) is None
    # A question that can rule the trial out is still worth an answer.
    reviewed = [make_trial_criteria(draft(EGFR), draft(PLATELETS), INFECTION)]
    assert ask(FITS, reviewed, budget=1) == "chronic_infection"


def test_with_a_budget_one_answer_can_settle_an_any_of_group():
    either = [dataclasses.replace(draft(rule), any_of_group="antibodies") for rule in (ANA, EGFR)]
    trials = [make_trial_criteria(*either, draft(PLATELETS))]

    assert ask(FITS, trials, budget=2) == "egfr"  # the group's first in the bank, then platelets
    assert ask({**FITS, "egfr": 45}, trials, budget=1) == "platelets"


def test_with_a_budget_the_patients_facts_come_back_after_lab_values_only_to_rule_out():
    trials = [
        make_trial_criteria(draft(EGFR), trial_id="NCT1"),
        make_trial_criteria(draft(INFECTION), trial_id="NCT2"),
        make_trial_criteria(draft(EGFR), INFECTION, trial_id="NCT3"),
    ]
    labs_begun = {**FITS, "egfr": NOT_SURE}

    assert ask(FITS, trials, budget=3) == "chronic_infection"
    assert ask(labs_begun, trials[:2], budget=3) is None
    assert ask(labs_begun, trials, budget=3) == "chronic_infection"  # it can rule NCT3 out


# -- the rule, checked against every way the remaining questions could be answered -----------

CHOICES = {
    "age": (17, 40, 80),
    "sex": ("female", "male"),
    "pregnant": (True, False, NOT_SURE),
    "chronic_infection": (True, False, NOT_SURE),
    "egfr": (20, 60, NOT_SURE),
    "ana_positive": (True, False, NOT_SURE),
    "platelets": (50, 150, NOT_SURE),
}
POOL = [
    PREGNANT,
    INFECTION,
    EGFR,
    PLATELETS,
    ANA,
    dataclasses.replace(INFECTION, confirmed_by="doctor"),
    Rule("platelets", "gte", 100, reason="Platelets.", any_of_group="g"),
    Rule("chronic_infection", "eq", False, reason="No infection.", any_of_group="g"),
]


def random_trials(seed: int):
    rng = random.Random(seed)
    trials = []
    for number in range(rng.randint(1, 3)):
        rules = [rule for rule in POOL if rng.random() < 0.35]
        rules = [draft(rule) if rng.random() < 0.5 else rule for rule in rules]
        trials.append(
            make_trial_criteria(
                *rules,
                trial_id=f"NCT{number}",
                sex=rng.choice(("all", "all", "female")),
                min_age=AgeLimit(18) if rng.random() < 0.7 else None,
            )
        )
    return trials


def completions(answers, keys):
    keys = [key for key in keys if key not in answers]
    for values in itertools.product(*(CHOICES[key] for key in keys)):
        yield {**answers, **dict(zip(keys, values, strict=True))}


def test_questions_never_asked_could_not_have_changed_any_verdict_and_asked_ones_could():
    keys = list(CHOICES)
    for seed in range(200):
        trials = random_trials(seed)
        rng = random.Random(seed)
        answers = {"conditions": ["sle"]}
        # Findings are weighed one by one: two criteria of one trial on the same question can
        # make each other moot, so the engine may ask something that changes nothing there.
        one_each = all(len({r.key for r in t.rules}) == len(t.rules) for t in trials)
        worth = frozenset(CHOICES)
        while (key := ask(answers, trials)) is not None:
            # What is left to ask only shrinks, so its size bounds the questions left.
            step = progress(answers, trials, QUESTIONS, today=TODAY, conditions=TREE)
            assert key in step.worth_asking <= worth, (seed, answers)
            worth = step.worth_asking
            # What is asked can change a verdict, for some answers to everything else.
            others = [other for other in keys if other != key]
            assert not one_each or any(
                len({tuple(verdicts({**rest, key: value}, trials)) for value in CHOICES[key]}) > 1
                for rest in completions(answers, others)
            ), (seed, answers, key)
            answers[key] = rng.choice(CHOICES[key])
        # When nothing is left to ask, no answers to what was not asked move any verdict.
        seen = {tuple(verdicts(done, trials)) for done in completions(answers, keys)}
        assert len(seen) == 1, (seed, answers)


def test_with_a_budget_no_more_are_asked_and_each_one_asked_could_change_a_verdict():
    keys = list(CHOICES)
    for seed in range(200):
        trials = random_trials(seed)
        rng = random.Random(seed)
        budget = rng.randint(0, 4)
        answers = {"conditions": ["sle"]}
        one_each = all(len({r.key for r in t.rules}) == len(t.rules) for t in trials)
        asked = 0
        while (key := ask(answers, trials, budget=budget - asked)) is not None:
            step = progress(
                answers, trials, QUESTIONS, today=TODAY, conditions=TREE, budget=budget - asked
            )
            assert key in step.worth_asking, (seed, answers)
            others = [other for other in keys if other != key]
            assert not one_each or any(
                len({tuple(verdicts({**rest, key: value}, trials)) for value in CHOICES[key]}) > 1
                for rest in completions(answers, others)
            ), (seed, answers, key)
            answers[key] = rng.choice(CHOICES[key])
            asked += 1
        assert asked <= budget, (seed, answers)
