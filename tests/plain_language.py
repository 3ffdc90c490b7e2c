"""Reading level of patient-facing text: the Flesch-Kincaid grade, counted the rough way."""

from __future__ import annotations

import re


def syllables(word: str) -> int:
    """Vowel groups, less a silent final e: rough, but fine for an average over many words."""
    word = word.lower()
    count = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def sentences(text: str) -> list[str]:
    return [sentence for sentence in re.split(r"[.!?]+(?:\s|$)", text) if sentence.strip()]


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w'-]*", text)


def grade(word_count: int, sentence_count: int, syllable_count: int) -> float:
    """The Flesch-Kincaid grade level from the three counts."""
    return 0.39 * word_count / sentence_count + 11.8 * syllable_count / word_count - 15.59


def counts(text: str) -> tuple[int, int, int]:
    """Words, sentences and syllables of a text."""
    found = words(text)
    return len(found), len(sentences(text)), sum(syllables(word) for word in found)
