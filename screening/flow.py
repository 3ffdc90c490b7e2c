"""The questionnaire's state between requests: answers, history, skipped questions and scope.

The state lives only in the patient's session (a signed cookie), as canonical JSON values:
nothing about a patient is written to the database. Functions here are plain: they take the
state and the question bank and return new values; `views` reads and writes the session.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext as _

from screening import engine
from screening.criteria import ConditionTree, TrialCriteria
from screening.questions import (
    NEVER,
    NOT_SURE,
    UNITS,
    AnswerError,
    QuestionSpec,
    QuestionType,
    accepted_units,
    format_number,
    is_applicable,
    parse_answer,
)
from screening.trialset import TrialSet
from trials.sharing import read_shortlist_ids

SESSION_KEY = "screening"
# The postal code orders results by distance; it decides no verdict, so it is asked last.
LOCATION_KEY = "postal_code"
# The "None of these" box of a multiple choice question.
NONE_OF_THESE = "none"
# A short list a clinician sends stays short.
MOST_TRIALS_IN_A_LINK = 30

ACTIONS = ("answer", "not_sure", "never", "skip", "back")


@dataclass(frozen=True)
class Scope:
    """Which open trials the questionnaire screens: all, one condition, or a short list."""

    condition: str = ""
    trials: tuple[str, ...] = ()

    @property
    def is_everything(self) -> bool:
        return not self.condition and not self.trials


@dataclass(frozen=True)
class FlowState:
    answers: Mapping[str, Any] = field(default_factory=dict)
    history: tuple[str, ...] = ()  # keys answered or skipped, in the order it happened
    skipped: tuple[str, ...] = ()
    scope: Scope = Scope()

    @property
    def has_started(self) -> bool:
        return bool(self.history)


# -- reading and writing the session ------------------------------------------------------


def load(
    stored: Any, specs: Mapping[str, QuestionSpec], *, today: datetime.date
) -> tuple[FlowState, list[str]]:
    """The state kept in the session, checked again; notes say what had to be dropped.

    Anything we cannot use (an old question bank, a garbled value) is dropped, never trusted.
    """
    if stored is None:
        return FlowState(), []
    if not isinstance(stored, Mapping):
        return FlowState(), [_("We could not read your earlier answers, so we are starting again.")]
    notes: list[str] = []
    scope = _load_scope(stored.get("scope"))
    raw_answers = stored.get("answers")
    raw_history = stored.get("history")
    raw_skipped = stored.get("skipped")
    if (
        not isinstance(raw_answers, Mapping)
        or not isinstance(raw_history, list)
        or not isinstance(raw_skipped, list)
    ):
        return FlowState(scope=scope), [
            _("We could not read your earlier answers, so we are starting again.")
        ]
    answers: dict[str, Any] = {}
    for key, value in raw_answers.items():
        spec = specs.get(key)
        if spec is None:
            continue
        try:
            answers[key] = parse_answer(spec, value, today=today)
        except AnswerError:
            continue
    skipped = [key for key in raw_skipped if isinstance(key, str) and key in specs]
    skipped = [key for key in dict.fromkeys(skipped) if key not in answers]
    history = [key for key in raw_history if isinstance(key, str)]
    history = [key for key in dict.fromkeys(history) if key in answers or key in skipped]
    history += [key for key in (*answers, *skipped) if key not in history]
    state = _prune(FlowState(answers, tuple(history), tuple(skipped), scope), specs)
    if len(state.answers) < len(raw_answers):
        notes.append(_("Some of your earlier answers could not be used. We will ask again."))
    return state, notes


def _load_scope(stored: Any) -> Scope:
    if not isinstance(stored, Mapping):
        return Scope()
    condition = stored.get("condition")
    trials = stored.get("trials")
    if isinstance(condition, str) and condition:
        return Scope(condition=condition)
    if isinstance(trials, list) and all(isinstance(item, str) for item in trials):
        return Scope(trials=tuple(trials[:MOST_TRIALS_IN_A_LINK]))
    return Scope()


def dump(state: FlowState) -> dict[str, Any]:
    """The state as small JSON for the session cookie."""
    scope: dict[str, Any] = {}
    if state.scope.condition:
        scope["condition"] = state.scope.condition
    elif state.scope.trials:
        scope["trials"] = list(state.scope.trials)
    return {
        "answers": dict(state.answers),
        "history": list(state.history),
        "skipped": list(state.skipped),
        "scope": scope,
    }


# -- changing the state -------------------------------------------------------------------


def record_answer(
    state: FlowState, key: str, value: Any, specs: Mapping[str, QuestionSpec]
) -> FlowState:
    """The state with `key` answered; answers that no longer apply are dropped."""
    answers = {**state.answers, key: value}
    history = state.history if key in state.history else (*state.history, key)
    skipped = tuple(item for item in state.skipped if item != key)
    return _prune(replace(state, answers=answers, history=history, skipped=skipped), specs)


def record_skip(state: FlowState, key: str, specs: Mapping[str, QuestionSpec]) -> FlowState:
    answers = {item: value for item, value in state.answers.items() if item != key}
    history = state.history if key in state.history else (*state.history, key)
    skipped = state.skipped if key in state.skipped else (*state.skipped, key)
    return _prune(replace(state, answers=answers, history=history, skipped=skipped), specs)


def start_over(state: FlowState) -> FlowState:
    """No answers; the scope a clinician's link set stays."""
    return FlowState(scope=state.scope)


