"""Drafted criteria in the database: write the drafter's drafts, keep coverage, close reviews.

screening.drafting (pure) reads a trial's registered text; this module stores what it drafted
as Criterion rows with status "draft", beside the reviewed criteria staff wrote or accepted:

- Re-drafting replaces drafts only. Reviewed criteria are never touched, and a draft about a
  question (and kind) that a reviewed criterion of the trial already covers is not written.
- Once staff mark a trial's criteria reviewed (mark_reviewed), nothing is drafted for it again
  until its registered text changes: what they rejected stays rejected.
- Drafts never write the criteria fingerprint, so drafting neither raises nor clears
  "criteria need review" (see screening.models._criteria_changed).
- Age, sex and condition drafts are not written when the registry's own fields already check
  them; their lines count as checked (Coverage.registry_lines).
"""

from __future__ import annotations

import datetime
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import transaction
from django.utils import timezone

from screening.coverage import checked_count
from screening.models import Coverage, Criterion, CriterionStatus, Question, touch_trial
from screening.questions import clean_criterion_value
from trials.models import Trial, eligibility_fingerprint

logger = logging.getLogger(__name__)

# Questions the registry's own fields answer (engine: age limits, sex, conditions).
REGISTRY_KEYS = frozenset({"age", "sex", "conditions"})


class DraftLike(Protocol):
    """What screening.drafting.Draft holds."""

    question: str
    kind: str
    operator: str
    value: Any
    source: str
    any_of_group: str
    confirmed_by: str
    reason: str


class DraftingError(ValueError):
    """A draft that cannot be stored; the message names the trial, question and line."""


@dataclass(frozen=True)
class Redrafted:
    """What re-drafting one trial did."""

    registry_id: str
    changed: bool  # drafts were replaced
    skipped: bool = False  # staff reviewed the criteria against this text: left alone


def review_closed(trial: Trial) -> bool:
    """Staff marked the criteria reviewed, and the registered text has not changed since."""
    return bool(
        trial.criteria_reviewed_on
        and trial.criteria_fingerprint
        and trial.criteria_fingerprint == eligibility_fingerprint(trial.eligibility_text)
    )


def registry_covers(trial: Trial, key: str) -> bool:
    """Whether the trial's registry fields already check this question."""
    if key == "age":
        return trial.min_age_value is not None or trial.max_age_value is not None
    if key == "sex":
        return trial.sex in ("female", "male")
    if key == "conditions":
        return trial.conditions.exists()
    return False


def redraft(
    trial: Trial,
    drafts: Sequence[DraftLike],
    lines: Sequence[str],
    questions: Mapping[str, Question],
) -> Redrafted:
    """Replace the trial's draft criteria with `drafts` (see the module docstring).

    `lines` are the requirement lines of its registered text (for Coverage), `questions` the
    bank by key. Raises DraftingError for a draft the bank cannot hold; nothing is written then.
    """
    if review_closed(trial):
        refresh_coverage(trial, lines)
        return Redrafted(trial.registry_id, changed=False, skipped=True)
    reviewed = set(
        trial.criteria.filter(status=CriterionStatus.REVIEWED).values_list("question__key", "kind")
    )
    covered: dict[str, bool] = {}
    registry_lines: list[str] = []
    wanted: list[Criterion] = []
    for draft in drafts:
        if draft.question in REGISTRY_KEYS:
            if draft.question not in covered:
                covered[draft.question] = registry_covers(trial, draft.question)
            if covered[draft.question]:
                registry_lines.append(draft.source)
                continue
        if (draft.question, draft.kind) in reviewed:
            continue
        wanted.append(_criterion(trial, draft, questions, position=len(wanted) * 10))
    with transaction.atomic():
        changed = _replace_drafts(trial, wanted)
        refresh_coverage(trial, lines, registry_lines=list(dict.fromkeys(registry_lines)))
    return Redrafted(trial.registry_id, changed=changed)


