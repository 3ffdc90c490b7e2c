"""How registries write numbers: comparisons, ranges, units and time windows, for any question.

Works on one line in lower case (`lower`, same length as the line, so spans point into the
line as shown). The words come from screening/data/drafting_words.json; units and their
spellings from screening.questions.UNITS, so a unit people may answer in is one the drafter
reads too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from screening.questions import UNITS, WINDOW_UNITS, convert, unit_key

from .vocabulary import drafting_words

NUMBER = re.compile(r"(?<![\w.,^])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d^])")


def lower(text: str) -> str:
    """Lower case with the same length as `text` (µ and μ written one way)."""
    lowered = text.lower()
    # str.lower() is the same letter by letter unless a letter grows (İ) or is a final Σ.
    if len(lowered) != len(text) or "Σ" in text:
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.replace("μ", "µ")


@cache
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for the phrases, longest first, at word boundaries where a phrase has a word."""
    if not phrases:
        return None
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        body = r"\s*".join(re.escape(word) for word in phrase.split()).replace("/", r"\s*/\s*")
        start = r"(?<![a-z0-9])" if phrase[0].isalnum() else ""
        end = r"(?![a-z0-9])" if phrase[-1].isalnum() else ""
        parts.append(f"{start}{body}{end}")
    return re.compile("|".join(parts))


