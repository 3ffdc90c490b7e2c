"""Questions and answers as pages show them: a step's boxes filled in, answers in plain words,
and the results page's "Your answers" section."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from screening.criteria import ConditionTree
from screening.loading import QuestionBank
from screening.questions import (
    NEVER,
    NOT_SURE,
    UNITS,
    QuestionSpec,
    QuestionType,
    accepted_units,
    format_number,
)
from screening.state import FlowState
from screening.trialset import frozen_answers

# The "None of these" box of a multiple choice question.
NONE_OF_THESE = "none"
# The longest typed answer we read or show back: a number with its unit, a month, a ZIP code.
MOST_ANSWER_CHARACTERS = 40


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
    """The question with its boxes filled from an earlier `answer`, or from a `posted` form.

    `wording`, `help_text` and the spec's choice labels come in the page's language (staff
    write each in English and Spanish: Question.text, trials.languages), never through gettext,
    so an edit in the admin shows at once without a new catalogue.
    """
    if posted is not None:
        chosen = set(posted.getlist("answer"))
        text = (posted.get("answer") or "").strip()[:MOST_ANSWER_CHARACTERS]
        unit = posted.get("unit") or spec.unit
    else:
        chosen, text, unit = _as_filled(spec, answer)
    said = _("You said: I’m not sure.") if answer == NOT_SURE and posted is None else ""
    if answer == NEVER and posted is None:
        said = _("You said: %(answer)s.") % {"answer": _never_label(spec)}
    if spec.type == QuestionType.YES_NO:
        options = [("yes", _("Yes")), ("no", _("No"))]
    elif spec.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        options = [(value, spec.choice_labels.get(value) or value) for value in spec.choices]
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
        wording=wording or spec.key,
        help_text=help_text,
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
    return spec.choice_labels.get(NEVER) or _("Never")


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


def given_answers(state: FlowState, bank: QuestionBank) -> list[GivenAnswer]:
    """Every answer given (and every skip), in plain words, in the order of the question bank."""
    return [given_answer(key, state, bank) for key in given_keys(state, bank)]


def given_keys(state: FlowState, bank: QuestionBank) -> list[str]:
    """The questions answered or skipped that the bank still has, in the bank's order."""
    specs = bank.by_key
    keys = sorted(state.history, key=lambda key: (specs[key].position if key in specs else 0, key))
    return [key for key in keys if key in specs]


def given_answer(key: str, state: FlowState, bank: QuestionBank) -> GivenAnswer:
    """One answer given (or skipped), in plain words: it depends on the question, the answer
    and the bank's language alone."""
    if key in state.skipped:
        words = _("Skipped")
    else:
        words = answer_words(bank.by_key[key], state.answers[key], bank.conditions)
    question = bank.questions.get(key)
    wording = question.text("wording") if question is not None else ""
    return GivenAnswer(key, wording or key, words)


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
        return ", ".join(spec.choice_labels.get(value) or value for value in answer)
    if spec.type == QuestionType.SINGLE_CHOICE:
        return spec.choice_labels.get(answer) or answer
    return str(answer)


def given_section(state: FlowState, bank: QuestionBank) -> SafeString:
    """The "Your answers" section, kept with the cards (by the answers, skips and their order);
    when it is not, each answer's line is kept too, by its question and answer (or skip), as
    most are the same for many patients."""
    answers = frozen_answers(state.answers)
    key = ("given", state.history, state.skipped, tuple(sorted(answers.items())))
    html = bank.cards.get(key)
    if html is None:
        before, after = _given_frame(bank)
        lines = "".join(
            _given_line(question, answers.get(question), state, bank)
            for question in given_keys(state, bank)
        )
        html = SafeString(before + lines + after)
        bank.cards.put(key, html)
    return html


# Where the answers' lines go in the "Your answers" section rendered once (_given_frame).
_LINES = "\x00lines\x00"


def _given_frame(bank: QuestionBank) -> tuple[str, str]:
    """The "Your answers" section before and after its lines, rendered once per bank (its
    language) and kept with the cards: the same for every patient."""
    frame = bank.cards.get(("given frame",))
    if frame is None:
        html = render_to_string(
            "screening/results.html#given-answers", {"given": SafeString(_LINES)}
        )
        before, after = html.split(_LINES)
        frame = (before, after)
        bank.cards.put(("given frame",), frame)
    return frame


def _given_line(key: str, answer: object, state: FlowState, bank: QuestionBank) -> SafeString:
    """One answer's line of "Your answers", kept by its question and frozen answer (or skip)."""
    kept = ("given answer", key, key in state.skipped, answer)
    html = bank.cards.get(kept)
    if html is None:
        item = given_answer(key, state, bank)
        html = render_to_string("screening/results.html#given-answer", {"item": item})
        bank.cards.put(kept, html)
    return html
