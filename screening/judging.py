"""Judging one criterion, any-of group or registry fact against the answers: met, not met,
unknown or not applicable.

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

A miss is *definite* only when the patient can confirm it and staff reviewed the criterion
(Rule.rules_out), or for a group when its failing members all are so. A broken draft, like a
doctor-confirmed miss, only means "ask your doctor".

Registry fields act as criteria without authoring: age (completed years, inclusive bounds),
sex, conditions (the patient's conditions count with their parents: lupus nephritis is lupus)
and healthy volunteers (a person with no condition only fits a study that takes them).
Time windows (``within_last``) count back from today: an event on or after the same date
N days/weeks/months/years ago is within the window.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from screening.criteria import (
    EXCLUSION,
    ConditionTree,
    Finding,
    Outcome,
    Rule,
    Signature,
    TrialCriteria,
    Wording,
    frozen_value,
)
from screening.questions import NEVER, NOT_SURE, Operator, answer_matches, date_bounds


@dataclass
class Context:
    answers: Mapping[str, Any]
    today: datetime.date
    tree: ConditionTree
    chosen_conditions: frozenset[str] | None = None  # as answered, None if not answered
    patient_conditions: frozenset[str] | None = None  # with their parents
    _frozen: dict[tuple[str, ...], tuple] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        chosen = self.answers.get("conditions")
        if isinstance(chosen, list):
            self.chosen_conditions = frozenset(chosen)
            self.patient_conditions = self.tree.with_ancestors(chosen)

    def frozen_keys(self, keys: tuple[str, ...]) -> tuple:
        """The answers to `keys` as a dictionary key (criteria.frozen_value each, UNANSWERED
        for a question not answered), made once per context."""
        found = self._frozen.get(keys)
        if found is None:
            answers = self.answers
            found = self._frozen[keys] = tuple(
                frozen_value(answers[key]) if key in answers else UNANSWERED for key in keys
            )
        return found


# Context.frozen_keys() of a question not answered: no frozen_value() looks like it.
UNANSWERED = ("unanswered",)


def findings(trial: TrialCriteria, context: Context) -> list[Finding]:
    """One trial's findings judged afresh, registry facts first: what screening.engine's kept
    findings (judged once per criteria.Wording) must equal; the tests hold them to it."""
    findings = _fact_findings(trial, context)
    for kind, members in trial.units:
        if len(members) == 1:
            findings.append(_single_finding(kind, members[0], context))
        else:
            findings.append(_group_finding(kind, members, context))
    return findings


def _fact_findings(trial: TrialCriteria, context: Context) -> list[Finding]:
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


def judge(signature: Signature | Wording, context: Context) -> Finding | None:
    """The finding for one unit or set of registry facts (see criteria.Signature, Wording)."""
    kind, subject = signature.representative
    if kind == "age":
        return _age_finding(subject, context.answers)
    if kind == "sex":
        return _sex_finding(subject, context.answers)
    if kind == "conditions":
        return _conditions_finding(subject, context)
    if len(subject) == 1:
        return _single_finding(kind, subject[0], context)
    return _group_finding(kind, subject, context)


def answer_keys(signature: Signature) -> frozenset[str]:
    """The answers judge() reads for this signature: its finding depends on nothing else but
    today's date and the condition tree."""
    kind, subject = signature.representative
    if kind in ("age", "sex", "conditions"):
        return frozenset({kind})
    return frozenset(key for rule in subject for key in (rule.key, rule.depends_on) if key)


_NA = "not_applicable"


def _holds(rule: Rule, context: Context) -> bool | None | str:
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


def _single_finding(kind: str, rule: Rule, context: Context) -> Finding:
    """_group_finding for a group of one, without the bookkeeping."""
    holds = _holds(rule, context)
    rules = (rule,)
    if holds is _NA:
        return Finding(Outcome.NOT_APPLICABLE, "criteria", rules=rules)
    if holds is None:
        keys = _unsettled_keys(rule, context.answers)
        return Finding(Outcome.UNKNOWN, "criteria", rules=rules, doubtful=rules, deciding_keys=keys)
    if holds is (kind == EXCLUSION):
        definite = rule.rules_out
        doubtful = () if definite else rules
        return Finding(
            Outcome.NOT_MET, "criteria", definite=definite, rules=rules, doubtful=doubtful
        )
    return Finding(Outcome.MET, "criteria", rules=rules)


def _group_finding(kind: str, members: tuple[Rule, ...], context: Context) -> Finding:
    judged = [(rule, _holds(rule, context)) for rule in members]
    applicable = [(rule, holds) for rule, holds in judged if holds is not _NA]
    rules = members
    if not applicable:
        return Finding(Outcome.NOT_APPLICABLE, "criteria", rules=rules)
    unknown = tuple(rule for rule, holds in applicable if holds is None)
    holding = [rule for rule, holds in applicable if holds is True]
    if kind == EXCLUSION:
        if holding:
            definite = any(rule.rules_out for rule in holding)
            doubtful = () if definite else tuple(holding)
            return Finding(
                Outcome.NOT_MET, "criteria", definite=definite, rules=rules, doubtful=doubtful
            )
    else:
        if holding:
            return Finding(Outcome.MET, "criteria", rules=rules)
        if not unknown:
            failing = [rule for rule, _holds_ in applicable]
            definite = all(rule.rules_out for rule in failing)
            doubtful = () if definite else tuple(r for r in failing if not r.rules_out)
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


def _conditions_finding(trial: TrialCriteria, context: Context) -> Finding | None:
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