@cache
def phrase_hints(phrases: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The phrases grouped by text that must be in a line for them to match there: each
    phrase's longest word (words are matched as written; only the space around them and
    around "/" may differ)."""
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        hint = max((piece for word in phrase.split() for piece in word.split("/")), key=len)
        groups.setdefault(hint, []).append(phrase)
    return tuple((hint, tuple(group)) for hint, group in groups.items())


def find_phrases(text: str, phrases: Iterable[str]) -> list[tuple[int, int]]:
    # A line names few of the phrases: a plain substring test leaves the regex only those
    # that can match in it (most often none).
    present = tuple(
        phrase for hint, group in phrase_hints(tuple(phrases)) if hint in text for phrase in group
    )
    pattern = phrase_pattern(present)
    return [match.span() for match in pattern.finditer(text)] if pattern else []


def words(name: str) -> tuple[str, ...]:
    return tuple(drafting_words()[name])


# --- units ------------------------------------------------------------------------------------


@cache
def _spellings(codes: tuple[str, ...]) -> dict[str, str]:
    spellings = {}
    for code in codes:
        unit = UNITS[code]
        for written in (code, str(unit.label), *unit.aliases):
            spellings.setdefault(unit_key(written), code)
    return spellings


_UNIT_BOUNDARY = re.compile(r"[a-z0-9/^µ]")
# Text after a number that is a unit of some kind, known to us or not ("mg/kg", "x ULN").
_UNIT_LIKE = re.compile(
    r"\s*(?:%|/|x\s*10|×|\^|[a-zµ]{1,6}/|mg|mcg|µg|g\b|ml|mmol|µmol|iu|u\b|kg|cm|mm|lb|"
    r"points?|times|fold|x\s*uln|uln|hours?|h\b|hrs?\b|"
    r"days?|weeks?|wks?|months?|years?|yrs?|half|titer|titre|million|thousand|billion)"
)


def unit_at(line: str, position: int, codes: Sequence[str]) -> tuple[str | None, int, bool]:
    """The unit written at `position`: (code or None, where it ends, whether a unit was there).

    A unit we cannot read for this question (mg/kg for a daily dose) comes back as
    (None, position, True): the number is then not about the question.
    """
    start = position + len(line[position:]) - len(line[position:].lstrip())
    spellings = _spellings(tuple(codes))
    for end in range(min(len(line), start + 30), start, -1):
        if end < len(line) and _UNIT_BOUNDARY.match(line[end]) and line[end - 1] not in " )":
            continue
        code = spellings.get(unit_key(line[start:end]))
        if code:
            return code, end, True
    if _UNIT_LIKE.match(line, position):
        # Step over the unit we cannot read, to what follows it ("mmol/L (10 g/dL)").
        return None, re.compile(r"\s*[^\s(),;]+").match(line, position).end(), True
    return None, position, False


# --- comparisons --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    operator: str  # gte, gt, lte, lt, between
    numbers: tuple[float, ...]
    unit: str | None
    start: int
    end: int
    unit_written: bool  # a unit was written (maybe one we cannot read)
    lead: int = -1  # where its comparison words start ("at least 30": at "at")

    @property
    def words_start(self) -> int:
        return self.start if self.lead < 0 else self.lead


def parse_number(text: str) -> float:
    value = float(text.replace(",", ""))
    return int(value) if value.is_integer() else value


def _ending_with(text: str, phrases: tuple[str, ...]) -> tuple[str, int] | None:
    """The operator whose phrase `text` ends with (spaces allowed after it), and where."""
    best: tuple[int, str] | None = None
    for operator, phrase in phrases:
        pattern = phrase_pattern((phrase,))
        for match in pattern.finditer(text):
            if not text[match.end() :].strip() and (best is None or match.start() < best[0]):
                best = (match.start(), operator)
    return (best[1], best[0]) if best else None


@cache
def _comparison_words() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    data = drafting_words()
    before = tuple((op, p) for op, ps in data["comparisons"].items() for p in ps)
    after = tuple((op, p) for op, ps in data["comparisons_after"].items() for p in ps)
    return before, after


_ALTERNATIVE = re.compile(r"\s*\(\s*(\d+(?:\.\d+)?)(?=\s*[a-zµ%/×x])")
_RANGE_JOIN = re.compile(r"\s*(?:to|-|–|—|and)\s*")
_RANGE_LEAD = re.compile(r"(?:between|from|range of|ranging from)\s*$")


def comparisons(line: str, codes: Sequence[str], start: int = 0, end: int | None = None):
    """Every comparison written between `start` and `end`, in order of position."""
    end = len(line) if end is None else end
    before_words, after_words = _comparison_words()
    found: list[Comparison] = []
    numbers = [m for m in NUMBER.finditer(line, start, end)]
    skip_until = -1
    for match in numbers:
        if match.start() < skip_until:
            continue
        value = parse_number(match.group())
        head_start = max(start, match.start() - 40)
        head = line[head_start : match.start()]
        ending = _ending_with(head, before_words)
        operator, lead = (ending[0], head_start + ending[1]) if ending else (None, -1)
        unit, after_unit, unit_written = unit_at(line, match.end(), codes)
        if operator is None:
            joined = _RANGE_JOIN.match(line, after_unit)
            second = joined and NUMBER.match(line, joined.end())
            is_and = joined and "and" in joined.group()
            if second and second.end() <= end and (not is_and or _RANGE_LEAD.search(head)):
                unit2, after2, written2 = unit_at(line, second.end(), codes)
                if unit is None and not unit_written:
                    unit, unit_written = unit2, written2
                elif unit2 is None and written2:
                    unit_written, unit = True, None
                low, high = value, parse_number(second.group())
                if low <= high:
                    found.append(
                        Comparison(
                            "between", (low, high), unit, match.start(), after2, unit_written
                        )
                    )
                skip_until = after2
                continue
            tail = line[after_unit : after_unit + 20]
            for op, phrase in after_words:
                hit = phrase_pattern((phrase,)).match(tail.lstrip())
                if hit:
                    operator = op
                    after_unit += len(tail) - len(tail.lstrip()) + hit.end()
                    break
        if operator:
            found.append(
                Comparison(operator, (value,), unit, match.start(), after_unit, unit_written, lead)
            )
            # "< 6.2 mmol/L (10.0 g/dL)": the same bound in another unit.
            other = _ALTERNATIVE.match(line, after_unit)
            if other and unit_written and other.end() <= end:
                unit2, after2, written2 = unit_at(line, other.end(), codes)
                found.append(
                    Comparison(
                        operator,
                        (parse_number(other.group(1)),),
                        unit2,
                        other.start(1),
                        after2,
                        written2,
                    )
                )
                skip_until = after2
    return found


def comparisons_after_word(line: str, codes, start: int, end: int, word: re.Match[str]):
    """The number right after a name whose comparison word came before it."""
    operator = _ending_with(word.group(1), _comparison_words()[0])
    match = NUMBER.match(line, start + len(line[start:]) - len(line[start:].lstrip(" ,:")))
    if not operator or not match or match.end() > end:
        return []
    unit, after_unit, unit_written = unit_at(line, match.end(), codes)
    value = parse_number(match.group())
    return [Comparison(operator[0], (value,), unit, match.start(), after_unit, unit_written)]


def in_unit(comparison: Comparison, codes: Sequence[str], bare_units, target: str, required: bool):
    """The comparison's numbers in the `target` unit, or None when its unit does not fit."""
    unit = comparison.unit
    if unit is None and comparison.unit_written:
        return None
    if unit is None and required:
        return None
    values = []
    for number in comparison.numbers:
        written = unit
        if written is None:
            written = target
            for threshold, code in bare_units:
                if number >= threshold:
                    written = code
        if written not in codes and written != target:
            return None
        converted = convert(number, written, target) if written != target and target else number
        converted = round(converted, 3)
        values.append(int(converted) if float(converted).is_integer() else converted)
    return tuple(values)


