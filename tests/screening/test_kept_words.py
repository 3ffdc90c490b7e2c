"""Words kept across trials and patients (criteria.Wording, engine._said): every result must read
as if its words were made afresh for that trial and that patient."""

import datetime
import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from screening import engine, explaining, loading
from screening.criteria import ConditionTree, Rule, Verdict
from screening.engine import evaluate, verdict_of
from screening.judging import Context, findings
from screening.questions import NEVER, NOT_SURE
from tests.builders import make_trial_criteria
from tests.screening.engine_cases import (
    FITS,
    NO_BIOLOGIC_12_MONTHS,
    PREGNANCY_EXCLUDED,
    TODAY,
    TREE,
)

PREDNISONE_AT_MOST_10 = Rule(
    "prednisone_mg_per_day",
    "lte",
    10,
    reason="This study takes people on 10 mg of prednisone a day or less.",
    reason_es="Este estudio acepta a personas que toman 10 mg de prednisona al día o menos.",
    unit="mg/day",
)


def _reasons(answers, *trials, today=TODAY):
    return [result.reasons for result in evaluate(answers, trials, today=today, conditions=TREE)]


def test_equal_criteria_in_other_words_keep_their_own_words():
    plain = make_trial_criteria(PREDNISONE_AT_MOST_10, trial_id="NCT00000001")
    other = Rule(**{**_fields(PREDNISONE_AT_MOST_10), "reason": "Prednisone: 10 mg a day at most."})
    reworded = make_trial_criteria(other, trial_id="NCT00000002")
    answers = {**FITS, "prednisone_mg_per_day": 20}

    first, second = _reasons(answers, plain, reworded)
    again_second, again_first = _reasons(answers, reworded, plain)

    assert first[0].startswith("This study takes people on 10 mg") and "20 mg" in first[0]
    assert second[0].startswith("Prednisone: 10 mg a day at most.") and "20 mg" in second[0]
    assert (again_first, again_second) == (first, second)


def test_each_patient_reads_their_own_answer_back():
    trial = make_trial_criteria(PREDNISONE_AT_MOST_10)

    said = [
        _reasons({**FITS, "prednisone_mg_per_day": dose}, trial)[0][0]
        for dose in (30, 20, 30, NOT_SURE)
    ]

    assert "You said 30 mg a day" in said[0]
    assert "You said 20 mg a day" in said[1]
    assert said[2] == said[0]
    assert "You were not sure" in said[3]


def test_words_kept_in_english_are_not_given_in_spanish():
    trial = make_trial_criteria(PREDNISONE_AT_MOST_10)
    answers = {**FITS, "prednisone_mg_per_day": 20}

    english = _reasons(answers, trial)[0][0]
    with translation.override("es"):
        spanish = _reasons(answers, trial)[0][0]
    english_again = _reasons(answers, trial)[0][0]

    assert spanish.startswith("Este estudio acepta a personas") and "20 mg" in spanish
    assert english_again == english


def test_kept_words_stay_within_their_bound(monkeypatch):
    monkeypatch.setattr(engine._kept_words, "size", 4)
    trial = make_trial_criteria(PREDNISONE_AT_MOST_10)

    for dose in range(11, 31):
        (reasons,) = _reasons({**FITS, "prednisone_mg_per_day": dose}, trial)
        assert f"You said {dose} mg a day" in reasons[0]
        assert len(engine._kept_words) <= 4


def test_a_criterion_that_applies_to_some_answers_reads_them_too():
    trial = make_trial_criteria(PREGNANCY_EXCLUDED)

    her, him = (
        evaluate({**FITS, "sex": sex, "pregnant": True}, [trial], today=TODAY, conditions=TREE)[0]
        for sex in ("female", "male")
    )

    assert her.verdict == Verdict.NOT_ELIGIBLE
    assert him.verdict == Verdict.LIKELY_ELIGIBLE


