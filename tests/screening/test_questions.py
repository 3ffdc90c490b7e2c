"""Answer parsing, unit conversion and criterion values: plain data, no database."""

import datetime

import pytest

from screening.questions import (
    NOT_SURE,
    AnswerError,
    AnswersError,
    QuestionSpec,
    clean_criterion_value,
    convert,
    is_applicable,
    parse_answer,
    parse_answers,
)

WEIGHT = QuestionSpec(
    "weight",
    "number",
    unit="kg",
    alternative_units=("lb", "st"),
    min_value=2,
    max_value=400,
    offers_not_sure=True,
)
THERAPY = QuestionSpec(
    "background_therapy_weeks",
    "number",
    unit="weeks",
    alternative_units=("days", "months", "duration_years"),
    min_value=0,
    max_value=5200,
    offers_not_sure=True,
)
UPCR = QuestionSpec(
    "upcr", "number", unit="mg/mg", alternative_units=("mg/g", "mg/mmol"), min_value=0
)
PREDNISONE = QuestionSpec(
    "prednisone_mg_per_day", "number", unit="mg/day", min_value=0, offers_not_sure=True
)
AGE = QuestionSpec("age", "number", unit="years", min_value=0, max_value=120, whole_number=True)
SEX = QuestionSpec("sex", "single_choice", choices=("female", "male"))
CONDITIONS = QuestionSpec("conditions", "multiple_choice", choices=("sle", "lupus-nephritis"))
EGFR = QuestionSpec("egfr", "number", unit="mL/min/1.73m²", min_value=0, offers_not_sure=True)
ANA = QuestionSpec("ana_positive", "yes_no", offers_not_sure=True)
LAST_BIOLOGIC = QuestionSpec("last_biologic_dose", "date", choices=("never",), offers_not_sure=True)
POSTAL_CODE = QuestionSpec("postal_code", "text")
PREGNANT = QuestionSpec(
    "pregnant", "yes_no", offers_not_sure=True, depends_on="sex", depends_on_values=("female",)
)
BANK = {spec.key: spec for spec in (AGE, SEX, CONDITIONS, EGFR, ANA, WEIGHT, LAST_BIOLOGIC)}
TODAY = datetime.date(2025, 6, 30)


def test_pounds_convert_to_kilograms():
    assert parse_answer(WEIGHT, "150 lb") == pytest.approx(68.039, abs=0.001)
    assert parse_answer(WEIGHT, "150 lbs") == parse_answer(WEIGHT, {"value": 150, "unit": "lb"})
    assert parse_answer(WEIGHT, 150, unit="pounds") == pytest.approx(68.039, abs=0.001)


def test_stone_converts_to_kilograms():
    assert parse_answer(WEIGHT, "11 stone") == pytest.approx(69.853, abs=0.001)


def test_a_number_without_a_unit_is_in_the_canonical_unit():
    assert parse_answer(WEIGHT, "70") == 70
    assert parse_answer(WEIGHT, 70.5) == 70.5
    assert parse_answer(WEIGHT, "70,5 kg") == 70.5


@pytest.mark.parametrize(
    ("raw", "weeks"),
    [("12", 12), ("12 weeks", 12), ("3 months", 13.044), ("1 year", 52.177), ("14 days", 2)],
)
def test_therapy_time_in_weeks_months_years_or_days_becomes_weeks(raw, weeks):
    assert parse_answer(THERAPY, raw) == pytest.approx(weeks, abs=0.001)


def test_three_months_of_therapy_is_at_least_twelve_weeks():
    assert parse_answer(THERAPY, "3 months") >= 12


def test_urine_protein_in_mg_per_mmol_converts_to_mg_per_mg():
    assert parse_answer(UPCR, "113.12 mg/mmol") == 1
    assert parse_answer(UPCR, "500 mg/g") == 0.5
    assert parse_answer(UPCR, "0.5 g/g") == 0.5


def test_prednisone_accepts_plain_mg_as_mg_a_day():
    assert parse_answer(PREDNISONE, "7.5 mg") == 7.5
    assert parse_answer(PREDNISONE, "7.5 mg/day") == 7.5


def test_egfr_accepts_its_unit_as_written_on_lab_papers():
    assert parse_answer(EGFR, "45 mL/min/1.73m2") == 45


def test_an_unknown_unit_is_refused_with_the_units_we_take():
    with pytest.raises(AnswerError) as error:
        parse_answer(WEIGHT, "70 furlongs")
    assert "furlongs" in error.value.message
    assert "pounds" in error.value.message


def test_the_range_is_checked_after_conversion():
    with pytest.raises(AnswerError, match="400 kg or less"):
        parse_answer(WEIGHT, "1000 lb")
    with pytest.raises(AnswerError, match="0 years or more"):
        parse_answer(AGE, -1)


@pytest.mark.parametrize("raw", ["abc", "", None, True, [], "nan", "12 12"])
def test_non_numbers_are_refused_kindly(raw):
    with pytest.raises(AnswerError) as error:
        parse_answer(EGFR, raw)
    assert error.value.key == "egfr"
    assert error.value.message


