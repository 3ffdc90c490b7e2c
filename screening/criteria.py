"""What the engine reasons about: trials' criteria, findings, verdicts, and a Signature for each
distinct thing to judge (registry facts or a criterion unit), shared by every trial that has it.

Plain data: no ORM, no request, no templates. `screening.loading` builds TrialCriteria from the
database; `screening.judging` judges them; `screening.engine` turns findings into verdicts.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

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
    # The canonical unit's code (screening.questions.UNITS), to show a number answer back: its
    # label is looked up when words are made, in the page's language, as the rule is cached.
    unit: str = ""
    depends_on: str = ""
    depends_on_values: tuple[Any, ...] = ()
    # False for a draft no one on staff has checked: its miss never rules a trial out.
    reviewed: bool = True
    source: str = ""  # the registry line it came from, quoted when a draft is not met
    # The Spanish of `reason` and `ask_doctor`, when staff wrote it: screening.explaining picks
    # by the page's language, so loaded rules serve pages in either language.
    reason_es: str = ""
    ask_doctor_es: str = ""

    @property
    def rules_out(self) -> bool:
        """Whether a miss of this rule alone may say "not eligible": the patient can
        confirm the answer, and staff reviewed the rule."""
        return self.confirmed_by == PATIENT and self.reviewed


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
    # How many requirement lines its registered text lists, and how many of them a criterion
    # or a registry field checks (screening.coverage); None when they were never counted.
    listed: int | None = None
    checked: int | None = None
    # The rules as judged: any-of groups (by kind and label) and single criteria, in order.
    units: tuple[tuple[str, tuple[Rule, ...]], ...] = field(init=False, repr=False, compare=False)
    # What its verdict depends on, as signatures shared by every trial with the same registry
    # facts or the same unit (see screening.trialset): thousands of trials share a few hundred.
    signatures: frozenset[Signature] = field(init=False, repr=False, compare=False)
    # Its registry facts (age, sex, conditions), then its units, with their words: shared by
    # every trial whose facts or unit read and say the same (see Wording).
    wordings: tuple[Wording, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        groups: dict[tuple[str, str | int], list[Rule]] = {}
        for index, rule in enumerate(self.rules):
            label = rule.any_of_group.strip() or index
            groups.setdefault((rule.kind, label), []).append(rule)
        units = [(kind, tuple(members)) for (kind, _label), members in groups.items()]
        object.__setattr__(self, "units", tuple(units))
        conditions = frozenset(self.conditions)
        volunteers = self.healthy_volunteers
        # Registry facts: how they are judged is all their words say too.
        facts = [
            (
                ("age", self.min_age, self.max_age),
                RegistryFacts(min_age=self.min_age, max_age=self.max_age),
            ),
            (("sex", self.sex), RegistryFacts(sex=self.sex)),
            (
                ("conditions", conditions, frozen_value(volunteers)),
                RegistryFacts(conditions=conditions, healthy_volunteers=volunteers),
            ),
        ]
        signatures = [_signature(key, (key[0], subject)) for key, subject in facts]
        wordings = [_wording(key, (key[0], subject)) for key, subject in facts]
        for kind, members in units:
            judged = (kind, tuple(_rule_signature(rule) for rule in members))
            signatures.append(_signature(judged, (kind, members)))
            wordings.append(_wording((*judged, tuple(map(_rule_words, members))), (kind, members)))
        object.__setattr__(self, "signatures", frozenset(signatures))
        object.__setattr__(self, "wordings", tuple(wordings))


@dataclass(frozen=True, slots=True)
class RegistryFacts:
    """Registry fields without a whole trial: what the age, sex or conditions finding reads."""

    min_age: AgeLimit | None = None
    max_age: AgeLimit | None = None
    sex: str = "all"
    conditions: frozenset[str] = frozenset()
    healthy_volunteers: bool | None = None


class Signature:
    """One distinct thing to judge: registry facts, or a criterion unit (a single criterion or
    an any-of group), by everything that can change how it is judged. Equal ones are one object
    (compared by identity), judged once for every trial that has it; `representative` is the
    first one seen, as ("age" | "sex" | "conditions" | a criterion kind, what to judge)."""

    __slots__ = ("representative", "__weakref__")

    def __init__(self, representative: tuple[str, Any]) -> None:
        self.representative = representative

    def __repr__(self) -> str:
        return f"Signature({self.representative[0]!r})"


# Equal registry facts and units are found here while any trial holds them. The table holds
# them weakly: a signature no loaded trial has any more is forgotten, so the table never
# outgrows the trials in memory however often the data changes.
_signatures: weakref.WeakValueDictionary[tuple, Signature] = weakref.WeakValueDictionary()
_signatures_lock = threading.Lock()


def _signature(key: tuple, representative: tuple[str, Any]) -> Signature:
    return _interned(_signatures, key, Signature, representative)


def _interned(table: weakref.WeakValueDictionary, key: tuple, kind: type, representative: Any):
    """The object of `table` for `key`, made as kind(representative) when there is none."""
    found = table.get(key)
    if found is None:
        with _signatures_lock:
            found = table.get(key)
            if found is None:
                found = table[key] = kind(representative)
    return found


class Wording:
    """Registry facts or a criterion unit as a results card explains them: judged as their
    Signature is, and said in their own words (a criterion's reason, checklist line, quoted
    source and unit). Equal ones are one object across trials, so the finding and words worked
    out for one trial and some answers serve every trial with equal facts or an equal unit, for
    every patient who gave those answers (screening.engine keeps them)."""

    __slots__ = ("representative", "keys", "__weakref__")

    def __init__(self, representative: tuple[str, Any]) -> None:
        self.representative = representative
        kind, subject = representative
        # The answers its finding and words read, in a fixed order.
        if kind in ("age", "sex", "conditions"):
            self.keys: tuple[str, ...] = (kind,)
        else:
            self.keys = tuple(
                dict.fromkeys(key for rule in subject for key in (rule.key, rule.depends_on) if key)
            )

    def __repr__(self) -> str:
        return f"Wording({self.representative[0]!r})"


# Equal wordings are found here while any trial holds them (weakly, as _signatures).
_wordings: weakref.WeakValueDictionary[tuple, Wording] = weakref.WeakValueDictionary()


def _wording(key: tuple, representative: tuple[str, Any]) -> Wording:
    return _interned(_wordings, key, Wording, representative)


def _rule_words(rule: Rule) -> tuple:
    """What a rule says, beside how it is judged (_rule_signature): its explanation's words."""
    return (
        rule.reason,
        rule.reason_es,
        rule.ask_doctor,
        rule.ask_doctor_es,
        rule.source,
        rule.unit,
    )


def _rule_signature(rule: Rule) -> tuple:
    """Everything about a rule that can change how it is judged (not its words)."""
    return (
        rule.key,
        rule.operator,
        frozen_value(rule.value),
        rule.confirmed_by,
        rule.reviewed,
        rule.depends_on,
        frozen_value(rule.depends_on_values),
    )


def frozen_value(value: Any) -> Any:
    """A hashable stand-in for a JSON-like value that tells True from 1 and 30 from 30.0."""
    if isinstance(value, Mapping):
        return ("map", tuple(sorted((str(k), frozen_value(v)) for k, v in value.items())))
    if isinstance(value, list | tuple):
        return ("seq", tuple(frozen_value(item) for item in value))
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


@dataclass(slots=True)  # not frozen: built for every open trial on every step and results page
class TrialResult:
    trial_id: str
    verdict: Verdict
    reasons: tuple[str, ...]
    checklist: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    checked: int | None = None  # requirement lines we check, of
    listed: int | None = None  # the requirement lines the study lists

    def as_dict(self) -> dict[str, Any]:
        return {
            "trial": self.trial_id,
            "result": str(self.verdict),
            "reasons": list(self.reasons),
            "checked": self.checked,
            "listed": self.listed,
        }