# --- time windows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeWindow:
    amount: int
    unit: str  # days, weeks, months, years
    start: int
    end: int
    # "At least 4 weeks since": the thing must be longer ago than this, not within it.
    since: bool = False

    @property
    def days(self) -> float:
        return convert(self.amount, _DURATION_CODE[self.unit], "days")


_DURATION_CODE = {"days": "days", "weeks": "weeks", "months": "months", "years": "duration_years"}


@cache
def _window_patterns() -> tuple[re.Pattern[str], ...]:
    data = drafting_words()
    units = {w: unit for unit, spelled in data["window_units"].items() for w in spelled}
    unit_words = "|".join(sorted(map(re.escape, units), key=len, reverse=True))
    number_words = "|".join(sorted(data["number_words"], key=len, reverse=True))
    amount = rf"(?P<amount>\d+|{number_words})(?:\s*\(\s*\d+\s*\))?"
    leads = "|".join(
        r"\s+".join(map(re.escape, lead.split()))
        for lead in sorted(data["window_leads"], key=len, reverse=True)
    )
    follows = "|".join(r"\s+".join(map(re.escape, f.split())) for f in data["window_follows"])
    unit = rf"(?P<unit>{unit_words})(?![a-z])"
    led = re.compile(
        rf"(?<![a-z])(?:{leads})\s+(?:the\s+)?(?:last\s+|past\s+|previous\s+|preceding\s+)?"
        rf"(?:\d+\s*half[\s-]*lives\s*(?:or|,)\s*)?{amount}[\s-]*{unit}"
    )
    followed = re.compile(rf"(?<![\w.]){amount}[\s-]*{unit}\s+(?:{follows})(?![a-z])")
    single = re.compile(
        rf"(?<![a-z])(?:{leads})\s+(?:the\s+)?(?:last|past|previous|preceding)\s+{unit}"
    )
    since_leads = "|".join(
        r"\s*".join(map(re.escape, lead.split()))
        for lead in sorted(data["window_since_leads"], key=len, reverse=True)
    )
    since_words = "|".join(
        r"\s+".join(map(re.escape, w.split()))
        for w in sorted(data["window_since"], key=len, reverse=True)
    )
    since = re.compile(
        rf"(?<![a-z])(?:{since_leads})\s*{amount}[\s-]*{unit}\s+(?:{since_words})(?![a-z])"
    )
    return since, led, followed, single


def _amount(text: str) -> int:
    return int(text) if text.isdigit() else int(drafting_words()["number_words"][text])


def windows(line: str, start: int = 0, end: int | None = None) -> list[TimeWindow]:
    """Every time window ("within 30 days", "in the past 12 months") in the span, in order."""
    end = len(line) if end is None else end
    units = {w: unit for unit, spelled in drafting_words()["window_units"].items() for w in spelled}
    patterns = _window_patterns()
    found = []
    for number, pattern in enumerate(patterns):
        for match in pattern.finditer(line, start, end):
            amount = _amount(match.group("amount")) if "amount" in match.groupdict() else 1
            unit = units[match.group("unit")]
            if amount > 0 and unit in WINDOW_UNITS:
                since = number == 0
                found.append(TimeWindow(amount, unit, match.start(), match.end(), since))
    found.sort(key=lambda window: (window.start, not window.since))
    unique: list[TimeWindow] = []
    for window in found:
        if not unique or window.start >= unique[-1].end:
            unique.append(window)
    return unique
