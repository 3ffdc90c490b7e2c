"""Eligibility engine: answers, today's date and open trials' criteria in, a verdict per trial out.

Pure: no ORM, no request, no templates. `screening.loading` builds the inputs from the database
once; the questionnaire flow and `manage.py screen` both call `evaluate()` and `next_question()`.

Three-valued rules
------------------
Each criterion is judged **met**, **not met**, **unknown** or **not applicable**:

- unknown: the answer is "I'm not sure" (``NOT_SURE``), is missing, or cannot settle it (an age
  limit in months against an age in years, a month-only date on the edge of a time window);
- not applicable: the question does not apply to this person (``pregnant`` when ``sex`` is male).

An exclusion criterion describes what keeps people out: when its condition holds the person is
excluded, so the criterion counts as *not met* for eligibility.

Criteria sharing an any-of group label (and kind) in one trial are combined with Kleene logic:
an inclusion group is met when any member holds, not met only when every applicable member
definitely does not hold, otherwise unknown; an exclusion group excludes when any member holds.
Not-applicable members are ignored; a group of only not-applicable members is not applicable.

A miss is *definite* only when the patient can confirm it: a patient-confirmed criterion (or a
group whose failing members are all patient-confirmed). Then the verdict:

1. **not eligible** when any finding is a definite miss (a definite miss outranks unknowns);
2. **ask your doctor** when any finding is unknown, or a doctor-confirmed criterion looks unmet;
3. **likely eligible** otherwise.

Registry fields act as criteria without authoring: age (completed years, inclusive bounds),
sex, conditions (the patient's conditions count with their parents: lupus nephritis is lupus)
and healthy volunteers (a person with no condition only fits a study that takes them).
Time windows (``within_last``) count back from today: an event on or after the same date
N days/weeks/months/years ago is within the window.
"""

from __future__ import annotations

import calendar
import datetime
import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar, overload

from django.utils.translation import get_language, gettext

from screening.questions import (
    NEVER,
    NOT_SURE,
    Operator,
    answer_matches,
    date_bounds,
    format_number,
    is_applicable,
)

__all__ = [
    "NOT_SURE",
    "AgeLimit",
    "ConditionTree",
    "Finding",
    "Outcome",
    "Rule",
    "TrialCriteria",
    "TrialResult",
    "Verdict",
    "evaluate",
    "next_question",
    "progress",
    "still_possible",
]

# Explanations repeat the same few sentences for thousands of trials: translate each once per
# language (the language is pinned for the length of one evaluate() call).
_language: ContextVar[str | None] = ContextVar("screening_engine_language", default=None)
_translated: dict[tuple[str, str], str] = {}


def _(message: str) -> str:
    language = _language.get()
    if language is None:
        return gettext(message)
    text = _translated.get((language, message))
    if text is None:
        text = _translated[(language, message)] = gettext(message)
    return text


INCLUSION = "inclusion"
EXCLUSION = "exclusion"
PATIENT = "patient"
DOCTOR = "doctor"


class Verdict(StrEnum):
    LIKELY_ELIGIBLE = "likely_eligible"
    ASK_DOCTOR = "ask_doctor"
    NOT_ELIGIBLE = "not_eligible"


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True, slots=True)
class Rule:
    """One authored criterion, with what the engine needs from its question."""

    key: str
    operator: str
    value: Any
    kind: str = INCLUSION
    confirmed_by: str = PATIENT
    any_of_group: str = ""
    reason: str = ""
    ask_doctor: str = ""  # the checklist line: what to ask the doctor about this question
    unit: str = ""  # the canonical unit's label, to show a number answer back
    depends_on: str = ""
    depends_on_values: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class AgeLimit:
    value: int
    unit: str = "years"  # years, months, weeks or days, as registries write them


