"""Map the registry's condition words to our condition slugs: exact matches, kindly normalised.

"Lupus Nephritis", "Nephritis, Lupus" and "lupus-nephritis" are the same words; "Sjögren's
Syndrome" and "Sjogrens syndrome" too. Beyond spelling, nothing is guessed: a term that is
none of a condition's names or synonyms stays unmapped, for staff to see and map by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from .records import ascii_fold


class ConditionLike(Protocol):
    slug: str
    name: str
    lay_name: str

    @property
    def synonym_list(self) -> list[str]: ...


# normalised term -> condition slug
ConditionIndex = dict[str, str]

# The catch-all. A keyword such as "Autoimmune diseases" says nothing about which disease, so
# only the registry's own condition list may put a trial there.
OTHER_AUTOIMMUNE = "other-autoimmune"


@dataclass
class ConditionMatch:
    slugs: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)


def term_key(term: str) -> str:
    """Letters and digits only, lower case, accents dropped: "Sjögren's" -> "sjogrens"."""
    return re.sub(r"[^a-z0-9]", "", ascii_fold(term).lower())


def _variants(term: str) -> list[str]:
    """The keys one term may match: as written, without a bracketed aside, and un-inverted."""
    variants = [term]
    without_aside = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", term)
    if without_aside.strip() != term.strip():
        variants.append(without_aside)
    for text in list(variants):
        # MeSH style "Nephritis, Lupus" and "Diabetes Mellitus, Type 1", read back in order.
        parts = [part.strip() for part in text.split(",")]
        if len(parts) == 2 and all(parts):
            variants.append(f"{parts[1]} {parts[0]}")
    keys = []
    for text in variants:
        key = term_key(text)
        if key and key not in keys:
            keys.append(key)
    return keys


def build_condition_index(conditions: Iterable[ConditionLike]) -> ConditionIndex:
    """Every name, everyday name, slug and synonym of our conditions, first condition wins."""
    index: ConditionIndex = {}
    for condition in conditions:
        for term in (condition.slug, condition.name, condition.lay_name, *condition.synonym_list):
            for key in _variants(term):
                index.setdefault(key, condition.slug)
    return index


def map_conditions(
    registry_conditions: Iterable[str], keywords: Iterable[str], index: ConditionIndex
) -> ConditionMatch:
    """Our slugs for a trial, in the registry's order; registry conditions we could not map.

    Keywords may add a specific slug (never the catch-all) and an unmatched keyword is not
    reported: keywords are mostly drugs and methods, not conditions. Lupus nephritis maps to
    `lupus-nephritis` alone: we map what the registry says, and the questionnaire knows that a
    child condition implies its parent.
    """
    match = ConditionMatch()
    terms = [(term, True) for term in registry_conditions]
    terms += [(keyword, False) for keyword in keywords]
    for term, report in terms:
        slug = next((index[key] for key in _variants(term) if key in index), None)
        if slug == OTHER_AUTOIMMUNE and not report:
            continue
        if slug is None:
            if report and term not in match.unmapped:
                match.unmapped.append(term)
        elif slug not in match.slugs:
            match.slugs.append(slug)
    return match