def test_condition_names_come_from_the_tree_of_the_day():
    trial = make_trial_criteria(conditions=frozenset({"lupus-nephritis"}))
    renamed = ConditionTree(TREE.parents, {**TREE.names, "lupus-nephritis": "Kidney lupus"})

    (before,) = evaluate(FITS, [trial], today=TODAY, conditions=TREE)
    (after,) = evaluate(FITS, [trial], today=TODAY, conditions=renamed)

    assert before.checklist == ("Whether you have Lupus affecting the kidneys",)
    assert after.checklist == ("Whether you have Kidney lupus",)


def test_a_time_window_is_judged_again_on_a_later_day():
    trial = make_trial_criteria(NO_BIOLOGIC_12_MONTHS)
    answers = {**FITS, "last_biologic_dose": "2025-03"}

    (today,) = evaluate(answers, [trial], today=TODAY, conditions=TREE)
    (year_later,) = evaluate(
        answers, [trial], today=TODAY + datetime.timedelta(days=400), conditions=TREE
    )

    assert today.verdict == Verdict.NOT_ELIGIBLE
    assert year_later.verdict == Verdict.LIKELY_ELIGIBLE


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es"])
def test_kept_words_match_words_made_afresh_for_many_patients_on_the_demo_studies(language):
    call_command("load_demo", stdout=StringIO())
    trials = loading.open_trials(TODAY)
    specs = loading.question_specs()
    tree = loading.condition_tree()
    rng = random.Random(5)
    patients = [_random_answers(specs, sorted(tree.parents), rng) for _ in range(150)]

    with translation.override(language):
        for answers in patients:
            kept = evaluate(answers, trials, today=TODAY, conditions=tree)
            assert [_as_read(result) for result in kept] == _made_afresh(answers, trials, tree)


def _made_afresh(answers, trials, tree):
    """The engine's answer without anything kept: judging.findings and explaining.words."""
    context = Context(answers, TODAY, tree)
    made = []
    with explaining.one_language():
        for trial in trials:
            found = findings(trial, context)
            verdicts = [verdict_of(finding) for finding in found]
            verdict = next(
                (worst for worst in reversed(Verdict) if worst in verdicts),
                Verdict.LIKELY_ELIGIBLE,
            )
            deciding = [f for f, said in zip(found, verdicts, strict=True) if said is verdict]
            reasons, checklist = explaining.words(trial, verdict, deciding, context)
            made.append((trial.trial_id, verdict, reasons, checklist, _langs(reasons, checklist)))
    return made


def _as_read(result):
    langs = _langs(result.reasons, result.checklist)
    return (result.trial_id, result.verdict, result.reasons, result.checklist, langs)


def _langs(*texts):
    return tuple(getattr(text, "lang", "") for group in texts for text in group)


def _random_answers(specs, conditions, rng):
    """A patient's answers: each question answered, not sure or left out, at random."""
    answers = {}
    for spec in specs:
        if rng.random() < 0.2:
            continue
        if spec.offers_not_sure and rng.random() < 0.2:
            answers[spec.key] = NOT_SURE
        elif spec.key == "conditions":
            answers[spec.key] = rng.sample(conditions, rng.randint(0, 2))
        elif spec.type == "yes_no":
            answers[spec.key] = rng.random() < 0.5
        elif spec.type == "number":
            low = spec.min_value if spec.min_value is not None else 0
            high = spec.max_value if spec.max_value is not None else 200
            answers[spec.key] = rng.choice([low, high, round(rng.uniform(low, min(high, 200)))])
        elif spec.type == "single_choice" and spec.choices:
            answers[spec.key] = rng.choice(spec.choices)
        elif spec.type == "date":
            answers[spec.key] = rng.choice([NEVER, "2025-05", "2024-01-15", "2025-06-20"])
        elif spec.type == "text":
            answers[spec.key] = "29425"
    return answers


def _fields(rule):
    return {name: getattr(rule, name) for name in rule.__slots__}
