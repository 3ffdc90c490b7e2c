"""Lab values as people copy them from their papers: every spelling of a unit that US and
European lab reports print is read, and full counts are told from counts in thousands."""

import pytest

from screening.models import Question
from screening.questions import AnswerError, parse_answer

pytestmark = pytest.mark.django_db


def read(key: str, raw: str, unit: str | None = None):
    return parse_answer(Question.objects.get(key=key).spec(), raw, unit=unit)


@pytest.mark.parametrize(
    "raw",
    [
        "150",
        "150 K/uL",
        "150 k/µL",
        "150 K/μL",  # a Greek mu, as pasted from a patient portal
        "150 x10^3/uL",
        "150 x10E3/uL",
        "150 10*3/uL",
        "150 10³/µL",
        "150 thou/uL",
        "150 K/mcL",
        "150 x10^9/L",
        "150 x 10^9/L",
        "150 ×10⁹/L",
        "150 x10(9)/L",
        "150 G/L",
        "150000/mm3",
        "150000 per uL",
        "150,000 /µL",
        "150000 cells/cumm",
    ],
)
def test_a_platelet_count_is_read_in_every_spelling_lab_papers_use(raw):
    assert read("platelets", raw) == 150


@pytest.mark.parametrize("raw", ["2.5", "2.5 K/uL", "2500 cells/uL", "2,500", "2.5 x10^9/L"])
def test_a_neutrophil_count_is_read_in_thousands_or_in_full(raw):
    assert read("neutrophils", raw) == 2.5


@pytest.mark.parametrize(
    ("raw", "unit"),
    [("250000", None), ("250,000", None), ("250,000", "/µL"), ("250000", "×10⁹/L")],
)
def test_a_full_count_without_a_typed_unit_is_read_per_microliter(raw, unit):
    # No one has 250,000 ×10⁹/L platelets; the number on the paper is per µL.
    assert read("platelets", raw, unit) == 250


def test_a_count_typed_with_a_unit_that_does_not_fit_is_refused_not_guessed():
    with pytest.raises(AnswerError) as refused:
        read("platelets", "3000 x10^9/L")
    assert refused.value.message == "Please enter 2000 thousand per microliter or less."


@pytest.mark.parametrize(
    ("key", "raw", "value"),
    [
        ("hemoglobin", "12.5 g/dL", 12.5),
        ("hemoglobin", "125 g/L", 12.5),
        ("hemoglobin", "12.5 gm/dL", 12.5),
        ("hemoglobin", "12.5 g/100 mL", 12.5),
        ("hba1c", "7.2%", 7.2),
        ("hba1c", "7.2 percent", 7.2),
        ("bmi", "26.4 kg/m²", 26.4),
        ("bmi", "26.4 kg / m2", 26.4),
        ("egfr", "60 mL/min/1.73 m2", 60),
        ("egfr", "60 ml/min/1.73m²", 60),
        ("edss", "3.5", 3.5),
        ("weight", "70,5 kg", 70.5),
    ],
)
def test_other_lab_values_and_scores_take_their_units_as_printed(key, raw, value):
    assert read(key, raw) == value


def test_a_unit_of_another_kind_is_refused_with_the_units_we_take():
    with pytest.raises(AnswerError) as refused:
        read("platelets", "150 mg")
    assert refused.value.message == (
        "We do not know the unit “mg” here. You can use: thousand per microliter, per microliter."
    )