@dataclass(frozen=True, slots=True)
class TrialCriteria:
    """One open trial: its registry facts and its authored criteria."""

    trial_id: str
    min_age: AgeLimit | None = None
    max_age: AgeLimit | None = None
    sex: str = "all"
    conditions: frozenset[str] = frozenset()
    healthy_volunteers: bool | None = None
    rules: tuple[Rule, ...] = ()
    # The rules as judged: any-of groups (by kind and label) and single criteria, in order.
    units: tuple[tuple[str, tuple[Rule, ...]], ...] = field(init=False, repr=False, compare=False)
    # What its verdict depends on, as numbers shared by every trial with the same registry
    # facts or the same unit (see _verdict_sets): thousands of trials share a few hundred.
    judged_ids: frozenset[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        groups: dict[tuple[str, str | int], list[Rule]] = {}
        for index, rule in enumerate(self.rules):
            label = rule.any_of_group.strip() or index
            groups.setdefault((rule.kind, label), []).append(rule)
        units = [(kind, tuple(members)) for (kind, _label), members in groups.items()]
        object.__setattr__(self, "units", tuple(units))
        conditions = frozenset(self.conditions)
        volunteers = self.healthy_volunteers
        ids = [
            _signature_id(
                ("age", self.min_age, self.max_age),
                ("age", _Facts(min_age=self.min_age, max_age=self.max_age)),
            ),
            _signature_id(("sex", self.sex), ("sex", _Facts(sex=self.sex))),
            _signature_id(
                ("conditions", conditions, _frozen(volunteers)),
                ("conditions", _Facts(conditions=conditions, healthy_volunteers=volunteers)),
            ),
        ]
        for kind, members in units:
            signature = (kind, tuple(_rule_signature(rule) for rule in members))
            ids.append(_signature_id(signature, (kind, members)))
        object.__setattr__(self, "judged_ids", frozenset(ids))


T = TypeVar("T")


class TrialSet(Sequence[TrialCriteria]):
    """A fixed sequence of trials, with which of them each signature id concerns, worked out once.

    Each signature id has a bit mask of the trials (by position) it concerns, so a step ORs and
    counts a few hundred masks instead of visiting 10,000 trials. progress() builds one from a
    plain sequence; build one yourself for trials you screen again and again (screening.loading
    keeps one per cached list and scope). Its trials must not change afterwards.
    """

    def __init__(self, trials: Iterable[TrialCriteria]) -> None:
        self._trials = tuple(trials)
        positions: dict[int, list[int]] = {}
        for position, trial in enumerate(self._trials):
            for signature_id in trial.judged_ids:
                positions.setdefault(signature_id, []).append(position)
        self.masks: dict[int, int] = {
            signature_id: _mask(found, len(self._trials))
            for signature_id, found in positions.items()
        }
        self.everyone = (1 << len(self._trials)) - 1
        self._derived: dict[Callable[..., Any], Any] = {}
        self._derived_lock = threading.Lock()

    @overload
    def __getitem__(self, index: int) -> TrialCriteria: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[TrialCriteria]: ...
    def __getitem__(self, index):
        return self._trials[index]

    def __len__(self) -> int:
        return len(self._trials)

    def __iter__(self) -> Iterator[TrialCriteria]:
        return iter(self._trials)

    def __repr__(self) -> str:
        return f"TrialSet({len(self._trials)} trials)"

    def derived(self, compute: Callable[[Sequence[TrialCriteria]], T]) -> T:
        """compute(trials), worked out once for this set: compute must be pure."""
        try:
            return self._derived[compute]
        except KeyError:
            with self._derived_lock:
                if compute not in self._derived:
                    self._derived[compute] = compute(self._trials)
                return self._derived[compute]

    def union_mask(self, signature_ids: Iterable[int]) -> int:
        """The trials that any of these signature ids concerns, as a bit mask."""
        mask = 0
        for signature_id in signature_ids:
            mask |= self.masks.get(signature_id, 0)
        return mask


def _mask(positions: list[int], size: int) -> int:
    bits = bytearray((size + 7) // 8)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


@dataclass(frozen=True, slots=True)
class _Facts:
    """Registry fields without a whole trial: what the age, sex or conditions finding reads."""

    min_age: AgeLimit | None = None
    max_age: AgeLimit | None = None
    sex: str = "all"
    conditions: frozenset[str] = frozenset()
    healthy_volunteers: bool | None = None


# Registry facts and units (by what can change how they are judged), numbered once per
# process, each with the first one seen as its representative.
_signatures: dict[tuple, int] = {}
_representatives: list[tuple[str, Any]] = []
_signatures_lock = threading.Lock()


def _signature_id(signature: tuple, representative: tuple[str, Any]) -> int:
    found = _signatures.get(signature)
    if found is None:
        with _signatures_lock:
            found = _signatures.get(signature)
            if found is None:
                found = _signatures[signature] = len(_representatives)
                _representatives.append(representative)
    return found


def _rule_signature(rule: Rule) -> tuple:
    """Everything about a rule that can change how it is judged (not its words)."""
    return (
        rule.key,
        rule.operator,
        _frozen(rule.value),
        rule.confirmed_by,
        rule.depends_on,
        _frozen(rule.depends_on_values),
    )


def _frozen(value: Any) -> Any:
    """A hashable stand-in for a JSON-like value that tells True from 1 and 30 from 30.0."""
    if isinstance(value, Mapping):
        return ("map", tuple(sorted((str(k), _frozen(v)) for k, v in value.items())))
    if isinstance(value, list | tuple):
        return ("seq", tuple(_frozen(item) for item in value))
    return (type(value).__name__, value)


@dataclass(frozen=True)
class ConditionTree:
    """Condition slugs with their parents and everyday names."""

    parents: Mapping[str, str | None] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)

    def ancestors(self, slug: str) -> list[str]:
        found: list[str] = []
        parent = self.parents.get(slug)
        while parent and parent not in found and parent != slug:
            found.append(parent)
            parent = self.parents.get(parent)
        return found

    def with_ancestors(self, slugs: Iterable[str]) -> frozenset[str]:
        expanded = set(slugs)
        for slug in list(expanded):
            expanded.update(self.ancestors(slug))
        return frozenset(expanded)

    def name(self, slug: str) -> str:
        return self.names.get(slug, slug)


@dataclass(slots=True)  # not frozen: built 200,000 times a step at 10,000 trials
class Finding:
    """One judged criterion (or any-of group, or registry fact) of one trial."""

    outcome: Outcome
    about: str  # "age", "sex", "conditions", "healthy_volunteers" or "criteria"
    definite: bool = False  # for a miss: the patient's own answer rules the trial out
    note: str = ""  # which case of `about`, for the explanation
    rules: tuple[Rule, ...] = ()  # the authored criteria behind it
    doubtful: tuple[Rule, ...] = ()  # members that are unknown, or doctor-confirmed misses
    deciding_keys: tuple[str, ...] = ()  # unanswered questions that could settle it


@dataclass(frozen=True, slots=True)
class TrialResult:
    trial_id: str
    verdict: Verdict
    reasons: tuple[str, ...]
    checklist: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"trial": self.trial_id, "result": str(self.verdict), "reasons": list(self.reasons)}


