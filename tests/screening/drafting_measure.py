"""Precision and recall of the drafter against the hand-labelled trials, and its reach.

A draft and a label match when they come from the same line and set the same requirement.
Both are first written as the same atoms, so that equivalent ways of writing one requirement
agree: "exclusion: eGFR below 30" is "inclusion: eGFR 30 or more"; "between 18 and 35" is
"18 or more" and "35 or less"; "inclusion: not pregnant" is "exclusion: pregnant".

For the figures, and the share of open trials with at least 3 drafts beyond age, sex and
condition, run against a database holding the imported catalogue
(`import_trials ../shared/data --publish`):
`python manage.py shell -c "from tests.screening.drafting_measure import report; report()"`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from screening.drafting import Draft, draft_criteria
from screening.drafting.lines import clean
from tests.trials.real_catalogue import SHARED_DATA
from trials.importers.documents import read_document

LABELS = Path(__file__).parent / "drafting_labels.json"

_FLIP = {"gte": "lt", "gt": "lte", "lte": "gt", "lt": "gte"}
_DAYS = {"days": 1, "weeks": 7, "months": 30.4369, "years": 365.2425}


def atoms(question: str, kind: str, operator: str, value) -> set[tuple]:
    """One requirement as atoms that equivalent spellings share."""
    if isinstance(value, bool):
        keeps_in = (kind == "inclusion") == value
        return {(question, "needs" if keeps_in else "excludes")}
    if operator == "within_last":
        days = round(value["amount"] * _DAYS[value["unit"]])
        return {(question, kind, "within_last", days)}
    if operator == "between":
        low, high = (round(float(v), 3) for v in value)
        if kind == "inclusion":
            return {(question, "gte", low), (question, "lte", high)}
        return {(question, "outside", low, high)}
    number = round(float(value), 3)
    if operator in _FLIP and kind == "exclusion":
        operator = _FLIP[operator]
    return {(question, operator, number)}


@dataclass
class Score:
    trials: int = 0
    lines: int = 0
    labelled: int = 0  # atoms in the labels
    drafted: int = 0  # atoms in the drafts
    matched: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.drafted if self.drafted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 1.0

    def summary(self) -> str:
        return (
            f"{self.trials} trials, {self.lines} labelled lines, {self.labelled} labelled "
            f"requirements; drafted {self.drafted}, right {self.matched}: precision "
            f"{self.precision:.3f}, recall {self.recall:.3f}"
        )


def labels() -> dict:
    return json.loads(LABELS.read_text(encoding="utf-8"))["trials"]


def registered_texts(registry_ids: Iterable[str] | None = None) -> dict[str, str]:
    """Eligibility text by registry id, read from ../shared/data (no database needed)."""
    texts = _all_registered_texts()
    if registry_ids is None:
        return dict(texts)
    return {registry_id: texts[registry_id] for registry_id in registry_ids}


@cache
def _all_registered_texts() -> dict[str, str]:
    texts = {}
    for path in sorted(SHARED_DATA.rglob("*")):
        if path.suffix not in {".json", ".xml"} or "reporter" in path.parts:
            continue
        for record in read_document(path.read_bytes()):
            texts[record.registry_id] = record.eligibility_text
    return texts


def _line_of(source: str, openings: Iterable[str]) -> str | None:
    source = clean(source)
    return next((opening for opening in openings if source.startswith(opening)), None)


def score(vocabulary) -> Score:
    labelled = labels()
    texts = registered_texts(labelled)
    result = Score(trials=len(labelled))
    for registry_id, trial in labelled.items():
        openings = {row[0] for row in trial["criteria"]}
        result.lines += len(openings)
        wanted: dict[str, set] = {}
        for opening, question, kind, operator, value in trial["criteria"]:
            wanted.setdefault(opening, set()).update(atoms(question, kind, operator, value))
        got: dict[str | None, set] = {}
        drafts: list[Draft] = draft_criteria(texts[registry_id], vocabulary)
        for draft in drafts:
            line = _line_of(draft.source, openings)
            key = line if line is not None else draft.source[:60]
            found = atoms(draft.question, draft.kind, draft.operator, draft.value)
            got.setdefault(key, set()).update(found)
        for line, found in got.items():
            right = found & wanted.get(line, set())
            result.drafted += len(found)
            result.matched += len(right)
            result.wrong += [f"{registry_id} {line!r}: {atom}" for atom in found - right]
        for line, needed in wanted.items():
            result.labelled += len(needed)
            missing = needed - got.get(line, set())
            result.misses += [f"{registry_id} {line!r}: {atom}" for atom in missing]
    return result


def beyond_registry_fields(drafts: list[Draft]) -> int:
    """Drafted criteria on questions the registry fields do not already answer."""
    return sum(draft.question not in {"age", "sex", "conditions"} for draft in drafts)


def report() -> None:  # pragma: no cover - a report for people, run by hand
    from screening.drafting import vocabulary_from_questions
    from screening.models import Question
    from trials.models import Trial

    vocabulary = vocabulary_from_questions(Question.objects.all())
    result = score(vocabulary)
    print(result.summary())
    for line in result.wrong:
        print("  wrong:", line)
    for line in result.misses:
        print("  missed:", line)
    trials = Trial.objects.published().open_to_enrolment()
    counts = [
        beyond_registry_fields(draft_criteria(trial.eligibility_text, vocabulary))
        for trial in trials
    ]
    enough = sum(count >= 3 for count in counts)
    print(
        f"open published trials: {len(counts)}; with at least 3 drafted criteria beyond age, "
        f"sex and condition: {enough} ({enough / max(len(counts), 1):.0%})"
    )
