"""Drafted criteria in the database: write the drafter's drafts, keep coverage, close reviews.

screening.drafting (pure) reads a trial's registered text; this module stores what it drafted
as Criterion rows with status "draft", beside the reviewed criteria staff wrote or accepted:

- Re-drafting replaces drafts only. Reviewed criteria are never touched, and a draft about a
  question (and kind) that a reviewed criterion of the trial already covers is not written.
- Once staff mark a trial's criteria reviewed (mark_reviewed), nothing is drafted for it again
  until its registered text changes: what they rejected stays rejected.
- Drafts never write the criteria fingerprint, so drafting neither raises nor clears
  "criteria need review" (see screening.models.criterion._criteria_changed).
- Lines that the registry's own fields check (age limits, sex, conditions) count as checked
  without a criterion (screening.coverage.registry_lines, kept in Coverage.registry_lines).

The import runs draft_imported_trial for every record (trials.signals.trial_imported, connected
in screening/apps.py), inside the record's transaction; `manage.py draft_criteria` runs
draft_trials.
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

from screening.coverage import RegistryFacts, checked_count, registry_checked_lines
from screening.drafting import (
    Vocabulary,
    draft_criteria,
    requirement_lines,
    vocabulary_from_questions,
)
from screening.models import Coverage, Criterion, CriterionStatus, Question, touch_trial
from screening.questions import clean_criterion_value
from trials.models import Condition, Trial, eligibility_fingerprint

logger = logging.getLogger(__name__)


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
    reason_es: str


class DraftingError(ValueError):
    """A draft that cannot be stored; the message names the question and the line."""


@dataclass(frozen=True)
class Bank:
    """What drafting needs from the database, read once for many trials."""

    questions: Mapping[str, Question]
    vocabulary: Vocabulary
    # Each condition's names and synonyms, with those of the conditions above it.
    condition_names: Mapping[str, tuple[str, ...]]

    @classmethod
    def load(cls) -> Bank:
        questions = {question.key: question for question in Question.objects.all()}
        conditions = {condition.slug: condition for condition in Condition.objects.all()}
        by_pk = {condition.pk: condition for condition in conditions.values()}
        names: dict[str, tuple[str, ...]] = {}
        for slug, condition in conditions.items():
            found: list[str] = []
            seen = set()
            while condition is not None and condition.pk not in seen:
                seen.add(condition.pk)
                found += [condition.name, condition.lay_name, *condition.synonym_list]
                condition = by_pk.get(condition.parent_id)
            names[slug] = tuple(dict.fromkeys(name.lower() for name in found if name))
        return cls(questions, _vocabulary(questions.values()), names)

    def facts(self, trial: Trial) -> RegistryFacts:
        slugs = trial.conditions.values_list("slug", flat=True)
        return RegistryFacts(
            has_age_limits=trial.min_age_value is not None or trial.max_age_value is not None,
            condition_names=tuple(
                dict.fromkeys(name for slug in slugs for name in self.condition_names[slug])
            ),
        )


# The import drafts record by record: build the vocabulary again only when the bank changed.
_last_vocabulary: list[tuple[str, Vocabulary]] = []


def _vocabulary(questions: Iterable[Question]) -> Vocabulary:
    questions = list(questions)
    key = json.dumps(
        [
            [q.key, q.type, q.unit, q.alternative_units, q.min_value, q.max_value]
            + [q.confirmed_by, q.terms]
            for q in questions
        ],
        sort_keys=True,
    )
    if _last_vocabulary and _last_vocabulary[0][0] == key:
        return _last_vocabulary[0][1]
    vocabulary = vocabulary_from_questions(questions)
    _last_vocabulary[:] = [(key, vocabulary)]
    return vocabulary


def draft_imported_trial(sender, trial: Trial, **kwargs) -> Redrafted:
    """trials.signals.trial_imported receiver: draft the trial's criteria as it is imported."""
    return draft_trial(trial, Bank.load())


def draft_trials(trials: Iterable[Trial]) -> list[Redrafted]:
    """Draft criteria for each trial from its registered text (`manage.py draft_criteria`)."""
    bank = Bank.load()
    return [draft_trial(trial, bank) for trial in trials]


def count_coverage(trials: Iterable[Trial]) -> None:
    """Count what the trials' criteria and registry fields check, drafting nothing."""
    bank = Bank.load()
    for trial in trials:
        lines, registry = _lines(trial, bank)
        refresh_coverage(trial, lines, registry_lines=registry)


def _lines(trial: Trial, bank: Bank) -> tuple[list[str], list[str]]:
    """The trial's requirement lines, and those of them its registry fields check."""
    lines = requirement_lines(trial.eligibility_text)
    registry = registry_checked_lines([(line.kind, line.text) for line in lines], bank.facts(trial))
    return [line.text for line in lines], registry


def draft_trial(trial: Trial, bank: Bank) -> Redrafted:
    """Re-draft one trial's criteria and count what they check (see the module docstring)."""
    lines, registry = _lines(trial, bank)
    drafted = draft_criteria(trial.eligibility_text, bank.vocabulary)
    return redraft(trial, drafted, lines, bank.questions, registry_lines=registry)


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


def redraft(
    trial: Trial,
    drafts: Sequence[DraftLike],
    lines: Sequence[str],
    questions: Mapping[str, Question],
    *,
    registry_lines: list[str] | None = None,
) -> Redrafted:
    """Replace the trial's draft criteria with `drafts` (see the module docstring).

    `lines` are the requirement lines of its registered text and `registry_lines` those its
    registry fields check (for Coverage); `questions` the bank by key. Raises DraftingError
    for a draft the bank cannot hold; nothing is written then.
    """
    if review_closed(trial):
        refresh_coverage(trial, lines, registry_lines=registry_lines)
        return Redrafted(trial.registry_id, changed=False, skipped=True)
    reviewed = set(
        trial.criteria.filter(status=CriterionStatus.REVIEWED).values_list("question__key", "kind")
    )
    wanted: list[Criterion] = []
    for draft in drafts:
        if (draft.question, draft.kind) in reviewed:
            continue
        wanted.append(_criterion(trial, draft, questions, position=len(wanted) * 10))
    with transaction.atomic():
        changed = _replace_drafts(trial, wanted)
        refresh_coverage(trial, lines, registry_lines=registry_lines)
    return Redrafted(trial.registry_id, changed=changed)


def _criterion(
    trial: Trial, draft: DraftLike, questions: Mapping[str, Question], *, position: int
) -> Criterion:
    question = questions.get(draft.question)
    where = f"{draft.question} from “{draft.source}”"
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
        reason_es=draft.reason_es,
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
        criterion.reason_es,
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
        coverage.registry_lines = list(dict.fromkeys(registry_lines))
    sources = trial.criteria.exclude(source="").values_list("source", flat=True)
    counted = (len(lines), checked_count(lines, [*sources, *coverage.registry_lines]))
    if (coverage.listed, coverage.checked) != counted or coverage._state.adding:
        # The results show these numbers: screening.loading's cache must see the change.
        touch_trial(trial.pk)
    coverage.listed, coverage.checked = counted
    coverage.save()
    return coverage


def text_lines(text: str) -> list[str]:
    """The requirement lines of a registered eligibility text, as the drafter reads them."""
    return [line.text for line in requirement_lines(text)]


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
