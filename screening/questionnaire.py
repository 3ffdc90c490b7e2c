"""The questionnaire's step: which question to ask now, and reading a submitted answer."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.utils.translation import gettext as _

from screening import engine
from screening.criteria import ConditionTree
from screening.display import MOST_ANSWER_CHARACTERS, NONE_OF_THESE
from screening.questions import (
    NEVER,
    NOT_SURE,
    AnswerError,
    QuestionSpec,
    QuestionType,
    accepted_units,
    parse_answer,
)
from screening.scope import requested_scope
from screening.state import (
    FlowState,
    can_edit,
    previous_key,
    record_answer,
    record_skip,
    with_scope,
)
from screening.trialset import TrialSet

# The postal code orders results by distance; it decides no verdict, so it is asked last.
LOCATION_KEY = "postal_code"

# The most questions that can change a verdict one patient is asked (the postal code comes on
# top). Past it, a study that needs more answers to come out "likely eligible" stays "ask your
# doctor", and the doctor's checklist names what is left to ask.
MOST_QUESTIONS = 12

ACTIONS = ("answer", "not_sure", "never", "skip", "back")


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
    trials: TrialSet,
    specs: Sequence[QuestionSpec],
    *,
    today: datetime.date,
    conditions: ConditionTree,
    edit: str | None = None,
) -> Step:
    """The question to show now (or None when the results are ready) and the counts around it.

    The next question is the engine's: the one that still decides the most open studies,
    within MOST_QUESTIONS. Editing shows an earlier question again, and counts studies as if
    it were unanswered.
    """
    by_key = {spec.key: spec for spec in specs}
    editing = edit is not None and can_edit(state, edit) and edit in by_key
    answers = dict(state.answers)
    if editing:
        answers.pop(edit, None)
    budget = MOST_QUESTIONS - sum(1 for key in state.history if key != LOCATION_KEY)
    if editing and edit != LOCATION_KEY:
        budget += 1  # the question shown again is counted as unasked
    found = engine.progress(
        answers,
        trials,
        specs,
        today=today,
        conditions=conditions,
        skipped=state.skipped,
        budget=budget,
    )
    still = found.still_possible
    question = by_key[edit] if editing else found.next_question
    if question is None and still and _location_wanted(state, by_key):
        question = by_key[LOCATION_KEY]
    remaining = 0
    if question is not None:
        left = set(found.worth_asking) | {question.key}
        left.discard(LOCATION_KEY)
        remaining = min(len(left), max(budget, 1))
        if _location_wanted(state, by_key):
            remaining += 1
    return Step(
        question=question,
        still_possible=still,
        total=len(trials),
        answered=len(state.history),
        remaining=remaining,
        number=state.history.index(edit) + 1 if editing else len(state.history) + 1,
        editing=editing,
    )


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
    if len(raw) > MOST_ANSWER_CHARACTERS:
        raise AnswerError(
            spec.key, _("That answer is too long. Please type only the number, month or code.")
        )
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


# -- one submitted step -------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What the page does after a step: show a question (again), move on, or say what is wrong."""

    moved: bool = False  # the patient moved on (answered, skipped or went back)
    linked: bool = False  # a clinician's link was read: show the questionnaire at its own address
    edit: str | None = None  # the earlier question to show again
    error: str = ""
    status: int = 200
    step: Step | None = None  # with an unreadable answer: this step again, as it was posted
    notes: tuple[tuple[int, str], ...] = ()  # (messages level, text) to show the patient


def follow_link(
    state: FlowState, query: Mapping[str, str], conditions: ConditionTree
) -> tuple[FlowState, Outcome]:
    """The state with the scope a clinician's link asks for, and notes on what it could not use."""
    scope, notes = requested_scope(query, conditions)
    return with_scope(state, scope), Outcome(linked=True, notes=tuple(notes))


def reopen(state: FlowState, edit: str | None) -> Outcome:
    """The step a GET asks for: an earlier answer to change, or the next question."""
    if edit is not None and not can_edit(state, edit):
        return Outcome(notes=((messages.INFO, _("We could not find that answer to change.")),))
    return Outcome(edit=edit)


def submit(
    state: FlowState,
    form: Any,
    trials: TrialSet,
    specs: Sequence[QuestionSpec],
    *,
    today: datetime.date,
    conditions: ConditionTree,
) -> tuple[FlowState, Outcome]:
    """The state after one submitted step form (a QueryDict), and what to show next.

    The state comes back unchanged (the same object) unless an answer or skip was recorded.
    """
    action = form.get("action") or "answer"
    key = form.get("step", "")
    if form.get("answered", "0") not in ("", "0") and not state.has_started:
        lost = _(
            "Your earlier answers are no longer here. To keep them private, we forget them "
            "when you close the browser, or after two hours without use. Let’s start again."
        )
        return state, Outcome(notes=((messages.WARNING, lost),))
    if action == "back":
        return state, Outcome(moved=True, edit=previous_key(state, key))
    by_key = {spec.key: spec for spec in specs}
    spec = by_key.get(key)
    if spec is None or action not in ACTIONS:
        error = _("We could not tell which question you answered. Please answer this one.")
        return state, Outcome(error=error, status=400)
    edit = key if form.get("edit") == "1" and can_edit(state, key) else None
    step = current_step(state, trials, specs, today=today, conditions=conditions, edit=edit)
    if step.question is None or step.question.key != key:
        error = _("That question is not the one we need now, so we did not save it.")
        return state, Outcome(error=error, status=400)
    if action == "skip":
        return record_skip(state, key, by_key), Outcome(moved=True)
    try:
        answer = read_answer(spec, action, form, today=today)
    except AnswerError as problem:
        return state, Outcome(error=problem.message, status=400, step=step)
    return record_answer(state, key, answer, by_key), Outcome(moved=True)
