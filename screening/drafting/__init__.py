"""Draft criteria from a trial's registered eligibility text, each with the line it came from.

Public interface (the import hook, `draft_criteria` command and admin code against it):

- ``requirement_lines(eligibility_text)``: the requirement lines of the text ("listed").
- ``draft_criteria(eligibility_text, vocabulary)``: drafts on the question bank's keys.
- ``vocabulary_from_questions(questions)``: the vocabulary, from Question rows.

Pure functions over plain data: no ORM, no request. Why plain code and no NLP library: registry
lines are short and formulaic (a concept, a comparison, a unit, a window); what makes a draft
right or wrong is the grammar of numbers and units, which no general library reads for us, and
the negation and hedge cues, which a ConText-style scope over word lists handles (see
context.py). medspacy's ConText would bring spaCy, thinc and numpy (hundreds of MB) into a web
app for those same word lists, and its defaults are tuned for clinical notes, not registry
criteria. Concept words live beside each question (Question.terms), grammar words in
screening/data/drafting_words.json: staff extend both without code. The hand-labelled set in
tests/screening/drafting_labels.json measures precision and recall.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .context import any_of
from .drafter import Found, alternatives, find_in_line, line_kind
from .lines import RequirementLine, drafting_lines, requirement_lines
from .vocabulary import Vocabulary, vocabulary_from_questions

__all__ = [
    "Draft",
    "RequirementLine",
    "Vocabulary",
    "draft_criteria",
    "requirement_lines",
    "vocabulary_from_questions",
]


@dataclass(frozen=True)
class Draft:
    question: str  # question key, e.g. "egfr"
    kind: str  # "inclusion" | "exclusion"
    operator: str  # a screening.questions.Operator value
    value: Any  # in the question's canonical unit (see DESIGN.md)
    source: str  # the registry line it came from, as shown to people
    any_of_group: str = ""  # same label within one trial: any one of them is enough
    confirmed_by: str = "patient"  # "doctor" for lab values and scores
    reason: str = ""  # one plain sentence for patients
    reason_es: str = ""  # the same in Spanish, when the words and catalogue have it


def draft_criteria(eligibility_text: str, vocabulary: Vocabulary) -> list[Draft]:
    """Draft criteria on the vocabulary's questions, in the order of the text's lines."""
    drafts: list[Draft] = []
    groups: dict[int, str] = {}  # lead-in number → its any-of label
    for line in drafting_lines(eligibility_text):
        found = find_in_line(line, vocabulary)
        if not found:
            continue
        group_of: dict[int, str] = {}
        if line_kind(line) == "inclusion":
            if line.lead_number and any_of(line.lead):
                label = groups.setdefault(line.lead_number, f"any-of-{len(groups) + 1}")
                group_of = {id(item): label for item in found}
            else:
                for run in alternatives(line.requirement.text, found):
                    label = groups.setdefault(-len(groups) - 1, f"any-of-{len(groups) + 1}")
                    group_of.update({id(item): label for item in run})
        drafts += [
            _draft(item, line.requirement.text, group_of.get(id(item), "")) for item in found
        ]
    return drafts


def _draft(item: Found, source: str, group: str) -> Draft:
    in_group = group if item.kind == "inclusion" else ""
    return Draft(
        question=item.key,
        kind=item.kind,
        operator=item.operator,
        value=item.value,
        source=source,
        any_of_group=in_group,
        confirmed_by=item.concept.confirmed_by,
        reason=item.reason,
        reason_es=item.reason_es,
    )
