"""How many of the requirement lines a trial's registry text lists its criteria check."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# A staff-written source shorter than this must match a whole line, not a part of one.
SHORTEST_PART = 12


def normal(text: str) -> str:
    """A line as compared: case and spacing ignored, bullets and end punctuation dropped."""
    return " ".join(text.split()).strip("*-•·▪◦ ;.:,").casefold()


def same_line(source: str, line: str) -> bool:
    """Whether a criterion's source names this line: the whole line, or a clear part of it."""
    source, line = normal(source), normal(line)
    if not source or not line:
        return False
    return source == line or (len(source) >= SHORTEST_PART and source in line)


def checked_lines(lines: Sequence[str], sources: Iterable[str]) -> list[int]:
    """The positions of the lines that at least one source came from."""
    sources = [source for source in dict.fromkeys(sources) if source.strip()]
    return [
        index
        for index, line in enumerate(lines)
        if any(same_line(source, line) for source in sources)
    ]


def checked_count(lines: Sequence[str], sources: Iterable[str]) -> int:
    return len(checked_lines(lines, sources))


WORDS_FILE = Path(__file__).parent / "data" / "registry_field_words.json"
_NUMBER = re.compile(r"\d")
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class RegistryFacts:
    """What a trial's registry fields check: age limits, sex, and its conditions' names."""

    has_age_limits: bool
    condition_names: tuple[str, ...] = ()


@cache
def _words() -> dict[str, frozenset[str]]:
    data = json.loads(WORDS_FILE.read_text(encoding="utf-8"))
    return {key: frozenset(values) for key, values in data.items() if not key.startswith("_")}


def _mentions(text: str, phrases: Iterable[str]) -> bool:
    pattern = _any_of(tuple(phrases))
    return pattern is not None and pattern.search(text) is not None


@cache
def _any_of(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for "any of these phrases, as whole words" (one search, not one a phrase)."""
    if not phrases:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(phrase) for phrase in phrases) + r")\b")


def registry_checked_lines(lines: Sequence[tuple[str, str]], facts: RegistryFacts) -> list[str]:
    """The (kind, text) lines that the registry fields check: age, sex and condition lines.

    An age line names age and a number and the trial has age limits; a sex line is nothing
    but sex and filler words (an "all sexes" trial checks it too); a condition line is an
    inclusion line naming one of the trial's conditions.
    """
    words = _words()
    found = []
    for kind, text in lines:
        lowered = " ".join(text.lower().split())
        tokens = set(_WORD.findall(lowered))
        age = _mentions(lowered, words["age"]) and bool(_NUMBER.search(lowered))
        sex = bool(tokens & words["sex"])
        rest = tokens - words["sex"] - words["filler"] - words["age"]
        registry_line = not rest and ((age and facts.has_age_limits) or (sex and not age))
        condition_line = kind != "exclusion" and _mentions(lowered, facts.condition_names)
        if registry_line or condition_line:
            found.append(text)
    return found