class _Asked(Protocol):
    key: str
    depends_on: str
    depends_on_values: tuple[Any, ...]
    position: int


Q = TypeVar("Q", bound=_Asked)


@dataclass
class _Context:
    answers: Mapping[str, Any]
    today: datetime.date
    tree: ConditionTree
    chosen_conditions: frozenset[str] | None = None  # as answered, None if not answered
    patient_conditions: frozenset[str] | None = None  # with their parents

    def __post_init__(self) -> None:
        chosen = self.answers.get("conditions")
        if isinstance(chosen, list):
            self.chosen_conditions = frozenset(chosen)
            self.patient_conditions = self.tree.with_ancestors(chosen)


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
    context = _Context(answers, today, conditions or ConditionTree())
    if not explain:
        return _verdicts(_sequence(trials), context)
    token = _language.set(get_language() or "")
    try:
        return [_result(trial, _findings(trial, context), context) for trial in trials]
    finally:
        _language.reset(token)


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
) -> Q | None:
    """The unanswered, applicable question that could settle the most still-possible trials.

    A question counts for a trial when some unknown finding of that trial waits on it. A
    question that can change no verdict is never returned; None means there is nothing left
    worth asking. Ties go to the question that comes first in the bank's order.
    """
    return progress(
        answers, trials, questions, today=today, conditions=conditions, skipped=skipped
    ).next_question


