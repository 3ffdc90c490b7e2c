"""The question bank as patients read it: plain words, about 8th grade (the rest of what a
question must have is in test_models)."""

import re

import pytest

from screening.models import Question
from tests import plain_language
from tests.screening.design import DESIGN_KEYS

pytestmark = pytest.mark.django_db

# The eight keys the bank grew by for what registries commonly require (DESIGN.md).
NEW_KEYS = DESIGN_KEYS[DESIGN_KEYS.index("active_cns_lupus") :]


def reading_grade(question: Question) -> float:
    return plain_language.grade(*plain_language.counts(f"{question.wording} {question.help_text}"))


@pytest.mark.parametrize("key", NEW_KEYS)
def test_each_new_question_reads_at_8th_grade_or_below(key):
    question = Question.objects.get(key=key)

    assert reading_grade(question) <= 8, (key, round(reading_grade(question), 1))
    assert max(len(s.split()) for s in plain_language.sentences(question.help_text)) <= 25


def test_the_whole_bank_reads_at_8th_grade_or_below_on_average():
    totals = [0, 0, 0]
    for question in Question.objects.all():
        for index, count in enumerate(
            plain_language.counts(f"{question.wording} {question.help_text}")
        ):
            totals[index] += count

    assert plain_language.grade(*totals) <= 8


def test_lab_values_and_scores_are_the_doctors_to_confirm_with_an_example_number():
    for key in ("hba1c", "hemoglobin", "platelets", "neutrophils", "edss"):
        question = Question.objects.get(key=key)
        assert question.confirmed_by == "doctor", key
        assert question.unit, key
        # A number to compare with what is on the patient's papers ("such as 7.2%").
        assert re.search(r"\d", question.help_text), key


def test_blood_count_help_is_short_and_leaves_units_to_the_unit_list():
    for key in ("platelets", "neutrophils"):
        help_text = Question.objects.get(key=key).help_text
        assert "thousand per microliter." in help_text, key
        assert "You can also write" not in help_text and "µL" not in help_text, key
        assert len(help_text.split()) <= 30, key  # it was 42
