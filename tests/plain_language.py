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


# Spanish: syllables are vowel nuclei. Two strong vowels (a, e, o, or an accented weak one)
# side by side are two syllables; a weak unaccented vowel (i, u, ü, a final y) joins its
# neighbour in one diphthong.
_SPANISH_STRONG = set("aeoáéóíú")
_SPANISH_VOWELS = _SPANISH_STRONG | set("iuü")


def spanish_syllables(word: str) -> int:
    word = word.lower()
    if word.endswith("y"):
        word = word[:-1] + "i"
    count = 0
    previous = ""
    for letter in word:
        if letter not in _SPANISH_VOWELS:
            previous = ""
            continue
        if not previous or (previous in _SPANISH_STRONG and letter in _SPANISH_STRONG):
            count += 1
        previous = letter
    return max(count, 1)


def spanish_ease(text: str) -> float:
    """The Szigriszt-Pazos perspicuity (the INFLESZ scale): 55-65 is "normal", what most
    adults read easily; 65-80 fairly easy; under 55 somewhat hard to read."""
    found = words(text)
    syllable_count = sum(spanish_syllables(word) for word in found)
    return 206.835 - 62.3 * syllable_count / len(found) - len(found) / len(sentences(text))