def _criterion(
    trial: Trial, draft: DraftLike, questions: Mapping[str, Question], *, position: int
) -> Criterion:
    question = questions.get(draft.question)
    where = f"{trial.registry_id}, {draft.question} from “{draft.source}”"
    if question is None:
        raise DraftingError(f"{where}: no such question in the bank")
    try:
        value = clean_criterion_value(question.spec(), draft.operator, draft.value)
    except ValueError as error:
        raise DraftingError(f"{where}: {error}") from error
    return Criterion(
        trial=trial,
        question=question,
        kind=draft.kind,
        operator=draft.operator,
        value=value,
        any_of_group=draft.any_of_group,
        confirmed_by=draft.confirmed_by,
        reason=draft.reason,
        source=draft.source,
        position=position,
        status=CriterionStatus.DRAFT,
    )


def _fields(criterion: Criterion) -> tuple:
    return (
        criterion.question_id,
        criterion.kind,
        criterion.operator,
        _comparable(criterion.value),
        criterion.any_of_group,
        criterion.confirmed_by,
        criterion.reason,
        criterion.source,
        criterion.position,
    )


def _comparable(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _replace_drafts(trial: Trial, wanted: list[Criterion]) -> bool:
    """Delete and recreate the trial's drafts, unless they are already exactly `wanted`."""
    current = list(trial.criteria.filter(status=CriterionStatus.DRAFT).order_by("position", "id"))
    if [_fields(c) for c in current] == [_fields(c) for c in wanted]:
        return False
    Criterion.objects.filter(pk__in=[c.pk for c in current]).delete()
    Criterion.objects.bulk_create(wanted)
    touch_trial(trial.pk)
    return True


def refresh_coverage(
    trial: Trial, lines: Sequence[str] | None = None, *, registry_lines: list[str] | None = None
) -> Coverage:
    """Count the trial's requirement lines and those its criteria or registry fields check.

    `lines` default to screening.drafting.requirement_lines of its text; `registry_lines`
    default to what the last drafting found.
    """
    if lines is None:
        lines = text_lines(trial.eligibility_text)
    coverage = Coverage.objects.filter(trial=trial).first() or Coverage(trial=trial)
    if registry_lines is not None:
        coverage.registry_lines = registry_lines
    sources = trial.criteria.exclude(source="").values_list("source", flat=True)
    coverage.listed = len(lines)
    coverage.checked = checked_count(lines, [*sources, *coverage.registry_lines])
    coverage.save()
    return coverage


def text_lines(text: str) -> list[str]:
    """The requirement lines of a registered eligibility text, as the drafter reads them."""
    return [line.text for line in requirement_lines(text)]


def requirement_lines(text: str):
    from screening.drafting import requirement_lines

    return requirement_lines(text)


def mark_reviewed(trials: Iterable[Trial], *, by, on: datetime.date | None = None) -> int:
    """Staff went through these trials' criteria: date, reviewer, and the text they read.

    Drafts left on a trial stay drafts (accept them first); "criteria need review" clears.
    """
    on = on or timezone.localdate()
    count = 0
    for trial in trials:
        trial.criteria_reviewed_on = on
        trial.criteria_reviewed_by = by
        trial.mark_criteria_written()
        Trial.objects.filter(pk=trial.pk).update(
            criteria_reviewed_on=on,
            criteria_reviewed_by=by,
            criteria_fingerprint=trial.criteria_fingerprint,
            criteria_need_review=False,
            updated_at=timezone.now(),
        )
        count += 1
    return count


def accept(criteria: Iterable[Criterion]) -> int:
    """Make drafts reviewed, one save each (so the text they were read against is noted)."""
    count = 0
    for criterion in criteria:
        if criterion.status == CriterionStatus.DRAFT:
            criterion.status = CriterionStatus.REVIEWED
            criterion.save(update_fields=["status"])
            count += 1
    return count