def test_age_must_be_a_whole_number():
    assert parse_answer(AGE, "42") == 42
    with pytest.raises(AnswerError, match="whole number"):
        parse_answer(AGE, 42.5)


def test_not_sure_is_accepted_only_where_it_is_offered():
    assert parse_answer(EGFR, NOT_SURE) == NOT_SURE
    with pytest.raises(AnswerError):
        parse_answer(AGE, NOT_SURE)


@pytest.mark.parametrize(("raw", "value"), [(True, True), ("yes", True), ("No", False)])
def test_yes_no_answers(raw, value):
    assert parse_answer(ANA, raw) is value


def test_yes_no_refuses_anything_else():
    with pytest.raises(AnswerError, match="yes or no"):
        parse_answer(ANA, "maybe")


def test_single_choice_takes_only_its_choices():
    assert parse_answer(SEX, "female") == "female"
    with pytest.raises(AnswerError):
        parse_answer(SEX, "unknown")


def test_multiple_choice_takes_a_list_and_an_empty_list_means_none():
    assert parse_answer(CONDITIONS, ["sle", "sle", "lupus-nephritis"]) == [
        "sle",
        "lupus-nephritis",
    ]
    assert parse_answer(CONDITIONS, []) == []
    with pytest.raises(AnswerError, match="flu"):
        parse_answer(CONDITIONS, ["flu"])


def test_dates_take_a_month_or_a_day_and_never_when_offered():
    assert parse_answer(LAST_BIOLOGIC, "2025-03", today=TODAY) == "2025-03"
    assert parse_answer(LAST_BIOLOGIC, "2025-03-14", today=TODAY) == "2025-03-14"
    assert parse_answer(LAST_BIOLOGIC, "never", today=TODAY) == "never"


@pytest.mark.parametrize("raw", ["2025-13", "March 2025", "2025-02-30", "1850-01", 2025])
def test_bad_dates_are_refused(raw):
    with pytest.raises(AnswerError):
        parse_answer(LAST_BIOLOGIC, raw, today=TODAY)


def test_dates_in_the_future_are_refused():
    with pytest.raises(AnswerError, match="future"):
        parse_answer(LAST_BIOLOGIC, "2025-07", today=TODAY)


def test_postal_codes_are_tidied_and_checked():
    assert parse_answer(POSTAL_CODE, " 29425 ") == "29425"
    assert parse_answer(POSTAL_CODE, "sw1a 1aa") == "SW1A 1AA"
    with pytest.raises(AnswerError):
        parse_answer(POSTAL_CODE, "<script>")


def test_parse_answers_reports_every_problem_at_once():
    with pytest.raises(AnswersError) as error:
        parse_answers({"agee": 3, "egfr": "lots", "sex": "female"}, BANK)
    assert [problem.key for problem in error.value.errors] == ["agee", "egfr"]
    assert "agee" in str(error.value)


def test_parse_answers_returns_canonical_answers():
    answers = parse_answers({"age": "40", "weight": "154 lb", "ana_positive": "not_sure"}, BANK)
    assert answers == {
        "age": 40,
        "weight": pytest.approx(69.853, abs=0.001),
        "ana_positive": NOT_SURE,
    }


def test_convert_refuses_units_of_different_kinds():
    assert convert(1, "st", "lb") == pytest.approx(14)
    with pytest.raises(ValueError):
        convert(1, "kg", "weeks")


def test_a_dependent_question_applies_only_after_the_right_answer():
    assert not is_applicable(PREGNANT, {})
    assert not is_applicable(PREGNANT, {"sex": "male"})
    assert is_applicable(PREGNANT, {"sex": "female"})
    assert is_applicable(ANA, {})


def test_criterion_values_are_checked_against_the_question_and_operator():
    assert clean_criterion_value(EGFR, "gte", 30) == 30
    assert clean_criterion_value(AGE, "between", [18, 75]) == [18, 75]
    assert clean_criterion_value(SEX, "in", ["female"]) == ["female"]
    assert clean_criterion_value(LAST_BIOLOGIC, "within_last", {"amount": 6, "unit": "months"})


@pytest.mark.parametrize(
    ("spec", "operator", "value", "message"),
    [
        (EGFR, "gte", "thirty", "number"),
        (EGFR, "within_last", 30, "does not work"),
        (AGE, "between", [75, 18], "must not be above"),
        (AGE, "between", [18], "two numbers"),
        (ANA, "eq", "yes", "true"),
        (SEX, "eq", "woman", "not one of"),
        (SEX, "in", [], "list"),
        (LAST_BIOLOGIC, "within_last", {"amount": 6, "unit": "fortnights"}, "time window"),
        (LAST_BIOLOGIC, "within_last", {"amount": 0, "unit": "months"}, "time window"),
        (POSTAL_CODE, "eq", "29425", "does not work"),
    ],
)
def test_bad_criterion_values_get_clear_messages(spec, operator, value, message):
    with pytest.raises(ValueError, match=message):
        clean_criterion_value(spec, operator, value)
