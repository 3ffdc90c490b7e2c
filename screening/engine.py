"""Eligibility engine: answers, today's date and open trials' criteria in, a verdict per trial out.

Pure: no ORM, no request, no templates. `screening.loading` builds the inputs from the database
once; the questionnaire and `manage.py screen` both call `evaluate()` and `progress()`.
Criteria are judged in `screening.judging`, explained in `screening.explaining`, and judged
once per distinct unit for many trials in `screening.trialset`. A shown trial's findings and
words are kept per distinct unit with its words (criteria.Wording) and the answers it reads.

A trial's verdict:

1. **not eligible** when any finding is a definite miss (a definite miss outranks unknowns);
2. **ask your doctor** when any finding is unknown, or a doctor-confirmed criterion looks unmet;
3. **likely eligible** otherwise.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from screening import explaining
from screening.criteria import (
    DOCTOR,
    EXCLUSION,
    ConditionTree,
    Finding,
    Outcome,
    Rule,
    Signature,
    TrialCriteria,
    TrialResult,
    Verdict,
    Wording,
)
from screening.judging import Context, judge
from screening.questions import is_applicable
from screening.trialset import TrialSet, at_most, bit_counts, judge_each_once


class _Asked(Protocol):
    key: str
    depends_on: str
    depends_on_values: tuple[Any, ...]
    position: int
    confirmed_by: str


Q = TypeVar("Q", bound=_Asked)


def evaluate(
    answers: Mapping[str, Any],
    trials: Iterable[TrialCriteria],
    *,
    today: datetime.date,
    conditions: ConditionTree | None = None,
    explain: bool = True,
) -> list[TrialResult]:
    """A verdict with reasons (and a checklist for "ask your doctor") for every trial.

    explain=False skips the words (reasons, checklist and findings stay empty) when only
    verdicts are needed: it is several times faster. A results page can judge every trial
    that way, then explain only the trials it shows by calling evaluate() again on those.
    """
    context = Context(answers, today, conditions or ConditionTree())
    if not explain:
        return _verdicts(_sequence(trials), context)
    with explaining.one_language():
        language = explaining.language()
        return [_explained(trial, context, language) for trial in trials]


def verdict_masks(
    answers: Mapping[str, Any],
    trials: TrialSet,
    *,
    today: datetime.date,
    conditions: ConditionTree | None = None,
) -> dict[Verdict, int]:
    """Which trials get each verdict, as bit masks over `trials` (what evaluate(explain=False)
    says, without visiting each trial): a results page needs only counts and its first few."""
    context = Context(answers, today, conditions or ConditionTree())
    excluded, doubtful = trials.verdict_bits(context, verdict_of)
    doubtful &= ~excluded
    return {
        Verdict.NOT_ELIGIBLE: excluded,
        Verdict.ASK_DOCTOR: doubtful,
        Verdict.LIKELY_ELIGIBLE: trials.everyone & ~excluded & ~doubtful,
    }


def verdict_of(finding: Finding) -> Verdict:
    """What one finding alone says: the one three-valued rule. A trial takes the worst of its
    findings' verdicts (not eligible, then ask your doctor, then likely eligible)."""
    outcome = finding.outcome
    if outcome is Outcome.NOT_MET:
        return Verdict.NOT_ELIGIBLE if finding.definite else Verdict.ASK_DOCTOR
    if outcome is Outcome.UNKNOWN:
        return Verdict.ASK_DOCTOR
    return Verdict.LIKELY_ELIGIBLE


def _explained(trial: TrialCriteria, context: Context, language: str) -> TrialResult:
    said = [_kept_words.said(wording, context, language) for wording in trial.wordings]
    said = [item for item in said if item is not None]
    verdicts = [item.verdict for item in said]
    if Verdict.NOT_ELIGIBLE in verdicts:
        verdict = Verdict.NOT_ELIGIBLE
    elif Verdict.ASK_DOCTOR in verdicts:
        verdict = Verdict.ASK_DOCTOR
    else:
        verdict = Verdict.LIKELY_ELIGIBLE
    deciding = [item for item in said if item.verdict is verdict]
    reasons, checklist = explaining.said_words(trial, verdict, deciding, context)
    findings = tuple(item.finding for item in said)
    return TrialResult(
        trial.trial_id, verdict, reasons, checklist, findings, trial.checked, trial.listed
    )