def with_scope(state: FlowState, scope: Scope) -> FlowState:
    return replace(state, scope=scope)


def _prune(state: FlowState, specs: Mapping[str, QuestionSpec]) -> FlowState:
    """Drop answers to questions that no longer apply (pregnancy after sex changed to male)."""
    answers = dict(state.answers)
    skipped = list(state.skipped)
    changed = True
    while changed:
        changed = False
        for key in [*answers, *skipped]:
            spec = specs.get(key)
            if spec is not None and not is_applicable(spec, answers):
                answers.pop(key, None)
                if key in skipped:
                    skipped.remove(key)
                changed = True
    history = tuple(key for key in state.history if key in answers or key in skipped)
    return replace(state, answers=answers, history=history, skipped=tuple(skipped))


def previous_key(state: FlowState, current: str) -> str | None:
    """The question before `current` in the order they were asked, None on the first."""
    if current in state.history:
        index = state.history.index(current)
        return state.history[index - 1] if index > 0 else None
    return state.history[-1] if state.history else None


def can_edit(state: FlowState, key: str) -> bool:
    return key in state.history


# -- where the patient is -----------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """What one questionnaire screen shows."""

    question: QuestionSpec | None
    still_possible: int
    total: int
    answered: int
    remaining: int  # at most this many questions left, this one included
    number: int = 1  # which question this is, counting from the first one asked
    editing: bool = False

    @property
    def progress_max(self) -> int:
        return max(self.answered + self.remaining, 1)


def current_step(
    state: FlowState,
    trials: Sequence[TrialCriteria],
    specs: Sequence[QuestionSpec],
    *,
    today: datetime.date,
    conditions: ConditionTree,
    edit: str | None = None,
) -> Step:
    """The question to show now (or None when the results are ready) and the counts around it.

    The next question is the engine's: the one that still decides the most open studies.
    Editing shows an earlier question again, and counts studies as if it were unanswered.
    """
    by_key = {spec.key: spec for spec in specs}
    editing = edit is not None and can_edit(state, edit) and edit in by_key
    answers = dict(state.answers)
    if editing:
        answers.pop(edit, None)
    found = engine.progress(
        answers, trials, specs, today=today, conditions=conditions, skipped=state.skipped
    )
    still = found.still_possible
    question = by_key[edit] if editing else found.next_question
    if question is None and still and _location_wanted(state, by_key):
        question = by_key[LOCATION_KEY]
    remaining = 0
    if question is not None:
        left = {
            key
            for key in keys_in_use(trials)
            if key in by_key
            and key not in state.answers
            and key not in state.skipped
            and is_applicable(by_key[key], state.answers)
        }
        if _location_wanted(state, by_key):
            left.add(LOCATION_KEY)
        left.add(question.key)
        remaining = len(left)
    return Step(
        question=question,
        still_possible=still,
        total=len(trials),
        answered=len(state.history),
        remaining=remaining,
        number=state.history.index(edit) + 1 if editing else len(state.history) + 1,
        editing=editing,
    )


def keys_in_use(trials: Iterable[TrialCriteria]) -> frozenset[str]:
    """Every question some trial could ask about: an honest ceiling for "questions left".

    It walks every rule of every trial, so for a TrialSet it is worked out once per set.
    """
    if isinstance(trials, TrialSet):
        return trials.derived(_keys_in_use)
    return _keys_in_use(trials)


