"""Draft criteria from registered eligibility text: find each question's concept in a line,
read what the line asks of it, and keep only what the line plainly requires.

Precision comes first: a line we do not understand gives no draft. A draft is made when

- a yes/no concept is mentioned in a section where a mention sets a requirement (pregnancy under
  Exclusion), or negated in the other one ("not pregnant" under Inclusion), with a time window
  that fits the question when the question asks about a time;
- a number concept is followed (or, "20 mg/day of prednisone", preceded) by a comparison or a
  range whose unit converts into the question's canonical unit and whose value is in range;
- a date concept ("last dose of a biologic") comes with a time window ("within 6 months").

No draft when the clause says the thing is allowed ("stable prednisone is allowed"), when the
mention follows "except" / "other than" / "unless", or when a blocker word of the question is in
the line (a steroid "pulse"). Several concepts in one inclusion line joined by "or", or lines
under "at least one of the following:", share an any-of group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from screening.questions import Operator, QuestionType

from .context import Context
from .grammar import (
    Comparison,
    TimeWindow,
    comparisons,
    comparisons_after_word,
    find_phrases,
    in_unit,
    lower,
    windows,
    words,
)
from .lines import Line
from .reasons import reason, reason_in_spanish
from .vocabulary import Concept, Vocabulary

INCLUSION, EXCLUSION = "inclusion", "exclusion"


@dataclass(frozen=True)
class Mention:
    concept: Concept
    start: int
    end: int


@dataclass(frozen=True)
class Found:
    """A draft before it knows its any-of group: what one mention in one line requires."""

    key: str
    kind: str
    operator: str
    value: object
    start: int
    end: int
    concept: Concept

    @property
    def reason(self) -> str:
        return reason(self.concept, self.kind, self.operator, self.value)

    @property
    def reason_es(self) -> str:
        return reason_in_spanish(self.concept, self.kind, self.operator, self.value)


def mentions(line: str, vocabulary: Vocabulary) -> list[Mention]:
    """Where each concept is named in `line` (lower case); longer names win overlaps."""
    candidates: list[Mention] = []
    for concept in vocabulary:
        excluded = find_phrases(line, concept.not_names)
        for start, end in find_phrases(line, concept.names):
            if any(s < end and start < e for s, e in excluded):
                continue
            candidates.append(Mention(concept, start, end))
    candidates.sort(key=lambda m: (-(m.end - m.start), m.start))
    kept: list[Mention] = []
    for mention in candidates:
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


# Text without Inclusion/Exclusion headings lists what people must meet; a line of it that
# says it keeps people out is read as an exclusion.
_EXCLUDING_LINE = re.compile(r"not eligible|\bexclu(?:de|ded|sion)\b|\bineligible\b")


def line_kind(line: Line) -> str:
    kind = line.requirement.kind
    if kind in (INCLUSION, EXCLUSION):
        return kind
    return EXCLUSION if _EXCLUDING_LINE.search(lower(line.requirement.text)) else INCLUSION


def find_in_line(line: Line, vocabulary: Vocabulary) -> list[Found]:
    kind = line_kind(line)
    context = Context(line.requirement.text)
    text = context.text
    found: list[Found] = []
    named = mentions(text, vocabulary)
    for index, mention in enumerate(named):
        concept = mention.concept
        if context.blocked(mention.start, mention.end, concept.blockers):
            continue
        if context.hedged(mention.start) or context.excepted(mention.start):
            continue
        if context.about_someone_else(mention.start):
            continue
        if concept.type == QuestionType.NUMBER:
            # "an increase of ≥ 1 EDSS point": a change in the number, not the number.
            if context.blocked(mention.start, mention.end, words("number_blockers")):
                continue
            following = next((m.start for m in named[index + 1 :] if m.concept != concept), None)
            preceding = max((m.end for m in named[:index] if m.concept != concept), default=0)
            found += _numbers(context, kind, mention, following, preceding)
        elif concept.type == QuestionType.YES_NO:
            found += _yes_no(context, kind, mention)
        elif concept.type == QuestionType.DATE:
            found += _date(context, kind, mention)
    unique: dict[tuple, Found] = {}
    for item in found:
        unique.setdefault((item.key, item.kind, item.operator, repr(item.value)), item)
    return list(unique.values())


def _direction(context: Context, kind: str, mention: Mention, window=None) -> str | None:
    """The kind of yes-means-this criterion the mention makes, or None."""
    if window is not None and window.since:
        # "At least 4 weeks since a live vaccine" (to be met): a recent one keeps people out.
        if kind != INCLUSION:
            return None
        kind = EXCLUSION
    elif context.negated(mention.start, mention.end):
        kind = EXCLUSION if kind == INCLUSION else INCLUSION
    return kind if kind in mention.concept.sections else None


def _clause_windows(context: Context, mention: Mention):
    start, end = context.clause(mention.start)
    spans = windows(context.text, start, end)
    after = [w for w in spans if w.start >= mention.end]
    before = [w for w in spans if w.end <= mention.start]
    return after + before[::-1]


def _yes_no(context: Context, kind: str, mention: Mention) -> list[Found]:
    wanted = mention.concept.window
    spans = _clause_windows(context, mention) if wanted is not None else []
    direction = _direction(context, kind, mention, spans[0] if spans else None)
    if direction is None:
        return []
    if wanted is not None:
        if not spans:
            if not wanted.no_window:
                return []
        else:
            wanted_days = TimeWindow(wanted.amount, wanted.unit, 0, 0).days
            days = spans[0].days
            fits = abs(days - wanted_days) <= 0.1 * wanted_days
            if not fits and not (wanted.or_longer and days >= wanted_days):
                return []
    return [_found(mention, direction, Operator.EQ, True)]


def _date(context: Context, kind: str, mention: Mention) -> list[Found]:
    spans = _clause_windows(context, mention)
    if not spans:
        return []
    direction = _direction(context, kind, mention, spans[0])
    if direction is None:
        return []
    value = {"amount": spans[0].amount, "unit": spans[0].unit}
    return [_found(mention, direction, Operator.WITHIN_LAST, value)]


_GAP_PARENS = re.compile(r"\([^()]*\)")
_LEADS_INTO = re.compile(r"^\s*(?:\(or equivalent\)\s*)?(?:of|dose of|daily of)\s*$")
_COMPARISON_BEFORE_NAME = re.compile(
    r"(exceeding|greater than|more than|higher than|above|less than|below|lower than|"
    r"at least|at most|up to|no more than|>=|<=|≥|≤|>|<)\s+(?:the\s+)?(?:equivalent\s+of\s+)?$"
)
_CHAIN = re.compile(r"^[\s,;(]*(?:and/or|or|and|but)?[\s,(]*$")


def _numbers(context: Context, kind, mention, following, preceding) -> list[Found]:
    text = context.text
    concept = mention.concept
    if context.starts_negated():
        # "No patients with … GFR less than 50": the line keeps them out.
        kind = EXCLUSION if kind == INCLUSION else INCLUSION
    clause_start, clause_end = context.clause(mention.start, glued=False)
    end = min(clause_end, following) if following is not None else clause_end
    results: list[Found] = []
    previous_end = None
    for comparison in comparisons(text, concept.units, mention.end, end):
        gap_start = mention.end if previous_end is None else previous_end
        gap = _GAP_PARENS.sub("", text[gap_start : comparison.words_start])
        if previous_end is None:
            if re.search(r"\d", gap) or len(gap) > 60:
                break
        elif not _CHAIN.match(gap):
            break
        value = _value(concept, comparison)
        previous_end = comparison.end
        if value is not None:
            results.append(_found(mention, kind, *value))
    if results:
        return results
    # "≥ 20 mg/day of prednisone": a comparison that leads into the name.
    start = max(clause_start, preceding)
    for comparison in comparisons(text, concept.units, start, mention.start):
        if _LEADS_INTO.match(text[comparison.end : mention.start]):
            value = _value(concept, comparison)
            if value is not None:
                return [_found(mention, kind, *value)]
    # "exceeding the equivalent of prednisone 10 mg daily": the comparison word comes first.
    lead = _COMPARISON_BEFORE_NAME.search(text[max(clause_start, preceding) : mention.start])
    if lead:
        for comparison in comparisons_after_word(text, concept.units, mention.end, end, lead):
            if not text[mention.end : comparison.start].strip(" ,:"):
                value = _value(concept, comparison)
                if value is not None:
                    return [_found(mention, kind, *value)]
    return []


def _value(concept: Concept, comparison: Comparison):
    values = in_unit(
        comparison, concept.units, concept.bare_units, concept.unit, concept.unit_required
    )
    if values is None:
        return None
    for number in values:
        if concept.min_value is not None and number < concept.min_value:
            return None
        if concept.max_value is not None and number > concept.max_value:
            return None
    if comparison.operator == Operator.BETWEEN:
        return Operator.BETWEEN, list(values)
    return comparison.operator, values[0]


def _found(mention: Mention, kind: str, operator: str, value) -> Found:
    concept = mention.concept
    return Found(concept.key, kind, operator, value, mention.start, mention.end, concept)


def alternatives(text: str, found: list[Found]) -> list[list[Found]]:
    """Runs of requirements an inclusion line offers as alternatives, one run per any-of group.

    "Positive ANA or anti-dsDNA ... SLEDAI-2K ≥ 6": ANA and anti-dsDNA are a run, joined by
    "or" in one clause; the SLEDAI-2K score is needed as well. After "at least one of" every
    requirement to the end of its sentence is in the run.
    """
    context = Context(text)
    ordered = sorted(found, key=lambda item: item.start)
    cue = find_phrases(context.text, words("any_of"))
    runs: list[list[Found]] = []
    for item in ordered:
        previous = runs[-1][-1] if runs else None
        if previous is not None and _joined_by_or(context, previous, item, cue):
            runs[-1].append(item)
        else:
            runs.append([item])
    return [run for run in runs if len({item.key for item in run}) > 1]


def _joined_by_or(context: Context, first: Found, second: Found, cue) -> bool:
    if cue:
        cue_start = cue[0][0]
        sentence = context.clause(cue_start, glued=False)
        if all(cue_start < item.start < sentence[1] for item in (first, second)):
            return True
    between = context.text[first.end : second.start]
    return (
        context.clause(first.start) == context.clause(second.start)
        and len(between) <= 80
        and bool(re.search(r"\bor\b", between))
    )
