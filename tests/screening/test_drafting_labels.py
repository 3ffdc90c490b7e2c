"""The drafter measured against hand-labelled criteria of real trials (../shared/data)."""

import pytest

from screening.drafting import draft_criteria, requirement_lines, vocabulary_from_questions
from screening.drafting.lines import clean
from screening.models import Question
from screening.questions import clean_criterion_value
from tests.screening.drafting_measure import SHARED_DATA, labels, registered_texts, score

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is not here"),
]


def test_every_labelled_line_is_a_requirement_line_of_its_trial():
    labelled = labels()
    texts = registered_texts(labelled)
    assert len(labelled) >= 40
    for registry_id, trial in labelled.items():
        lines = [clean(line.text) for line in requirement_lines(texts[registry_id])]
        for opening in {row[0] for row in trial["criteria"]}:
            assert len(opening) <= 60
            found = [line for line in lines if line.startswith(opening)]
            assert len(found) == 1, (registry_id, opening)
        for trap in trial.get("traps", []):
            assert len(trap) <= 60
            assert any(trap in line for line in lines), (registry_id, trap)


def test_a_registered_text_with_one_requirement_a_line_lists_every_line():
    text = registered_texts(["NCT02633163"])["NCT02633163"]

    lines = [(line.kind, clean(line.text)) for line in requirement_lines(text)]

    assert len(lines) == 22
    assert ("exclusion", "Pregnant or breast feeding") in lines
    assert ("exclusion", "History of renal transplantation") in lines
    assert lines[0] == (
        "inclusion",
        "Patients between 18 and 65 years old, male or female, of any race",
    )


def test_drafts_are_precise_and_find_most_of_what_a_coordinator_would():
    vocabulary = vocabulary_from_questions(Question.objects.all())

    result = score(vocabulary)

    print(result.summary())
    assert result.precision >= 0.90, result.wrong
    assert result.recall >= 0.80, result.misses


def test_every_draft_on_the_whole_catalogue_is_a_criterion_its_question_accepts():
    questions = {question.key: question for question in Question.objects.all()}
    vocabulary = vocabulary_from_questions(questions.values())
    texts = registered_texts()

    drafts = [draft for text in texts.values() for draft in draft_criteria(text, vocabulary)]

    assert len(texts) > 200 and len(drafts) > 500
    for draft in drafts:
        spec = questions[draft.question].spec()
        assert clean_criterion_value(spec, draft.operator, draft.value) == draft.value, draft
        assert draft.kind in ("inclusion", "exclusion")
        assert draft.reason.startswith("This study ") and draft.reason.endswith("."), draft
        assert draft.source, draft