def _keys_in_use(trials: Iterable[TrialCriteria]) -> frozenset[str]:
    keys: set[str] = set()
    for trial in trials:
        if trial.min_age is not None or trial.max_age is not None:
            keys.add("age")
        if trial.sex in ("female", "male"):
            keys.add("sex")
        if trial.conditions or trial.healthy_volunteers is not True:
            keys.add("conditions")
        for rule in trial.rules:
            keys.add(rule.key)
            if rule.depends_on:
                keys.add(rule.depends_on)
    return frozenset(keys)


def in_scope(
    trials: Iterable[TrialCriteria], scope: Scope, conditions: ConditionTree
) -> list[TrialCriteria]:
    """The open trials a clinician's link limits screening to (all of them without one)."""
    if scope.condition:
        family = condition_family(scope.condition, conditions)
        return [trial for trial in trials if trial.conditions & family]
    if scope.trials:
        wanted = set(scope.trials)
        return [trial for trial in trials if trial.trial_id in wanted]
    return list(trials)


def _location_wanted(state: FlowState, by_key: Mapping[str, QuestionSpec]) -> bool:
    return (
        LOCATION_KEY in by_key
        and LOCATION_KEY not in state.answers
        and LOCATION_KEY not in state.skipped
    )


# -- reading a submitted step -------------------------------------------------------------


def read_answer(spec: QuestionSpec, action: str, form: Any, *, today: datetime.date) -> Any:
    """The canonical answer from a submitted step form, or AnswerError in plain words.

    `form` is a QueryDict (or anything with get/getlist).
    """
    if action == "not_sure":
        return parse_answer(spec, NOT_SURE, today=today)
    if action == "never":
        return parse_answer(spec, NEVER, today=today)
    if spec.type == QuestionType.MULTIPLE_CHOICE:
        chosen = [value for value in form.getlist("answer") if isinstance(value, str)]
        if not chosen:
            raise AnswerError(spec.key, _("Please choose at least one, or choose “None of these”."))
        if NONE_OF_THESE in chosen:
            if len(chosen) > 1:
                raise AnswerError(
                    spec.key,
                    _(
                        "You chose “None of these” and something else. "
                        "Please choose one or the other."
                    ),
                )
            return parse_answer(spec, [], today=today)
        return parse_answer(spec, chosen, today=today)
    raw = (form.get("answer") or "").strip()
    if not raw:
        raise AnswerError(spec.key, _missing_message(spec))
    if spec.type == QuestionType.NUMBER:
        unit = form.get("unit") or None
        if unit is not None and unit not in accepted_units(spec):
            raise AnswerError(spec.key, _("Please choose one of the units in the list."))
        if unit is not None and _has_written_unit(raw):
            unit = None  # "150 lb" typed in full wins over the list
        return parse_answer(spec, raw, unit=unit, today=today)
    return parse_answer(spec, raw, today=today)


def _has_written_unit(raw: str) -> bool:
    return any(character.isalpha() for character in raw)


def _missing_message(spec: QuestionSpec) -> str:
    if spec.type == QuestionType.NUMBER:
        message = _("Please enter a number.")
    elif spec.type == QuestionType.TEXT:
        message = _("Please enter your ZIP code.")
    elif spec.type == QuestionType.DATE:
        message = _("Please give a month and year.")
    else:
        message = _("Please choose an answer.")
    if spec.offers_not_sure:
        return f"{message} {_('If you do not know, choose “I’m not sure”.')}"
    return f"{message} {_('Or choose “Skip this question”.')}"


# -- showing questions and answers --------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    checked: bool = False


@dataclass(frozen=True)
class Shown:
    """One question as the step template shows it."""

    key: str
    type: str
    wording: str
    help_text: str
    choices: tuple[Choice, ...] = ()
    units: tuple[Choice, ...] = ()
    text: str = ""  # what is in the text box
    offers_not_sure: bool = False
    never_label: str = ""
    whole_number: bool = False
    said: str = ""  # an earlier answer the box cannot show, such as "I'm not sure"

    @property
    def is_choice(self) -> bool:
        return self.type in (QuestionType.YES_NO, QuestionType.SINGLE_CHOICE)

    @property
    def is_multiple(self) -> bool:
        return self.type == QuestionType.MULTIPLE_CHOICE