@dataclass(frozen=True, slots=True)
class Progress(Generic[Q]):
    still_possible: int
    next_question: Q | None


def progress(
    answers: Mapping[str, Any],
    trials: Iterable[TrialCriteria],
    questions: Sequence[Q],
    *,
    today: datetime.date,
    conditions: ConditionTree | None = None,
    skipped: Collection[str] = (),
) -> Progress[Q]:
    """One questionnaire step in one pass: how many trials are still possible, what to ask next."""
    context = _Context(answers, today, conditions or ConditionTree())
    if not isinstance(trials, TrialSet):
        trials = TrialSet(trials)
    judged = _verdict_sets(trials, context)
    possible, waiting = _waiting(trials, judged)
    best: Q | None = None
    for question in sorted(questions, key=lambda question: question.position):
        if question.key in answers or question.key in skipped:
            continue
        if not is_applicable(question, answers):
            continue
        if waiting[question.key] and (best is None or waiting[question.key] > waiting[best.key]):
            best = question
    return Progress(possible, best)


def _waiting(trials: TrialSet, judged: _VerdictSets) -> tuple[int, Counter[str]]:
    """Trials still possible, and for each unanswered question how many of them wait on it."""
    still = trials.everyone & ~trials.union_mask(judged.excluded)
    by_key: dict[str, int] = {}
    for signature_id, keys in judged.waiting.items():
        mask = trials.masks.get(signature_id, 0)
        for key in keys:
            by_key[key] = by_key.get(key, 0) | mask
    waiting: Counter[str] = Counter()
    for key, mask in by_key.items():
        count = (mask & still).bit_count()
        if count:
            waiting[key] = count
    return still.bit_count(), waiting


# -- judging ------------------------------------------------------------------------------


def _findings(trial: TrialCriteria, context: _Context) -> list[Finding]:
    findings = _fact_findings(trial, context)
    for kind, members in trial.units:
        if len(members) == 1:
            findings.append(_single_finding(kind, members[0], context))
        else:
            findings.append(_group_finding(kind, members, context))
    return findings


def _fact_findings(trial: TrialCriteria, context: _Context) -> list[Finding]:
    """Findings from the registry fields: age, sex, conditions and healthy volunteers."""
    return [
        finding
        for finding in (
            _age_finding(trial, context.answers),
            _sex_finding(trial, context.answers),
            _conditions_finding(trial, context),
        )
        if finding is not None
    ]


def _sequence(trials: Iterable[TrialCriteria]) -> Sequence[TrialCriteria]:
    return trials if isinstance(trials, Sequence) else list(trials)


@dataclass(frozen=True, slots=True)
class _VerdictSets:
    """How every distinct unit and set of registry facts came out, by signature id."""

    excluded: frozenset[int]  # a definite miss: the trial is not eligible
    doubtful: frozenset[int]  # unknown, or a doctor-confirmed miss: ask your doctor
    waiting: Mapping[int, frozenset[str]]  # unknowns: the unanswered questions that could settle
    waiting_ids: frozenset[int]


def _verdict_sets(trials: Sequence[TrialCriteria], context: _Context) -> _VerdictSets:
    """Judge each distinct unit and set of registry facts once, however many trials share it.

    A trial's verdict follows from its judged_ids alone: not eligible when one is excluded,
    ask your doctor when one is doubtful, likely eligible otherwise.
    """
    excluded: set[int] = set()
    doubtful: set[int] = set()
    waiting: dict[int, frozenset[str]] = {}
    if isinstance(trials, TrialSet):
        signature_ids: Iterable[int] = trials.masks
    else:
        signature_ids = frozenset().union(*(trial.judged_ids for trial in trials))
    for signature_id in signature_ids:
        kind, subject = _representatives[signature_id]
        if kind == "age":
            finding = _age_finding(subject, context.answers)
        elif kind == "sex":
            finding = _sex_finding(subject, context.answers)
        elif kind == "conditions":
            finding = _conditions_finding(subject, context)
        elif len(subject) == 1:
            finding = _single_finding(kind, subject[0], context)
        else:
            finding = _group_finding(kind, subject, context)
        if finding is None:
            continue
        if finding.outcome == Outcome.NOT_MET:
            (excluded if finding.definite else doubtful).add(signature_id)
        elif finding.outcome == Outcome.UNKNOWN:
            doubtful.add(signature_id)
            if finding.deciding_keys:
                waiting[signature_id] = frozenset(finding.deciding_keys)
    return _VerdictSets(frozenset(excluded), frozenset(doubtful), waiting, frozenset(waiting))