class _KeptWords:
    """Findings with their words, kept for the trials' facts and units that results pages
    showed, by (Wording, language, the answers it reads), for one date and condition tree
    (a new load brings a new tree: nothing kept is older than its load). A Wording is shared by
    every trial whose facts or unit read and say the same, so a new patient's cards mostly
    reuse words that other trials and patients made. At most `size`, all dropped when full."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._found: dict[tuple, explaining.Said | None] = {}
        self._basis: tuple = ()

    def __len__(self) -> int:
        return len(self._found)

    def said(self, wording: Wording, context: Context, language: str) -> explaining.Said | None:
        """The finding of a trial's registry facts or unit for these answers, with its words
        when asked (None: the facts ask nothing, as judging.judge)."""
        basis = self._basis
        if not basis or basis[0] is not context.tree or basis[1] != context.today:
            self._found = {}
            self._basis = (context.tree, context.today)
        found = self._found
        key = (wording, language, context.frozen_keys(wording.keys))
        if key in found:
            return found[key]
        finding = judge(wording, context)
        said = None if finding is None else explaining.Said(finding, verdict_of(finding))
        if len(found) >= self.size:
            found.clear()
        found[key] = said
        return said


# About 500 bytes each (a finding, its words and its key): at most about 20 MB a process.
MOST_SAID = 40_000
_kept_words = _KeptWords(MOST_SAID)


def still_possible(results: Iterable[TrialResult]) -> int:
    """How many trials are not ruled out."""
    return sum(1 for result in results if result.verdict != Verdict.NOT_ELIGIBLE)


def next_question(
    answers: Mapping[str, Any],
    trials: Iterable[TrialCriteria],
    questions: Sequence[Q],
    *,
    today: datetime.date,
    conditions: ConditionTree | None = None,
    skipped: Collection[str] = (),
    budget: int | None = None,
) -> Q | None:
    """The unanswered, applicable question that can change the verdict of the most trials.

    The patient's own facts come before what only a doctor can confirm (lab values, scores);
    within each, the question that matters for more still-possible trials first, then the
    bank's order. A question matters for a trial when some answer of it can change the
    trial's verdict:

    - it settles an unknown of a trial that can still come out "likely eligible" (nothing
      keeps it at "ask your doctor" that a question still to ask could settle), or
    - it can rule the trial out: a registry fact (age, sex, conditions) or a reviewed,
      patient-confirmed criterion waits on it.

    A draft or a doctor-confirmed criterion only moves a trial between "likely eligible" and
    "ask your doctor", so it is not asked for a trial that stays "ask your doctor" anyway.

    `budget` is how many more questions the patient will be asked (None: no limit; 0: none).
    Then the questions come from a plan (`_plan`): the trials that the fewest answers could
    make "likely eligible" first, and never a trial that needs more answers than are left
    (it would stay "ask your doctor" whatever the answers). Once lab values have begun, the
    patient's own questions come back only to rule a trial out; when no trial is within
    reach, only questions that can rule one out are left.

    None means there is nothing left worth asking.
    """
    return progress(
        answers,
        trials,
        questions,
        today=today,
        conditions=conditions,
        skipped=skipped,
        budget=budget,
    ).next_question


@dataclass(frozen=True, slots=True)
class Progress(Generic[Q]):
    still_possible: int
    next_question: Q | None
    # Every unasked question that can still change a verdict, applicable yet or not: answers
    # only ever shrink it, so it bounds how many questions are left.
    worth_asking: frozenset[str] = frozenset()


def progress(
    answers: Mapping[str, Any],
    trials: Iterable[TrialCriteria],
    questions: Sequence[Q],
    *,
    today: datetime.date,
    conditions: ConditionTree | None = None,
    skipped: Collection[str] = (),
    budget: int | None = None,
) -> Progress[Q]:
    """One questionnaire step in one pass: how many trials are still possible, what to ask next
    (next_question() says which, and what `budget` does)."""
    context = Context(answers, today, conditions or ConditionTree())
    if not isinstance(trials, TrialSet):
        trials = TrialSet(trials)
    unasked = [
        question
        for question in questions
        if question.key not in answers and question.key not in skipped
    ]
    if budget is not None and budget <= 0:
        unasked = []
    judged = _judged(trials, context)
    unasked_keys = frozenset(question.key for question in unasked)
    possible, mattering, in_play = _mattering(trials, judged, unasked_keys)
    if budget is not None:
        order = {question.key: _order(question, mattering) for question in unasked}
        if any(q.confirmed_by == DOCTOR for q in questions if q.key in answers or q.key in skipped):
            # Lab values come last: once they have begun, the patient's own questions are
            # asked only where they can rule a trial out.
            order = {key: rank for key, rank in order.items() if rank[0]}
        planned = _plan(trials, judged, in_play, order, budget)
        if planned:
            mattering = Counter({key: mattering[key] or 1 for key in planned})
        else:  # no trial can come out "likely eligible" now: only ruling out is left
            mattering = _mattering(trials, judged, unasked_keys, reachable=0)[1]
    best: Q | None = None
    for question in sorted(unasked, key=lambda question: _order(question, mattering)):
        if mattering[question.key] and is_applicable(question, answers):
            best = question
            break
    worth = frozenset(question.key for question in unasked if mattering[question.key])
    return Progress(possible, best, worth)


def _order(question: _Asked, mattering: Counter[str]) -> tuple[bool, int, int]:
    """Asking order: the patient's own facts first, the most deciding first, then the bank's."""
    return (question.confirmed_by == DOCTOR, -mattering[question.key], question.position)


@dataclass(frozen=True, slots=True)
class _Judged:
    """Which signatures rule a trial out, which make it "ask your doctor", and which wait
    on unanswered questions: the questions that could settle them, and those of them whose
    answer could rule the trial out."""

    excluded: frozenset[Signature]
    doubtful: frozenset[Signature]
    waiting: Mapping[Signature, frozenset[str]]
    ruling: Mapping[Signature, tuple[frozenset[str], bool]]
    # Waiting signatures that one answer can settle (an any-of inclusion: one member met is enough);
    # the others need every question they wait on.
    any_one: frozenset[Signature]


def _judged(trials: Sequence[TrialCriteria], context: Context) -> _Judged:
    excluded: set[Signature] = set()
    doubtful: set[Signature] = set()
    waiting: dict[Signature, frozenset[str]] = {}
    ruling: dict[Signature, tuple[frozenset[str], bool]] = {}
    any_one: set[Signature] = set()
    for signature, finding in judge_each_once(trials, context):
        verdict = verdict_of(finding)
        if verdict is Verdict.NOT_ELIGIBLE:
            excluded.add(signature)
        elif verdict is Verdict.ASK_DOCTOR:
            doubtful.add(signature)
            if finding.outcome is Outcome.UNKNOWN and finding.deciding_keys:
                waiting[signature] = frozenset(finding.deciding_keys)
                ruling[signature] = _ruling_keys(finding)
                if _settled_by_one(finding):
                    any_one.add(signature)
    return _Judged(frozenset(excluded), frozenset(doubtful), waiting, ruling, frozenset(any_one))


def _ruling_keys(finding: Finding) -> tuple[frozenset[str], bool]:
    """The unanswered questions whose answers could make this unknown finding a definite miss,
    and whether it takes all of them (an inclusion group fails only when every member does)."""
    if finding.about != "criteria":
        return frozenset(finding.deciding_keys), False  # age, sex and conditions rule out
    unsettled = set(finding.deciding_keys)
    if finding.rules[0].kind == EXCLUSION:  # any one member that holds and rules out
        members = [rule for rule in finding.doubtful if rule.rules_out]
        return frozenset(key for rule in members for key in _keys(rule) & unsettled), False
    if not all(rule.rules_out for rule in finding.rules):
        return frozenset(), False
    keys = [_keys(rule) & unsettled for rule in finding.doubtful]
    if not all(keys):  # a member answered "I'm not sure" stays unknown
        return frozenset(), False
    return frozenset().union(*keys), True


def _settled_by_one(finding: Finding) -> bool:
    """Whether one answer can settle this unknown finding: an any-of inclusion group."""
    return (
        finding.about == "criteria"
        and finding.rules[0].kind != EXCLUSION
        and len(finding.doubtful) > 1
    )


def _keys(rule: Rule) -> set[str]:
    return {rule.key, rule.depends_on} - {""}


def _mattering(
    trials: TrialSet, judged: _Judged, unasked: frozenset[str], reachable: int | None = None
) -> tuple[int, Counter[str], int]:
    """Trials still possible, for each unasked question how many of them it matters for, and
    the trials that the questions still to ask could make "likely eligible" (a bit mask).

    `reachable` limits those last trials further: for the others a question matters only if
    it can rule them out."""
    excluded = trials.union_mask(judged.excluded)
    still = trials.everyone & ~excluded
    # Trials kept at "ask your doctor" by something no question still to ask can settle.
    stuck = trials.union_mask(
        signature
        for signature in judged.doubtful
        if judged.waiting.get(signature, frozenset()).isdisjoint(unasked)
    )
    if reachable is not None:
        stuck |= trials.everyone & ~reachable
    by_key: dict[str, int] = {}
    for signature, keys in judged.waiting.items():
        mask = trials.masks.get(signature, 0)
        ruling, needs_all = judged.ruling[signature]
        if needs_all and not ruling <= unasked:
            ruling = frozenset()
        for key in keys:
            matters = mask if key in ruling else mask & ~stuck
            by_key[key] = by_key.get(key, 0) | matters
    mattering: Counter[str] = Counter()
    for key, mask in by_key.items():
        count = (mask & still).bit_count()
        if count:
            mattering[key] = count
    return still.bit_count(), mattering, still & ~stuck


def _plan(
    trials: TrialSet,
    judged: _Judged,
    in_play: int,
    order: Mapping[str, tuple],
    budget: int,
) -> list[str]:
    """The questions worth the patient's next `budget` answers: those that could make the
    most trials "likely eligible", cheapest trials first.

    A trial needs every unasked question one of its unknowns waits on (one per any-of
    inclusion). A trial that needs n of them and is within reach (n no more than the answers
    left) gives each of them a 1/n share of its verdict change; greedily, the question with
    the largest sum of shares joins the plan, until the budget is spent or no trial is within
    reach. A trial needing more questions than are left is not pursued: whatever the answers,
    it would stay "ask your doctor".
    """
    needed_by: dict[str, int] = {}
    out_of_reach = 0
    for signature, keys in judged.waiting.items():
        mask = trials.masks.get(signature, 0) & in_play
        wanted = [key for key in keys if key in order]
        if signature in judged.any_one:
            wanted = sorted(wanted, key=order.__getitem__)[:1]
        if not wanted:  # it waits on questions we will not ask (the patient's, after labs)
            out_of_reach |= mask
        for key in wanted:
            needed_by[key] = needed_by.get(key, 0) | mask
    whole = math.lcm(*range(1, budget + 1))  # a trial, in shares that divide it exactly
    planned: list[str] = []
    while len(planned) < budget and needed_by:
        counts = bit_counts(needed_by.values())
        reach = in_play & ~out_of_reach
        # Each trial within reach shares its one verdict change among the questions it needs.
        by_cost = []
        fewer = at_most(counts, 0, reach)
        for cost in range(1, budget - len(planned) + 1):
            within = at_most(counts, cost, reach)
            by_cost.append((whole // cost, within & ~fewer))
            fewer = within
        worth = {
            key: sum(share * (mask & trials_needing).bit_count() for share, mask in by_cost)
            for key, trials_needing in needed_by.items()
        }
        key = min(needed_by, key=lambda key: (-worth[key], order[key]))
        if not worth[key]:
            break
        planned.append(key)
        del needed_by[key]
    return planned


def _sequence(trials: Iterable[TrialCriteria]) -> Sequence[TrialCriteria]:
    return trials if isinstance(trials, Sequence) else list(trials)


def _verdicts(trials: Sequence[TrialCriteria], context: Context) -> list[TrialResult]:
    """Verdicts without words (evaluate(explain=False)): the worst of each trial's findings."""
    judged = _judged(trials, context)
    results = []
    for trial in trials:
        if not judged.excluded.isdisjoint(trial.signatures):
            verdict = Verdict.NOT_ELIGIBLE
        elif not judged.doubtful.isdisjoint(trial.signatures):
            verdict = Verdict.ASK_DOCTOR
        else:
            verdict = Verdict.LIKELY_ELIGIBLE
        results.append(
            TrialResult(trial.trial_id, verdict, (), (), (), trial.checked, trial.listed)
        )
    return results