def show(
    spec: QuestionSpec,
    *,
    wording: str,
    help_text: str,
    answer: Any = None,
    posted: Any = None,
) -> Shown:
    """The question with its boxes filled from an earlier `answer`, or from a `posted` form."""
    if posted is not None:
        chosen = set(posted.getlist("answer"))
        text = (posted.get("answer") or "").strip()
        unit = posted.get("unit") or spec.unit
    else:
        chosen, text, unit = _as_filled(spec, answer)
    said = _("You said: I’m not sure.") if answer == NOT_SURE and posted is None else ""
    if answer == NEVER and posted is None:
        said = _("You said: %(answer)s.") % {"answer": _never_label(spec)}
    if spec.type == QuestionType.YES_NO:
        options = [("yes", _("Yes")), ("no", _("No"))]
    elif spec.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        options = [(value, _(spec.choice_labels.get(value) or value)) for value in spec.choices]
        if spec.type == QuestionType.MULTIPLE_CHOICE:
            options.append((NONE_OF_THESE, _("None of these")))
    else:
        options = []
    units = ()
    if spec.type == QuestionType.NUMBER and spec.alternative_units:
        units = tuple(
            Choice(code, str(UNITS[code].label), code == unit) for code in accepted_units(spec)
        )
    return Shown(
        key=spec.key,
        type=spec.type,
        wording=_(wording) if wording else spec.key,
        help_text=_(help_text) if help_text else "",
        choices=tuple(Choice(value, label, value in chosen) for value, label in options),
        units=units,
        text=text
        if spec.type in (QuestionType.NUMBER, QuestionType.TEXT, QuestionType.DATE)
        else "",
        offers_not_sure=spec.offers_not_sure,
        never_label=_never_label(spec) if NEVER in spec.choices else "",
        whole_number=spec.whole_number,
        said=said,
    )


def _never_label(spec: QuestionSpec) -> str:
    label = spec.choice_labels.get(NEVER)
    return _(label) if label else _("Never")


def _as_filled(spec: QuestionSpec, answer: Any) -> tuple[set[str], str, str]:
    if answer is None or answer in (NOT_SURE, NEVER):
        return set(), "", spec.unit
    if isinstance(answer, bool):
        return {"yes" if answer else "no"}, "", spec.unit
    if isinstance(answer, list):
        return (set(answer) if answer else {NONE_OF_THESE}), "", spec.unit
    if isinstance(answer, int | float):
        return set(), format_number(answer), spec.unit
    return {str(answer)}, str(answer), spec.unit


@dataclass(frozen=True)
class GivenAnswer:
    key: str
    question: str
    answer: str


def given_answers(
    state: FlowState,
    specs: Mapping[str, QuestionSpec],
    wordings: Mapping[str, str],
    conditions: ConditionTree,
) -> list[GivenAnswer]:
    """Every answer given (and every skip), in plain words, in the order of the question bank."""
    keys = sorted(state.history, key=lambda key: (specs[key].position if key in specs else 0, key))
    given = []
    for key in keys:
        spec = specs.get(key)
        if spec is None:
            continue
        if key in state.skipped:
            words = _("Skipped")
        else:
            words = answer_words(spec, state.answers[key], conditions)
        given.append(GivenAnswer(key, _(wordings.get(key) or key), words))
    return given


def answer_words(spec: QuestionSpec, answer: Any, conditions: ConditionTree) -> str:
    """One answer in plain words: "Yes", "34 years", "Lupus (SLE), Psoriasis"."""
    if answer == NOT_SURE:
        return _("I’m not sure")
    if answer == NEVER:
        return _never_label(spec)
    if isinstance(answer, bool):
        return _("Yes") if answer else _("No")
    if isinstance(answer, int | float):
        unit = str(UNITS[spec.unit].label) if spec.unit in UNITS else ""
        return f"{format_number(answer)} {unit}".strip()
    if isinstance(answer, list):
        if not answer:
            return _("None of these")
        if spec.key == "conditions":
            return ", ".join(conditions.name(slug) for slug in answer)
        return ", ".join(_(spec.choice_labels.get(value) or value) for value in answer)
    if spec.type == QuestionType.SINGLE_CHOICE:
        return _(spec.choice_labels.get(answer) or answer)
    return str(answer)


# -- scope from a clinician's link --------------------------------------------------------


def requested_trial_ids(raw: str) -> list[str]:
    """Registry ids from "NCT01,nct02 NCT03", upper-cased, each once, at most a short list.

    Read as the short list page reads its `ids`, so one link format serves both.
    """
    return read_shortlist_ids(raw, limit=MOST_TRIALS_IN_A_LINK).ids


def condition_family(slug: str, conditions: ConditionTree) -> set[str]:
    """A condition and every condition under it (lupus: lupus nephritis, skin lupus…)."""
    family = {slug}
    grew = True
    while grew:
        children = {child for child, parent in conditions.parents.items() if parent in family}
        grew = not children <= family
        family |= children
    return family