def _verdicts(trials: Sequence[TrialCriteria], context: _Context) -> list[TrialResult]:
    """Verdicts without words (evaluate(explain=False))."""
    judged = _verdict_sets(trials, context)
    results = []
    for trial in trials:
        if not judged.excluded.isdisjoint(trial.judged_ids):
            verdict = Verdict.NOT_ELIGIBLE
        elif not judged.doubtful.isdisjoint(trial.judged_ids):
            verdict = Verdict.ASK_DOCTOR
        else:
            verdict = Verdict.LIKELY_ELIGIBLE
        results.append(TrialResult(trial.trial_id, verdict, ()))
    return results


_NA = "not_applicable"


def _holds(rule: Rule, context: _Context) -> bool | None | str:
    """Whether the criterion's condition holds: True, False, None (unknown) or _NA."""
    answers = context.answers
    if rule.depends_on:
        if rule.depends_on not in answers or answers[rule.depends_on] == NOT_SURE:
            return None
        if not answer_matches(answers[rule.depends_on], rule.depends_on_values):
            return _NA
    if rule.key not in answers:
        return None
    answer = answers[rule.key]
    if answer == NOT_SURE:
        return None
    if rule.key == "conditions" and context.patient_conditions is not None:
        answer = sorted(context.patient_conditions)
    operator, value = rule.operator, rule.value
    if operator == Operator.EQ:
        return answer == value
    if operator == Operator.NE:
        return answer != value
    if operator == Operator.IN:
        return answer_matches(answer, value)
    if operator == Operator.WITHIN_LAST:
        return _within_last(answer, value, context.today)
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        return None
    if operator == Operator.GTE:
        return answer >= value
    if operator == Operator.GT:
        return answer > value
    if operator == Operator.LTE:
        return answer <= value
    if operator == Operator.LT:
        return answer < value
    if operator == Operator.BETWEEN:
        return value[0] <= answer <= value[1]
    return None


def _within_last(answer: Any, window: Mapping[str, Any], today: datetime.date) -> bool | None:
    if answer == NEVER:
        return False
    if not isinstance(answer, str):
        return None
    first, last = date_bounds(answer)
    cutoff = _go_back(today, int(window["amount"]), window["unit"])
    if first >= cutoff:
        return True
    if last < cutoff:
        return False
    return None


def _go_back(today: datetime.date, amount: int, unit: str) -> datetime.date:
    if unit == "days":
        return today - datetime.timedelta(days=amount)
    if unit == "weeks":
        return today - datetime.timedelta(weeks=amount)
    months = amount * 12 if unit == "years" else amount
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    day = min(today.day, calendar.monthrange(year, month + 1)[1])
    return datetime.date(year, month + 1, day)


def _unsettled_keys(rule: Rule, answers: Mapping[str, Any]) -> tuple[str, ...]:
    keys = []
    if rule.depends_on and rule.depends_on not in answers:
        keys.append(rule.depends_on)
    if rule.key not in answers:
        keys.append(rule.key)
    return tuple(keys)


def _single_finding(kind: str, rule: Rule, context: _Context) -> Finding:
    """_group_finding for a group of one, without the bookkeeping."""
    holds = _holds(rule, context)
    rules = (rule,)
    if holds is _NA:
        return Finding(Outcome.NOT_APPLICABLE, "criteria", rules=rules)
    if holds is None:
        keys = _unsettled_keys(rule, context.answers)
        return Finding(Outcome.UNKNOWN, "criteria", rules=rules, doubtful=rules, deciding_keys=keys)
    if holds is (kind == EXCLUSION):
        definite = rule.confirmed_by == PATIENT
        doubtful = () if definite else rules
        return Finding(
            Outcome.NOT_MET, "criteria", definite=definite, rules=rules, doubtful=doubtful
        )
    return Finding(Outcome.MET, "criteria", rules=rules)


