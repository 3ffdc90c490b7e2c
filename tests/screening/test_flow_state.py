"""The questionnaire's session state and form reading, as plain functions (no requests)."""

import datetime

import pytest
from django.http import QueryDict

from screening.criteria import AgeLimit, ConditionTree, Rule
from screening.display import answer_words, show
from screening.questionnaire import current_step, read_answer
from screening.questions import AnswerError, QuestionSpec
from screening.scope import (
    MOST_TRIALS_IN_A_LINK,
    Scope,
    condition_family,
    in_scope,
    requested_trial_ids,
)
from screening.state import (
    FlowState,
    dump,
    load,
    previous_key,
    record_answer,
    record_skip,
    without_answers,
)
from screening.trialset import TrialSet
from tests.builders import make_trial_criteria

TODAY = datetime.date(2025, 6, 30)

AGE = QuestionSpec("age", "number", unit="years", min_value=0, max_value=120, whole_number=True)
SEX = QuestionSpec(
    "sex",
    "single_choice",
    choices=("female", "male"),
    choice_labels={"female": "Female", "male": "Male"},
    position=20,
)
PREGNANT = QuestionSpec(
    "pregnant",
    "yes_no",
    offers_not_sure=True,
    depends_on="sex",
    depends_on_values=("female",),
    position=60,
)
CONDITIONS = QuestionSpec(
    "conditions",
    "multiple_choice",
    choices=("sle", "lupus-nephritis"),
    choice_labels={"sle": "Lupus (SLE)", "lupus-nephritis": "Lupus affecting the kidneys"},
    position=30,
)
WEIGHT = QuestionSpec(
    "weight",
    "number",
    unit="kg",
    alternative_units=("lb",),
    min_value=2,
    max_value=400,
    offers_not_sure=True,
    position=190,
)
POSTAL = QuestionSpec("postal_code", "text", position=40)
SPECS = {spec.key: spec for spec in (AGE, SEX, PREGNANT, CONDITIONS, WEIGHT, POSTAL)}
TREE = ConditionTree(
    parents={"sle": None, "lupus-nephritis": "sle", "cutaneous-lupus": "sle", "ra": None},
    names={"sle": "Lupus (SLE)", "lupus-nephritis": "Lupus affecting the kidneys"},
)


def form(**fields) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in fields.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    return query


# -- session ------------------------------------------------------------------------------


def test_state_survives_a_round_trip_through_the_session():
    state = FlowState(
        answers={"age": 34, "sex": "female", "pregnant": "not_sure"},
        history=("age", "sex", "pregnant", "weight"),
        skipped=("weight",),
        scope=Scope(condition="sle"),
    )

    loaded, notes = load(dump(state), SPECS, today=TODAY)

    assert loaded == state
    assert notes == []


def test_no_session_value_is_a_fresh_start_without_a_note():
    assert load(None, SPECS, today=TODAY) == (FlowState(), [])


@pytest.mark.parametrize("stored", ["text", 7, ["age"], {"answers": [], "history": []}])
def test_a_value_of_the_wrong_shape_is_dropped_with_a_note(stored):
    state, notes = load(stored, SPECS, today=TODAY)

    assert state.answers == {}
    assert notes


def test_answers_we_cannot_use_any_more_are_dropped_with_a_note():
    stored = {
        "answers": {"age": 500, "favourite_colour": "blue", "sex": "female"},
        "history": ["age", "favourite_colour", "sex", 9],
        "skipped": ["nonsense"],
        "scope": {"trials": ["NCT1", 2]},
    }

    state, notes = load(stored, SPECS, today=TODAY)

    assert state.answers == {"sex": "female"}
    assert state.history == ("sex",)
    assert state.skipped == ()
    assert state.scope == Scope()
    assert notes == ["Some of your earlier answers could not be used. We will ask again."]


def test_dump_keeps_canonical_values_only():
    stored = dump(FlowState(answers={"age": 34}, history=("age",), scope=Scope(trials=("A",))))

    assert stored == {
        "answers": {"age": 34},
        "history": ["age"],
        "skipped": [],
        "scope": {"trials": ["A"]},
    }


# -- changing the state -------------------------------------------------------------------


