"""The drafter's vocabulary: each question of the bank with the words registries use for it.

Built from Question rows (`vocabulary_from_questions`) so staff can extend the words in the
admin without code; everything here is plain data, so the drafter stays a pure function.

The `terms` of a question (JSON, see screening/data/question_terms.json for the seed):

- ``names``: phrases that name the concept ("eGFR", "glomerular filtration rate").
- ``not_names``: longer phrases holding a name that do not mean it ("pregnancy test").
- ``blockers``: words that make the whole line about something else ("pulse" of steroids).
- ``sections``: for yes/no questions, the sections where a plain mention sets a requirement
  in that direction; ``["exclusion"]`` = a mention under Exclusion keeps people out, and a
  negated one under Inclusion ("not pregnant") does too. Absent: both.
- ``unit_required``: a number without a unit is not trusted.
- ``bare_units``: ``[[threshold, unit]]``, a number written without a unit, at or above the
  threshold, is in that unit ("platelets below 100,000" are per µL).
- ``window``: for yes/no questions that ask about a time ("in the last 30 days"): ``amount``,
  ``unit``, ``or_longer`` (a longer window in the text still fits: yes to the question then
  means yes to the text), ``no_window`` (a mention without any window fits too).
- ``reason``: the thing in plain words for the patient's sentence ("a kidney test (eGFR)");
  ``reason_es`` the same in Spanish ("un análisis de los riñones (eGFR)").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from screening.questions import UNITS, QuestionType

DATA = Path(__file__).resolve().parent.parent / "data"
QUESTION_TERMS_FILE = DATA / "question_terms.json"
WORDS_FILE = DATA / "drafting_words.json"


@dataclass(frozen=True)
class Window:
    amount: int
    unit: str
    or_longer: bool = False
    no_window: bool = False


@dataclass(frozen=True)
class Concept:
    """One question as the drafter sees it."""

    key: str
    type: str
    names: tuple[str, ...]
    not_names: tuple[str, ...] = ()
    blockers: tuple[str, ...] = ()
    sections: tuple[str, ...] = ("inclusion", "exclusion")
    unit: str = ""
    units: tuple[str, ...] = ()
    unit_required: bool = False
    bare_units: tuple[tuple[float, str], ...] = ()
    min_value: float | None = None
    max_value: float | None = None
    window: Window | None = None
    confirmed_by: str = "patient"
    reason: str = ""
    reason_es: str = ""


@dataclass(frozen=True)
class Vocabulary:
    concepts: Mapping[str, Concept]

    def __iter__(self):
        return iter(self.concepts.values())


def concept_from_terms(
    key: str,
    type: str,
    terms: Mapping[str, Any],
    *,
    unit: str = "",
    alternative_units: Iterable[str] = (),
    min_value: float | None = None,
    max_value: float | None = None,
    confirmed_by: str = "patient",
) -> Concept:
    window = terms.get("window")
    return Concept(
        key=key,
        type=type,
        names=_phrases(terms.get("names")),
        not_names=_phrases(terms.get("not_names")),
        blockers=_phrases(terms.get("blockers")),
        sections=tuple(terms.get("sections") or ("inclusion", "exclusion")),
        unit=unit,
        units=tuple(code for code in (unit, *alternative_units) if code in UNITS),
        unit_required=bool(terms.get("unit_required")),
        bare_units=tuple(
            (float(threshold), code)
            for threshold, code in terms.get("bare_units") or ()
            if code in UNITS
        ),
        min_value=min_value,
        max_value=max_value,
        window=Window(
            amount=int(window["amount"]),
            unit=str(window["unit"]),
            or_longer=bool(window.get("or_longer")),
            no_window=bool(window.get("no_window")),
        )
        if window
        else None,
        confirmed_by=confirmed_by,
        reason=str(terms.get("reason") or ""),
        reason_es=str(terms.get("reason_es") or ""),
    )


def _phrases(values: Any) -> tuple[str, ...]:
    return tuple(" ".join(str(value).lower().split()) for value in values or () if value)


# Questions the registry fields already answer (age range, sex, conditions) or no text sets.
NOT_DRAFTED = frozenset({"age", "sex", "conditions", "postal_code", "travel_miles"})


def vocabulary_from_questions(questions: Iterable[Any]) -> Vocabulary:
    """The vocabulary of Question rows (or anything with the same fields) that have names."""
    concepts = {}
    for question in questions:
        terms = question.terms or {}
        if question.key in NOT_DRAFTED or not terms.get("names"):
            continue
        if question.type not in (QuestionType.YES_NO, QuestionType.NUMBER, QuestionType.DATE):
            continue
        concepts[question.key] = concept_from_terms(
            question.key,
            question.type,
            terms,
            unit=question.unit,
            alternative_units=question.alternative_units or (),
            min_value=question.min_value,
            max_value=question.max_value,
            confirmed_by=question.confirmed_by,
        )
    return Vocabulary(concepts)


@cache
def question_terms() -> dict[str, dict[str, Any]]:
    """The seed terms of every question, by key (what migration 0005 stores)."""
    data = json.loads(QUESTION_TERMS_FILE.read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if not key.startswith("_")}


@cache
def drafting_words() -> dict[str, Any]:
    """The words of comparisons, windows, negations and hedges, for every question."""
    return json.loads(WORDS_FILE.read_text(encoding="utf-8"))