def _group_finding(kind: str, members: tuple[Rule, ...], context: _Context) -> Finding:
    judged = [(rule, _holds(rule, context)) for rule in members]
    applicable = [(rule, holds) for rule, holds in judged if holds is not _NA]
    rules = members
    if not applicable:
        return Finding(Outcome.NOT_APPLICABLE, "criteria", rules=rules)
    unknown = tuple(rule for rule, holds in applicable if holds is None)
    holding = [rule for rule, holds in applicable if holds is True]
    if kind == EXCLUSION:
        if holding:
            definite = any(rule.confirmed_by == PATIENT for rule in holding)
            doubtful = () if definite else tuple(holding)
            return Finding(
                Outcome.NOT_MET, "criteria", definite=definite, rules=rules, doubtful=doubtful
            )
    else:
        if holding:
            return Finding(Outcome.MET, "criteria", rules=rules)
        if not unknown:
            failing = [rule for rule, _holds_ in applicable]
            definite = all(rule.confirmed_by == PATIENT for rule in failing)
            doubtful = () if definite else tuple(r for r in failing if r.confirmed_by == DOCTOR)
            return Finding(
                Outcome.NOT_MET, "criteria", definite=definite, rules=rules, doubtful=doubtful
            )
    if unknown:
        keys = tuple(
            dict.fromkeys(k for rule in unknown for k in _unsettled_keys(rule, context.answers))
        )
        return Finding(
            Outcome.UNKNOWN, "criteria", rules=rules, doubtful=unknown, deciding_keys=keys
        )
    return Finding(Outcome.MET, "criteria", rules=rules)


