"""Registered eligibility text, reshaped into headed lists a person can read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from trials.registry_text import unescape_registry_text

INCLUSION = "inclusion"
EXCLUSION = "exclusion"

# "* x", "- x", "• x", "1. x", "2) x", "(3) x", "a. x", "b) x"
_BULLET = re.compile(r"^(\s*)(?:[*\-•·▪◦]|\d{1,2}[.)]|\(\d{1,2}\)|[a-z][.)])\s+(\S.*)$")
# A heading may come as a bullet of its own ("- INCLUSION CRITERIA:", "*Phase I … criteria").
_HEADING_MARK = re.compile(r"^\s*(?:[*\-•]\s*)?")
_KIND_WORD = r"(?P<kind>inclusion|exclusion)s?"
_HEADINGS = (
    # "Inclusion Criteria:", "KEY EXCLUSION CRITERIA", "Inclusion:", "Specific exclusions: …",
    # "Exclusion criteria for all patients to join the protocol", "Exclusion Criteria of drugs"
    re.compile(
        r"^(?:(?:key|main|general|specific)\s+)?" + _KIND_WORD + r"(?:\s+criteria)?"
        r"(?P<title>\s+(?:of|for|specific to)\s+[^:.;]{1,60})?\s*(?:[:;]|-+)?\s*(?P<rest>.*)$",
        re.IGNORECASE,
    ),
    # "Criteria for Exclusion:"
    re.compile(r"^criteria\s+for\s+" + _KIND_WORD + r"\s*:?\s*(?P<rest>.*)$", re.IGNORECASE),
    # "PSC patients - Inclusion", "Phase I clinical trial Inclusion Criteria"
    re.compile(
        r"^(?P<title>[^:;.]{2,40}?)\s*(?:-|–)?\s*" + _KIND_WORD + r"(?:\s+criteria)?\s*:?$",
        re.IGNORECASE,
    ),
)
# Words that make "… inclusion criteria" a requirement, not a heading ("RRMS not fulfilling
# inclusion criteria", "Other protocol-defined inclusion/exclusion criteria apply").
_NOT_A_TITLE = re.compile(
    r"\b(?:not|no|fulfil\w*|meet\w*|met|mention\w*|in|any|other|are|is|apply)\b|/",
    re.IGNORECASE,
)
# "--Disease Characteristics--", "PROTOCOL ENTRY CRITERIA:" (the old NCI layout): sub-headings.
_SUBHEADING = re.compile(r"^\s*-{2,}\s*(?P<title>[A-Za-z][^-]{2,60}?)\s*-{2,}\s*$")
_INLINE_SUBHEADING = re.compile(r"[ \t]*(-{2,}[A-Za-z][^-\n]{2,60}?-{2,})[ \t]*")
_JOINING_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "e.g.", "for", "from", "i.e.", "in", "of", "on", "or"}
    | {"than", "the", "to", "with", "within", "without"}
)
_PREAMBLE = re.compile(r"^\s*(?:protocol\s+entry\s+criteria|eligibility\s+criteria)\s*:?\s*$", re.I)


@dataclass
class Item:
    text: str
    subitems: list[str] = field(default_factory=list)


@dataclass
class Block:
    """Either one paragraph or one bulleted list."""

    paragraph: str = ""
    items: list[Item] = field(default_factory=list)
    # A blank line after it: later plain text starts a new paragraph.
    closed: bool = field(default=False, repr=False, compare=False)


@dataclass
class Section:
    """Text under one heading: `kind` is "inclusion", "exclusion" or "" before any heading.

    `title` is a sub-heading the registry gave ("Disease characteristics"), or "".
    """

    kind: str = ""
    blocks: list[Block] = field(default_factory=list)
    title: str = ""


@dataclass(frozen=True)
class Heading:
    kind: str
    title: str = ""
    rest: str = ""


def find_heading(line: str) -> Heading | None:
    """The inclusion/exclusion heading (or sub-heading) a line is, if it is one."""
    if _PREAMBLE.match(line):
        return Heading(kind="")
    sub = _SUBHEADING.match(line)
    if sub:
        return Heading(kind="", title=sub["title"].strip().capitalize())
    text = _HEADING_MARK.sub("", line).strip()
    if len(text) > 120:
        return None
    for pattern in _HEADINGS:
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groupdict()
        title = (groups.get("title") or "").strip(" -–")
        if title and _NOT_A_TITLE.search(title):
            continue
        rest = (groups.get("rest") or "").strip()
        # "Inclusion of women is …": a sentence that starts with the word, not a heading.
        if rest and not re.search(r"[:;]|\s-", text[: len(text) - len(rest)]):
            continue
        if title:
            title = text[: len(text) - len(rest)].strip(" :;-")
        return Heading(kind=match["kind"].lower(), title=title, rest=rest)
    return None


def readable_eligibility(text: str) -> list[Section]:
    """Split eligibility text into inclusion/exclusion sections of paragraphs and lists.

    The registry's escapes are undone first (unescape_registry_text). Text without those
    headings comes back as one section of paragraphs and lists.
    """
    sections = [Section()]
    list_indent: int | None = None
    text = _INLINE_SUBHEADING.sub(r"\n\n\1\n\n", unescape_registry_text(text))
    raw_lines = text.replace("\r\n", "\n").split("\n")
    one_per_line = _one_requirement_per_line(raw_lines)
    # Whether the last line was a bulleted item: a line right after one is read as it always
    # was (a wrapped piece of it, or a lead-in to the next list).
    after_bullet = False
    for raw_line in raw_lines:
        line = raw_line.rstrip()
        if not line.strip():
            # A blank line ends a paragraph, but a list may continue after it.
            _close_paragraph(sections[-1])
            continue
        heading = find_heading(line)
        if heading:
            kind = heading.kind or (sections[-1].kind if heading.title else "")
            if heading.kind or heading.title:
                sections.append(Section(kind=kind, title=heading.title))
            list_indent = None
            after_bullet = False
            if heading.rest:
                sections[-1].blocks.append(Block(paragraph=_tidy(heading.rest)))
            continue
        section = sections[-1]
        bullet = _BULLET.match(line)
        if bullet:
            indent = len(bullet.group(1).expandtabs(4))
            content = _tidy(bullet.group(2))
            last = section.blocks[-1] if section.blocks else None
            if last is None or not last.items or list_indent is None:
                section.blocks.append(Block(items=[Item(content)]))
                list_indent = indent
            elif indent > list_indent:
                last.items[-1].subitems.append(content)
                last.closed = False
            else:
                last.items.append(Item(content))
                last.closed = False
            after_bullet = True
            continue
        if one_per_line and section.kind and not after_bullet:
            _add_line(section, _tidy(line))
            list_indent = 0
            continue
        after_bullet = False
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        continues_list = list_indent is not None and indent > list_indent
        _add_text(section, _tidy(line), continues_list=continues_list)
    for section in sections:
        _close_paragraph(section)
        if section.title and not section.kind:
            # The old NCI layout runs requirements together under each sub-heading.
            section.blocks = [_split_run_on(block) for block in section.blocks]
    return [section for section in sections if section.blocks or section.kind]


def registry_blocks(text: str) -> list[Block]:
    """Any registry text (a summary) as paragraphs and lists, unescaped, wrapped lines joined."""
    return [block for section in readable_eligibility(text) for block in section.blocks]


def _split_run_on(block: Block) -> Block:
    """ "… 10 to 30 mg/day No daily dose 1 mg/kg or greater No alternate-day regimen" -> items.

    A requirement ends where a capitalised word follows a word in lower case that is not a
    small joining word ("criteria Mild", but not "College of Rheumatology").
    """
    if not block.paragraph:
        return block
    items: list[list[str]] = [[]]
    for word in block.paragraph.split():
        previous = items[-1][-1] if items[-1] else ""
        starts_requirement = re.match(r"[A-Z][a-z]", word) and (
            previous.endswith(":")
            or (previous and previous == previous.lower() and previous not in _JOINING_WORDS)
        )
        if starts_requirement:
            items.append([])
        items[-1].append(word)
    parts = [" ".join(words) for words in items if words]
    return Block(items=[Item(part) for part in parts]) if len(parts) > 1 else block


def _one_requirement_per_line(lines: list[str]) -> bool:
    """Whether lines without bullets are each a requirement, as many ClinicalTrials.gov
    records write them ("Pregnant or breast feeding" on a line of its own), rather than
    wrapped at a fixed width, as older records are: those indent every line."""
    return not any(
        line[:1].isspace() and line.strip() and not _BULLET.match(line) for line in lines
    )


def _add_line(section: Section, text: str) -> None:
    """One line of a one-requirement-a-line text: a new item of the list under the heading,
    a sub-item under a lead-in ("… by:"), or the rest of a line the registry broke after a
    joining word ("… or" / "hepatitis C")."""
    last = section.blocks[-1] if section.blocks else None
    if last is None or not last.items:
        if last is not None and last.paragraph and not last.closed and _broken_off(last.paragraph):
            last.paragraph = f"{last.paragraph} {text}"
            return
        section.blocks.append(Block(items=[Item(text)]))
        return
    item = last.items[-1]
    under_lead = item.subitems or item.text.endswith(":")
    if under_lead and text[:1].islower():
        item.subitems.append(text)
    elif not under_lead and text[:1].islower() and _broken_off(item.text):
        item.text = f"{item.text} {text}"
    else:
        last.items.append(Item(text))
    last.closed = False


def _broken_off(text: str) -> bool:
    """Whether a line stops where a sentence cannot: after a comma or a joining word."""
    words = text.split()
    return bool(words) and (text.endswith((",", "(", "-")) or words[-1] in _JOINING_WORDS)


def _tidy(text: str) -> str:
    return " ".join(text.split())


def _add_text(section: Section, text: str, *, continues_list: bool) -> None:
    last = section.blocks[-1] if section.blocks else None
    # A line that starts in lower case finishes the one before it, even across a blank line:
    # registries wrap long lines, and some put blank lines between the pieces.
    wrapped = text[:1].islower() and last is not None and not _ends_sentence(last)
    if last is not None and (not last.closed or wrapped):
        if last.items and (continues_list or wrapped):
            item = last.items[-1]
            if item.subitems:
                item.subitems[-1] = f"{item.subitems[-1]} {text}"
            else:
                item.text = f"{item.text} {text}"
            last.closed = False
            return
        if last.paragraph:
            last.paragraph = f"{last.paragraph} {text}"
            last.closed = False
            return
    section.blocks.append(Block(paragraph=text))


def _ends_sentence(block: Block) -> bool:
    if block.items:
        item = block.items[-1]
        last_text = item.subitems[-1] if item.subitems else item.text
    else:
        last_text = block.paragraph
    return last_text.rstrip().endswith((".", ":", "!", "?"))


def _close_paragraph(section: Section) -> None:
    if section.blocks:
        section.blocks[-1].closed = True
