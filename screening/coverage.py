"""How many of the requirement lines a trial's registry text lists its criteria check."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

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