def test_changing_sex_to_male_drops_the_pregnancy_answer():
    state = FlowState(answers={"sex": "female", "pregnant": False}, history=("sex", "pregnant"))

    changed = record_answer(state, "sex", "male", SPECS)

    assert changed.answers == {"sex": "male"}
    assert changed.history == ("sex",)


def test_answering_a_skipped_question_unskips_it():
    state = record_skip(FlowState(), "age", SPECS)
    assert state.skipped == ("age",)

    state = record_answer(state, "age", 34, SPECS)

    assert state.skipped == ()
    assert state.history == ("age",)
    assert state.answers == {"age": 34}


def test_start_over_keeps_the_scope_a_clinician_set():
    state = FlowState(answers={"age": 34}, history=("age",), scope=Scope(condition="sle"))

    assert without_answers(state) == FlowState(scope=Scope(condition="sle"))


def test_previous_key_walks_back_through_the_history():
    state = FlowState(answers={"age": 34, "sex": "male"}, history=("age", "sex"))

    assert previous_key(state, "conditions") == "sex"
    assert previous_key(state, "sex") == "age"
    assert previous_key(state, "age") is None
    assert previous_key(FlowState(), "age") is None


# -- the step -----------------------------------------------------------------------------


def test_the_step_counts_studies_and_asks_the_engines_next_question():
    trials = TrialSet(
        [
            make_trial_criteria(trial_id="T1"),
            make_trial_criteria(trial_id="T2", min_age=AgeLimit(50)),
        ]
    )
    state = FlowState(answers={"age": 34}, history=("age",))

    step = current_step(state, trials, list(SPECS.values()), today=TODAY, conditions=TREE)

    assert step.still_possible == 1
    assert step.total == 2
    assert step.question.key == "conditions"
    assert step.number == 2


def test_the_postal_code_is_asked_last_while_a_study_is_still_possible():
    trials = TrialSet([make_trial_criteria(trial_id="T1")])
    state = FlowState(answers={"age": 34, "conditions": ["sle"]}, history=("age", "conditions"))

    step = current_step(state, trials, list(SPECS.values()), today=TODAY, conditions=TREE)
    assert step.question.key == "postal_code"
    assert step.remaining == 1

    done = record_skip(state, "postal_code", SPECS)
    step = current_step(done, trials, list(SPECS.values()), today=TODAY, conditions=TREE)
    assert step.question is None


def test_the_postal_code_is_not_asked_when_every_study_is_ruled_out():
    state = FlowState(answers={"age": 90, "conditions": ["sle"]}, history=("age", "conditions"))

    step = current_step(
        state,
        TrialSet([make_trial_criteria(trial_id="T1")]),
        list(SPECS.values()),
        today=TODAY,
        conditions=TREE,
    )

    assert step.still_possible == 0
    assert step.question is None


def test_editing_shows_the_question_again_and_counts_without_its_answer():
    trials = TrialSet([make_trial_criteria(trial_id="T1")])
    state = FlowState(answers={"age": 90}, history=("age",))

    step = current_step(
        state, trials, list(SPECS.values()), today=TODAY, conditions=TREE, edit="age"
    )

    assert step.question.key == "age"
    assert step.editing
    assert step.still_possible == 1
    assert step.number == 1


def test_questions_left_count_only_those_that_can_still_change_a_verdict():
    weight = Rule("weight", "lte", 150, reviewed=False, source="Weight up to 150 kg")
    trials = TrialSet(
        [
            make_trial_criteria(
                trial_id="T1", rules=(weight,), conditions=frozenset({"lupus-nephritis"})
            ),
            make_trial_criteria(trial_id="T2"),
        ]
    )
    state = FlowState(answers={"conditions": ["sle"]}, history=("conditions",))

    step = current_step(state, trials, list(SPECS.values()), today=TODAY, conditions=TREE)

    assert step.question.key == "age"
    # T1 stays "ask your doctor" (lupus of the kidneys is for a doctor to say): its drafted
    # weight limit can change nothing, so only the age and the ZIP code are left.
    assert step.remaining == 2
    assert step.progress_max == 3


