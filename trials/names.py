"""Names that registries write in capitals, tidied for reading ("UNIVERSITY OF IOWA")."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_SPELLINGS = Path(__file__).parent / "data" / "name_spellings.txt"

# Words left in lower case inside a name.
SMALL_WORDS = frozenset(
    {"a", "an", "and", "at", "de", "del", "du", "for", "in", "la", "of", "on", "the", "to", "y"}
)
# Words kept in capitals: initials without vowels (SC, LLC).
_NO_VOWELS = re.compile(r"^[^AEIOUY.]+$")
# A letter that starts a word or follows one of these marks: "SMITH-JONES", "(MUSC)".
_WORD_START = re.compile(r"(^|[-/(.])([a-z])")


def tidy_capitals(value: str) -> str:
    """'MEDICAL UNIVERSITY OF SOUTH CAROLINA' -> 'Medical University of South Carolina'.

    Text in mixed case is left exactly as written: someone already chose its capitals.
    """
    if not value or not value.isupper():
        return value
    tidied = []
    for index, word in enumerate(value.split()):
        core = word.strip(".,;:()[]")
        spelling = _spellings().get(_spelling_key(core))
        if index and word.lower() in SMALL_WORDS:
            tidied.append(word.lower())
        elif spelling:
            tidied.append(word.replace(core, spelling))
        elif _NO_VOWELS.match(word):
            tidied.append(word)
        else:
            tidied.append(_WORD_START.sub(lambda m: m[1] + m[2].upper(), word.lower()))
    return " ".join(tidied)


def _spelling_key(word: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", word.upper())


@cache
def _spellings() -> dict[str, str]:
    """ "APHP" -> "AP-HP", "UCB" -> "UCB": names with their own capitals (a data file)."""
    lines = (line.strip() for line in _SPELLINGS.read_text().splitlines())
    return {_spelling_key(line): line for line in lines if line and not line.startswith("#")}