def _days_range(years: int) -> tuple[int, int]:
    """The fewest and most days lived by someone `years` old (a span of N years holds at
    least N // 4 - 1 and at most (N + 3) // 4 leap days)."""
    fewest = 365 * years + max(0, years // 4 - 1)
    most = 365 * (years + 1) + (years + 4) // 4 - 1
    return fewest, most


def _age_in(unit: str, years: int) -> tuple[int, int]:
    """The lowest and highest completed count of `unit` for someone `years` old."""
    if unit == "months":
        return years * 12, years * 12 + 11
    low, high = _days_range(years)
    if unit == "weeks":
        return low // 7, high // 7
    if unit == "days":
        return low, high
    return years, years


def _age_finding(trial: TrialCriteria, answers: Mapping[str, Any]) -> Finding | None:
    if trial.min_age is None and trial.max_age is None:
        return None
    age = answers.get("age")
    if "age" not in answers or isinstance(age, bool) or not isinstance(age, int | float):
        keys = ("age",) if "age" not in answers else ()
        return Finding(Outcome.UNKNOWN, "age", note="unanswered", deciding_keys=keys)
    years = int(age)
    unsure = False
    if trial.min_age is not None:
        low, high = _age_in(trial.min_age.unit or "years", years)
        if high < trial.min_age.value:
            return Finding(Outcome.NOT_MET, "age", definite=True, note="too_young")
        unsure = low < trial.min_age.value
    if trial.max_age is not None:
        low, high = _age_in(trial.max_age.unit or "years", years)
        if low > trial.max_age.value:
            return Finding(Outcome.NOT_MET, "age", definite=True, note="too_old")
        unsure = unsure or high > trial.max_age.value
    if unsure:
        return Finding(Outcome.UNKNOWN, "age", note="exact_age")
    return Finding(Outcome.MET, "age")


def _sex_finding(trial: TrialCriteria, answers: Mapping[str, Any]) -> Finding | None:
    if trial.sex not in ("female", "male"):
        return None
    sex = answers.get("sex")
    if sex not in ("female", "male"):
        keys = ("sex",) if "sex" not in answers else ()
        return Finding(Outcome.UNKNOWN, "sex", note="unanswered", deciding_keys=keys)
    if sex == trial.sex:
        return Finding(Outcome.MET, "sex")
    return Finding(Outcome.NOT_MET, "sex", definite=True)


def _conditions_finding(trial: TrialCriteria, context: _Context) -> Finding | None:
    chosen, patient = context.chosen_conditions, context.patient_conditions
    takes_volunteers = trial.healthy_volunteers is True
    if not trial.conditions:
        # Only the healthy-volunteer rule is left: it concerns people with no condition.
        if takes_volunteers or (chosen is not None and chosen):
            return None
        if chosen is None:
            keys = ("conditions",) if "conditions" not in context.answers else ()
            return Finding(Outcome.UNKNOWN, "healthy_volunteers", deciding_keys=keys)
        return Finding(Outcome.NOT_MET, "healthy_volunteers", definite=True)
    if chosen is None or patient is None:
        keys = ("conditions",) if "conditions" not in context.answers else ()
        return Finding(Outcome.UNKNOWN, "conditions", note="unanswered", deciding_keys=keys)
    if not chosen:
        if takes_volunteers:
            return Finding(Outcome.MET, "conditions", note="volunteer")
        return Finding(Outcome.NOT_MET, "conditions", definite=True, note="no_condition")
    if patient & trial.conditions:
        return Finding(Outcome.MET, "conditions")
    narrower = any(chosen.intersection(context.tree.ancestors(slug)) for slug in trial.conditions)
    if narrower:
        # Lupus (chosen) and a study on lupus nephritis: only a doctor can say.
        return Finding(Outcome.UNKNOWN, "conditions", note="narrower")
    return Finding(Outcome.NOT_MET, "conditions", definite=True, note="other")


# -- explaining ---------------------------------------------------------------------------


def _result(trial: TrialCriteria, findings: list[Finding], context: _Context) -> TrialResult:
    misses = [f for f in findings if f.outcome == Outcome.NOT_MET and f.definite]
    if misses:
        reasons = [_explain(trial, finding, context) for finding in misses]
        return TrialResult(
            trial.trial_id, Verdict.NOT_ELIGIBLE, _unique(reasons), findings=tuple(findings)
        )
    doubts = [
        f
        for f in findings
        if f.outcome == Outcome.UNKNOWN or (f.outcome == Outcome.NOT_MET and not f.definite)
    ]
    if doubts:
        reasons = [_explain(trial, finding, context) for finding in doubts]
        checklist = [item for finding in doubts for item in _checklist(trial, finding, context)]
        return TrialResult(
            trial.trial_id,
            Verdict.ASK_DOCTOR,
            _unique(reasons),
            _unique(checklist),
            tuple(findings),
        )
    reasons = [
        _explain(trial, finding, context)
        for finding in findings
        if finding.outcome == Outcome.MET
        and not (finding.about == "criteria" and finding.rules[0].kind == EXCLUSION)
    ]
    if not reasons:
        reasons = [_("Nothing in your answers rules this study out.")]
    return TrialResult(
        trial.trial_id, Verdict.LIKELY_ELIGIBLE, _unique(reasons), findings=tuple(findings)
    )


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


_AGE_UNITS = {
    "years": lambda: _("years"),
    "months": lambda: _("months"),
    "weeks": lambda: _("weeks"),
    "days": lambda: _("days"),
}


def _age_words(limit: AgeLimit) -> str:
    unit = _AGE_UNITS.get(limit.unit or "years", _AGE_UNITS["years"])()
    return f"{limit.value} {unit}"


def _age_range(trial: TrialCriteria) -> str:
    if trial.min_age and trial.max_age:
        return _("%(low)s to %(high)s") % {
            "low": _age_words(trial.min_age),
            "high": _age_words(trial.max_age),
        }
    if trial.min_age:
        return _("%(low)s or older") % {"low": _age_words(trial.min_age)}
    assert trial.max_age is not None
    return _("up to %(high)s") % {"high": _age_words(trial.max_age)}


def _condition_names(trial: TrialCriteria, tree: ConditionTree) -> str:
    names = sorted(tree.name(slug) for slug in trial.conditions)
    if len(names) == 1:
        return names[0]
    return _("%(names)s or %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def _explain(trial: TrialCriteria, finding: Finding, context: _Context) -> str:
    answers = context.answers
    if finding.about == "age":
        texts = {
            "too_young": _(
                "This study is for people aged %(min)s or older. You said you are %(age)s."
            ),
            "too_old": _("This study is for people up to %(max)s old. You said you are %(age)s."),
            "exact_age": _(
                "This study is for people aged %(range)s. Your doctor can check if your "
                "exact age fits."
            ),
            "unanswered": _("This study is for people aged %(range)s. We do not know your age."),
            "": _("Your age fits this study (%(range)s)."),
        }
        return texts[finding.note] % {
            "min": _age_words(trial.min_age) if trial.min_age else "",
            "max": _age_words(trial.max_age) if trial.max_age else "",
            "range": _age_range(trial),
            "age": format_number(answers["age"]) if "age" in answers else "",
        }
    if finding.about == "sex":
        only = (
            _("This study is only for females.")
            if trial.sex == "female"
            else _("This study is only for males.")
        )
        if finding.outcome == Outcome.UNKNOWN:
            return f"{only} {_('We do not know your sex.')}"
        if finding.outcome == Outcome.MET:
            return (
                _("This study is for females, as you said.")
                if trial.sex == "female"
                else _("This study is for males, as you said.")
            )
        return only
    if finding.about == "healthy_volunteers":
        if finding.outcome == Outcome.UNKNOWN:
            return _("This study does not take healthy volunteers. We do not know your conditions.")
        return _("This study is for people with a health condition, not healthy volunteers.")
    if finding.about == "conditions":
        names = {"conditions": _condition_names(trial, context.tree)}
        texts = {
            "unanswered": _(
                "This study is for people with %(conditions)s. We do not know your conditions."
            ),
            "no_condition": _(
                "This study is for people with %(conditions)s. It does not take healthy volunteers."
            ),
            "other": _("This study is for people with %(conditions)s. You did not choose that."),
            "narrower": _(
                "This study is for people with %(conditions)s. Your doctor can tell you if "
                "that is true for you."
            ),
            "volunteer": _("This study also takes healthy volunteers."),
            "": _("This study is for people with %(conditions)s, as you said."),
        }
        return texts[finding.note] % names
    return _explain_criteria(finding, answers)


def _explain_criteria(finding: Finding, answers: Mapping[str, Any]) -> str:
    rules = finding.rules
    if len(rules) == 1:
        reason = rules[0].reason.strip()
    else:
        reason = " ".join(dict.fromkeys(rule.reason.strip() for rule in rules if rule.reason))
    focus = finding.doubtful[0] if finding.doubtful else rules[0]
    answer = answers.get(focus.key)
    shown = _show(answer, focus)
    if finding.outcome == Outcome.NOT_MET and finding.definite:
        if shown:
            return f"{reason} {_('You said %(answer)s.') % {'answer': shown}}"
        return reason
    if finding.outcome == Outcome.NOT_MET:
        if shown:
            note = _("You said %(answer)s, which may not fit. Your doctor can check.") % {
                "answer": shown
            }
        else:
            note = _("Your answer may not fit. Your doctor can check.")
        return f"{reason} {note}"
    if finding.outcome == Outcome.UNKNOWN:
        unsure = unanswered = False
        for rule in finding.doubtful:
            if rule.key not in answers:
                unanswered = True
            elif answers[rule.key] == NOT_SURE:
                unsure = True
        if unsure:
            note = _("You were not sure, so your doctor can check.")
        elif unanswered:
            note = _("We do not have this answer yet.")
        else:
            note = _("Your doctor can check if the dates fit.")
        return f"{reason} {note}"
    return reason


def _show(answer: Any, rule: Rule) -> str:
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        return ""
    return f"{format_number(answer)} {rule.unit}".strip()


def _checklist(trial: TrialCriteria, finding: Finding, context: _Context) -> list[str]:
    if finding.about == "age" and finding.note == "exact_age":
        return [_("Whether your exact age fits the study's limit (%s)") % _age_range(trial)]
    if finding.about == "conditions" and finding.note == "narrower":
        return [
            _("Whether you have %(condition)s") % {"condition": context.tree.name(slug)}
            for slug in sorted(trial.conditions)
        ]
    if finding.about == "criteria":
        return [rule.ask_doctor or rule.reason for rule in finding.doubtful]
    return []
