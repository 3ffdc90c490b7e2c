"""What surrounds a mention: its clause, negation ("no history of"), hedges ("is allowed"), and
exceptions ("except", "unless").

A small ConText-style reading (Chapman et al.'s NegEx/ConText, the algorithm medspacy ships):
a trigger word opens a scope that runs forward to the end of the clause or to a word that ends
it ("but", "except"). The trigger words are data (screening/data/drafting_words.json).
"""

from __future__ import annotations

import re

from .grammar import find_phrases, words

# A clause ends at a semicolon or at the end of a sentence; "e.g." and "vs." do not end one.
_CLAUSE_END = re.compile(r";|(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\bapprox)\.(?=\s+\S)")
_SCOPE_LIMIT = 70  # characters a negation reaches forward


def clause(line: str, position: int) -> tuple[int, int]:
    """The clause of `line` (lower case) that holds `position`."""
    start, end = 0, len(line)
    for match in _CLAUSE_END.finditer(line):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            end = match.start()
            break
    return start, end


def negated(line: str, start: int, end: int) -> bool:
    """True when a negation governs the mention at line[start:end]."""
    clause_start, clause_end = clause(line, start)
    for _trigger_start, trigger_end in find_phrases(
        line[clause_start:start], words("negations_before")
    ):
        trigger_end += clause_start
        between = line[trigger_end:start]
        if start - trigger_end > _SCOPE_LIMIT:
            continue
        if not find_phrases(between, words("negation_ends")):
            return True
    after = line[end : min(clause_end, end + 12)]
    return any(
        s == 0 or not after[:s].strip() for s, _e in find_phrases(after, words("negations_after"))
    )


def hedged(line: str, position: int) -> bool:
    """True when the clause says the thing is allowed rather than required or excluded."""
    clause_start, clause_end = clause(line, position)
    text = line[clause_start:clause_end]
    # "not allowed", "are not permitted" exclude: they are no hedge.
    return any(
        not re.search(r"\b(?:not|never|no longer)\s+(?:be\s+)?$", text[:start])
        for start, _end in find_phrases(text, words("hedges"))
    )


def excepted(line: str, position: int) -> bool:
    """True when the mention comes after "except", "other than", "unless" in its clause."""
    clause_start, _end = clause(line, position)
    return bool(find_phrases(line[clause_start:position], words("exceptions")))


def any_of(text: str) -> bool:
    """True when the text asks for any one of what follows ("at least one of the following")."""
    return bool(find_phrases(text, words("any_of")))
