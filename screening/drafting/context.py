"""What surrounds a mention: its clause, negation ("no history of"), hedges ("is allowed"),
exceptions ("except", "unless"), blockers and lines about someone else.

A small ConText-style reading (Chapman et al.'s NegEx/ConText, the algorithm medspacy ships):
a trigger word opens a scope that runs forward to the end of the clause or to a word that ends
it ("but", "except"). The trigger words are data (screening/data/drafting_words.json).

Registries often glue several requirements into one line without punctuation ("...of the
uterine cervix Pregnant or breast feeding"). A clause therefore also ends where a lower-case
word is followed by a capitalised one, for the scopes read here (not for the numbers).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .grammar import find_phrases, lower, words

# A clause ends at a semicolon or at the end of a sentence; "e.g." and "vs." do not end one.
_CLAUSE_END = re.compile(r";|(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\bapprox)\.(?=\s+\S)")
# "…mental status Active lupus nephritis…": a new requirement glued onto the last one.
_GLUED = re.compile(r"(?<=[a-z0-9)\]%])\s+(?=[A-Z][a-z]{2,})")
_LIST_JOIN = re.compile(r",|\bor\b|\band\b|\bnor\b")
_SCOPE_LIMIT = 70  # characters a negation reaches forward
_BLOCKER_REACH = 40  # characters around a mention where a blocker word counts
# "excluded from vascular studies": from a part of the study only.
_EXCLUDED_FROM_A_PART = re.compile(
    r"excluded from (?!(?:the|this|any|participation|enrol|entry|study|trial|randomi))"
)


def _glued(line: str):
    """Where a capitalised word starts a new requirement, not a name ("another Investigational")."""
    for match in _GLUED.finditer(line):
        before = line[: match.start()].rsplit(None, 1)
        # "Investigational Medical Product": a run of capitalised words is a name.
        if before and not before[-1][0].isupper() and before[-1] not in _NOT_ITEM_STARTS():
            yield match.start()


def _NOT_ITEM_STARTS() -> frozenset[str]:  # noqa: N802 - a constant read from data
    return frozenset(words("not_item_starts"))


def _hedge_ok(text: str, start: int) -> bool:
    # "not allowed", "are not permitted" exclude: they are no hedge.
    return not re.search(r"\b(?:not|never|no longer)\s+(?:be\s+)?$", text[:start])


class Context:
    """One requirement line, read for the scopes around each mention."""

    def __init__(self, line: str) -> None:
        self.text = lower(line)
        ends = {m.end() for m in _CLAUSE_END.finditer(self.text)}
        self._sentence_ends = sorted(ends)
        self._ends = sorted(ends | set(_glued(line)))

    def clause(self, position: int, *, glued: bool = True) -> tuple[int, int]:
        """The clause that holds `position` (glued: also split where requirements run on)."""
        ends = self._ends if glued else self._sentence_ends
        index = bisect_right(ends, position)
        start = ends[index - 1] if index else 0
        end = ends[index] if index < len(ends) else len(self.text)
        return start, end

    def starts_negated(self) -> bool:
        """True when the whole line is put in the negative ("No patients with …")."""
        return bool(re.match(r"\s*(?:no|not|must not|without|none of)\b", self.text))

    def negated(self, start: int, end: int) -> bool:
        """True when a negation governs the mention at text[start:end]."""
        clause_start, clause_end = self.clause(start)
        before = self.text[clause_start:start]
        if re.search(r"\bnon[- ]?$", before):  # "non-pregnant"
            return True
        for _start, trigger_end in find_phrases(before, words("negations_before")):
            if len(before) - trigger_end > _SCOPE_LIMIT:
                continue
            if not find_phrases(before[trigger_end:], words("negation_ends")):
                return True
        after = self.text[end : min(clause_end, end + 25)]
        triggers = find_phrases(after, words("negations_after"))
        return any(not after[:s].strip(" -") for s, _e in triggers)

    def hedged(self, position: int) -> bool:
        """True when the clause says the thing is allowed rather than required or excluded.

        A hedge in brackets ("(stage 1 may be enrolled)") covers only what is in them.
        """
        start, end = self.clause(position)
        text = self.text[start:end]
        inside = [m.span() for m in re.finditer(r"\([^()]*\)", text)]
        here = position - start
        for hedge_start, _hedge_end in find_phrases(text, words("hedges")):
            bracket = next((s for s in inside if s[0] <= hedge_start < s[1]), None)
            if bracket and not bracket[0] <= here < bracket[1]:
                continue
            if _hedge_ok(text, hedge_start):
                return True
        return bool(_EXCLUDED_FROM_A_PART.search(text))

    def excepted(self, position: int) -> bool:
        """True when the mention comes after "except", "other than", "unless" in its clause."""
        start, _end = self.clause(position)
        return bool(find_phrases(self.text[start:position], words("exceptions")))

    def blocked(self, start: int, end: int, blockers: tuple[str, ...]) -> bool:
        """True when a blocker word of the question stands near the mention, in its clause."""
        if not blockers:
            return False
        clause_start, clause_end = self.clause(start)
        # Within the list item the mention is in: "IV or IM corticosteroids or oral
        # prednisone > 10 mg/day" keeps the oral dose.
        before = self.text[max(clause_start, start - _BLOCKER_REACH) : start]
        before = _LIST_JOIN.split(before)[-1]
        after = _LIST_JOIN.split(self.text[end : min(clause_end, end + _BLOCKER_REACH)])[0]
        return bool(find_phrases(f"{before}{self.text[start:end]}{after}", blockers))

    def about_someone_else(self, position: int) -> bool:
        """True when the clause is about a relative or partner, not the patient."""
        start, _end = self.clause(position)
        return bool(find_phrases(self.text[start:position], words("someone_else")))

    def any_of(self) -> bool:
        """True when the line asks for any one of what follows ("at least one of the following")."""
        return bool(find_phrases(self.text, words("any_of")))


def any_of(text: str) -> bool:
    return bool(find_phrases(lower(text), words("any_of")))
