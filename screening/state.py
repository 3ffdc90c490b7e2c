"""The patient's answers between requests: answers, history, skipped questions and scope.

The state lives only in the patient's session (an encrypted cookie), as canonical JSON values:
nothing about a patient is written to the database. Functions here are plain: they take the
state and the question bank and return new values; `views` reads and writes the session.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext as _

from screening.questions import AnswerError, QuestionSpec, is_applicable, parse_answer
from screening.scope import MOST_TRIALS_IN_A_LINK, Scope

SESSION_KEY = "screening"


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


def without_answers(state: FlowState) -> FlowState:
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
