"""Names that registries write in capitals, tidied for reading ("UNIVERSITY OF IOWA")."""

from __future__ import annotations

import re

# Words left in lower case inside a name.
SMALL_WORDS = frozenset(
    {"a", "an", "and", "at", "de", "del", "du", "for", "in", "la", "of", "on", "the", "to", "y"}
)
# Words kept in capitals: initials without vowels (SC, LLC) and these.
_NO_VOWELS = re.compile(r"^[^AEIOUY.]+$")
ACRONYMS = frozenset(
    {"NIH", "USA", "UK", "MUSC", "UCSF", "UCLA", "UCSD", "NYU", "VA", "INC", "II", "IV"}
)
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
        if index and word.lower() in SMALL_WORDS:
            tidied.append(word.lower())
        elif _NO_VOWELS.match(word) or word.strip(".,()") in ACRONYMS:
            tidied.append(word)
        else:
            tidied.append(_WORD_START.sub(lambda m: m[1] + m[2].upper(), word.lower()))
    return " ".join(tidied)