def test_scope_by_condition_takes_its_kinds_and_scope_by_trials_takes_the_list():
    trials = [
        make_trial_criteria(trial_id="SLE"),
        make_trial_criteria(trial_id="LN", conditions=frozenset({"lupus-nephritis"})),
        make_trial_criteria(trial_id="RA", conditions=frozenset({"ra"})),
    ]

    by_condition = in_scope(trials, Scope(condition="sle"), TREE)
    by_list = in_scope(trials, Scope(trials=("RA", "NOPE")), TREE)

    assert [trial.trial_id for trial in by_condition] == ["SLE", "LN"]
    assert [trial.trial_id for trial in by_list] == ["RA"]
    assert len(in_scope(trials, Scope(), TREE)) == 3


def test_condition_family_includes_grandchildren():
    tree = ConditionTree(parents={"a": None, "b": "a", "c": "b", "d": None})

    assert condition_family("a", tree) == {"a", "b", "c"}


def test_trial_ids_from_a_link_are_tidied_and_capped():
    ids = requested_trial_ids(" nct01, NCT01 ,,NCT02 nct03")
    many = requested_trial_ids(",".join(f"NCT{n}" for n in range(100)))

    assert ids == ["NCT01", "NCT02", "NCT03"]
    assert len(many) == MOST_TRIALS_IN_A_LINK


# -- reading a form -----------------------------------------------------------------------


def test_none_of_these_means_no_condition():
    assert read_answer(CONDITIONS, "answer", form(answer=["none"]), today=TODAY) == []


def test_none_of_these_with_a_condition_is_refused():
    with pytest.raises(AnswerError, match="None of these"):
        read_answer(CONDITIONS, "answer", form(answer=["none", "sle"]), today=TODAY)


def test_a_number_is_converted_from_the_chosen_unit():
    answer = read_answer(WEIGHT, "answer", form(answer="150", unit="lb"), today=TODAY)

    assert answer == pytest.approx(68.039)


def test_a_unit_written_in_the_box_wins_over_the_list():
    answer = read_answer(WEIGHT, "answer", form(answer="150 lb", unit="kg"), today=TODAY)

    assert answer == pytest.approx(68.039)


def test_an_unknown_unit_from_the_list_is_refused():
    with pytest.raises(AnswerError, match="units in the list"):
        read_answer(WEIGHT, "answer", form(answer="150", unit="furlongs"), today=TODAY)


def test_not_sure_needs_the_question_to_offer_it():
    assert read_answer(WEIGHT, "not_sure", form(), today=TODAY) == "not_sure"
    with pytest.raises(AnswerError):
        read_answer(AGE, "not_sure", form(), today=TODAY)


def test_an_empty_answer_points_to_not_sure_or_skip():
    with pytest.raises(AnswerError, match="I’m not sure"):
        read_answer(PREGNANT, "answer", form(), today=TODAY)
    with pytest.raises(AnswerError, match="Skip"):
        read_answer(AGE, "answer", form(answer="  "), today=TODAY)


# -- showing ------------------------------------------------------------------------------


def test_a_question_shows_no_choice_until_answered():
    shown = show(SEX, wording="What is your sex?", help_text="")

    assert [choice.label for choice in shown.choices] == ["Female", "Male"]
    assert not any(choice.checked for choice in shown.choices)


def test_an_earlier_answer_is_shown_when_editing():
    assert [
        c.value for c in show(SEX, wording="", help_text="", answer="male").choices if c.checked
    ] == ["male"]
    assert show(AGE, wording="", help_text="", answer=34).text == "34"
    shown = show(CONDITIONS, wording="", help_text="", answer=[])
    assert [c.value for c in shown.choices if c.checked] == ["none"]
    assert show(PREGNANT, wording="", help_text="", answer="not_sure").said


@pytest.mark.parametrize(
    ("spec", "answer", "words"),
    [
        (AGE, 34, "34 years"),
        (PREGNANT, True, "Yes"),
        (PREGNANT, False, "No"),
        (PREGNANT, "not_sure", "I’m not sure"),
        (SEX, "female", "Female"),
        (CONDITIONS, ["sle", "lupus-nephritis"], "Lupus (SLE), Lupus affecting the kidneys"),
        (CONDITIONS, [], "None of these"),
        (POSTAL, "29425", "29425"),
    ],
)
def test_answers_read_back_in_plain_words(spec, answer, words):
    assert answer_words(spec, answer, TREE) == words
