"""The demo trials' structured criteria, read from data/demo_criteria.json by `load_demo`.

The seed trial NCT06737380 gets every inclusion criterion it lists that a patient or doctor can
answer (consent and keeping to the visit schedule are not screening questions), reviewed, each
naming its line of the demo text. Our wording. Demo trials get no drafts (their criteria are
ours, and the demo questionnaire stays as it was written), but each gets its coverage counted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from screening.drafts import count_coverage
from screening.models import Criterion, Question
from trials.models import Trial

DATA = Path(__file__).parent / "data" / "demo_criteria.json"
# Columns of a criterion row, in the order the file and the comparison below use.
_COLUMNS = (
    "question",
    "operator",
    "value",
    "any_of_group",
    "confirmed_by",
    "reason",
    "reason_es",
    "source",
)


def demo_criteria() -> dict[str, list[dict[str, Any]]]:
    """Criteria rows by the registry id of the demo trial they belong to."""
    return json.loads(DATA.read_text(encoding="utf-8"))


def add_demo_criteria(trials: list[Trial]) -> None:
    """Write each demo trial's criteria (if the file has some) and count every one's coverage."""
    criteria = demo_criteria()
    for trial in trials:
        if trial.registry_id in criteria:
            write_demo_criteria(trial, criteria[trial.registry_id])
    count_coverage(trials)


def write_demo_criteria(trial: Trial, rows: list[dict[str, Any]]) -> None:
    """Replace the trial's structured criteria with these demo rows (same rows every time)."""
    wanted = [tuple(row[column] for column in _COLUMNS) for row in rows]
    current = list(
        trial.criteria.order_by("position", "id").values_list("question__key", *_COLUMNS[1:])
    )
    if current == wanted:
        return
    questions = {question.key: question for question in Question.objects.all()}
    trial.criteria.all().delete()
    for position, row in enumerate(wanted):
        key, operator, value, group, confirmed_by, reason, reason_es, source = row
        criterion = Criterion(
            trial=trial,
            question=questions[key],
            kind="inclusion",
            operator=operator,
            value=value,
            any_of_group=group,
            confirmed_by=confirmed_by,
            reason=reason,
            reason_es=reason_es,
            source=source,
            position=position * 10,
        )
        criterion.full_clean()
        criterion.save()
