"""Findings in plain words: the reasons for a verdict and the doctor's checklist."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.utils.translation import get_language, gettext

from screening.criteria import (
    EXCLUSION,
    AgeLimit,
    ConditionTree,
    Finding,
    Outcome,
    Rule,
    TrialCriteria,
    Verdict,
)
from screening.judging import Context
from screening.questions import NOT_SURE, UNITS, format_number
from trials.labels import age_in_words, age_range_in_words
from trials.languages import ENGLISH, Written, in_page_language

# Explanations repeat the same few sentences for thousands of trials: translate each once per
# language (the language is pinned for the length of one evaluate() call).
_language: ContextVar[str | None] = ContextVar("screening_engine_language", default=None)
_translated: dict[tuple[str, Any], str] = {}


def _(message: str) -> str:
    language = _language.get()
    if language is None:
        return gettext(message)
    text = _translated.get((language, message))
    if text is None:
        text = _translated[(language, message)] = gettext(message)
    return text


def _once(key: tuple, make: Callable[[], str]) -> str:
    """Words that `make()` puts together (an age range), made once per language as `_` does."""
    language = _language.get()
    if language is None:
        return make()
    text = _translated.get((language, key))
    if text is None:
        text = _translated[(language, key)] = make()
    return text


def _staff_words(english: str, spanish: str) -> Written:
    """Staff-written words in the pinned language: the Spanish, else the English marked "en"."""
    return in_page_language(english.strip(), spanish.strip(), language=_language.get())


def _reason(rule: Rule) -> Written:
    return _staff_words(rule.reason, rule.reason_es)


def language() -> str:
    """The language words are made in now: the one pinned by one_language(), else the page's."""
    pinned = _language.get()
    return (get_language() or "") if pinned is None else pinned


@contextmanager
def one_language() -> Iterator[None]:
    """Translate each sentence once while explaining many trials in today's language."""
    token = _language.set(get_language() or "")
    try:
        yield
    finally:
        _language.reset(token)


class Said:
    """A finding with its words, worked out when first asked for and then kept: the reason it
    gives and its checklist lines. screening.engine keeps them by criteria.Wording across
    trials and patients, so they may depend only on what its key holds: the registry facts or
    unit with its words, the answers it reads, the language, today and the condition tree."""

    __slots__ = ("finding", "verdict", "_reason", "_checklist")

    def __init__(self, finding: Finding, verdict: Verdict) -> None:
        self.finding = finding
        self.verdict = verdict
        self._reason: str | None = None
        self._checklist: list[str] | None = None

    def reason(self, trial: TrialCriteria, context: Context) -> str:
        if self._reason is None:
            self._reason = _explain(trial, self.finding, context)
        return self._reason

    def checklist(self, trial: TrialCriteria, context: Context) -> list[str]:
        if self._checklist is None:
            self._checklist = _checklist(trial, self.finding, context)
        return self._checklist


def words(
    trial: TrialCriteria, verdict: Verdict, deciding: list[Finding], context: Context
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The reasons for a trial's verdict and, for "ask your doctor", the checklist.

    `deciding` are the findings that give the trial its verdict (screening.engine.verdict_of).
    """
    return said_words(trial, verdict, [Said(finding, verdict) for finding in deciding], context)


def said_words(
    trial: TrialCriteria, verdict: Verdict, deciding: list[Said], context: Context
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """words(), from findings whose words may be known already."""
    if verdict == Verdict.LIKELY_ELIGIBLE:
        reasons = [
            said.reason(trial, context)
            for said in deciding
            if said.finding.outcome == Outcome.MET
            and not (said.finding.about == "criteria" and said.finding.rules[0].kind == EXCLUSION)
        ]
        return _unique(reasons or [_("Nothing in your answers rules this study out.")]), ()
    reasons = _unique(said.reason(trial, context) for said in deciding)
    if verdict == Verdict.NOT_ELIGIBLE:
        return reasons, ()
    checklist = [item for said in deciding for item in said.checklist(trial, context)]
    return reasons, _unique(checklist)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def _age_words(limit: AgeLimit) -> str:
    return _once(("age", limit), lambda: age_in_words(limit.value, limit.unit))


def _age_range(trial: TrialCriteria) -> str:
    low, high = trial.min_age, trial.max_age
    return _once(
        ("ages", low, high),
        lambda: age_range_in_words(
            (low.value, low.unit) if low else None, (high.value, high.unit) if high else None
        ),
    )


def _condition_names(trial: TrialCriteria, tree: ConditionTree) -> str:
    names = sorted(tree.name(slug) for slug in trial.conditions)
    if len(names) == 1:
        return names[0]
    return _("%(names)s or %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def _explain(trial: TrialCriteria, finding: Finding, context: Context) -> str:
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
        reason = _reason(rules[0])
    else:
        parts = list(dict.fromkeys(_reason(rule) for rule in rules if rule.reason))
        english = bool(parts) and all(part.lang for part in parts)
        reason = Written(" ".join(parts), ENGLISH if english else "")
    if finding.outcome == Outcome.NOT_MET:
        return _explain_miss(reason, finding, answers)
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
        return reason.then(note)
    return reason


def _explain_miss(reason: Written, finding: Finding, answers: Mapping[str, Any]) -> str:
    focus = finding.doubtful[0] if finding.doubtful else finding.rules[0]
    shown = _show(answers.get(focus.key), focus)
    if finding.definite:
        if shown:
            return reason.then(_("You said %(answer)s.") % {"answer": shown})
        return reason
    if shown:
        note = _("You said %(answer)s, which may not fit. Your doctor can check.") % {
            "answer": shown
        }
    else:
        note = _("Your answer may not fit. Your doctor can check.")
    drafted = [rule.source for rule in finding.doubtful if not rule.reviewed and rule.source]
    if drafted:
        # Our staff have not checked this criterion yet: show what the study itself says.
        quote = _("The study lists: “%(line)s”") % {"line": drafted[0]}
        return reason.then(note, quote)
    return reason.then(note)


def _show(answer: Any, rule: Rule) -> str:
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        return ""
    if rule.unit in UNITS:
        unit = _once(("unit", rule.unit), lambda: str(UNITS[rule.unit].label))
    else:
        unit = rule.unit
    return f"{format_number(answer)} {unit}".strip()


def _checklist(trial: TrialCriteria, finding: Finding, context: Context) -> list[str]:
    if finding.about == "age" and finding.note == "exact_age":
        return [_("Whether your exact age fits the study's limit (%s)") % _age_range(trial)]
    if finding.about == "conditions" and finding.note == "narrower":
        return [
            _("Whether you have %(condition)s") % {"condition": context.tree.name(slug)}
            for slug in sorted(trial.conditions)
        ]
    if finding.about == "criteria":
        return [
            _staff_words(rule.ask_doctor, rule.ask_doctor_es) if rule.ask_doctor else _reason(rule)
            for rule in finding.doubtful
        ]
    return []
