"""Registered eligibility text, reshaped into headed lists a person can read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

INCLUSION = "inclusion"
EXCLUSION = "exclusion"

_HEADING = re.compile(
    r"^\s*(?:key\s+|main\s+)?(inclusion|exclusion)\s+criteria\s*:?\s*(.*)$", re.IGNORECASE
)
# "* x", "- x", "• x", "1. x", "2) x", "(3) x", "a. x", "b) x"
_BULLET = re.compile(r"^(\s*)(?:[*\-•·▪◦]|\d{1,2}[.)]|\(\d{1,2}\)|[a-z][.)])\s+(\S.*)$")


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
    """Text under one heading: `kind` is "inclusion", "exclusion" or "" before any heading."""

    kind: str = ""
    blocks: list[Block] = field(default_factory=list)


def readable_eligibility(text: str) -> list[Section]:
    """Split eligibility text into inclusion/exclusion sections of paragraphs and lists.

    Text without those headings comes back as one section of paragraphs and lists.
    """
    sections = [Section()]
    list_indent: int | None = None
    for raw_line in text.replace("\r\n", "\n").split("\n"):
        line = raw_line.rstrip()
        if not line.strip():
            # A blank line ends a paragraph, but a list may continue after it.
            _close_paragraph(sections[-1])
            continue
        heading = _HEADING.match(line)
        if heading:
            sections.append(Section(kind=heading.group(1).lower()))
            list_indent = None
            rest = heading.group(2).strip()
            if rest:
                sections[-1].blocks.append(Block(paragraph=rest))
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
            else:
                last.items.append(Item(content))
            continue
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        continues_list = list_indent is not None and indent > list_indent
        _add_text(section, _tidy(line), continues_list=continues_list)
    for section in sections:
        _close_paragraph(section)
    return [section for section in sections if section.blocks or section.kind]


def _tidy(text: str) -> str:
    return " ".join(text.split())


def _add_text(section: Section, text: str, *, continues_list: bool) -> None:
    last = section.blocks[-1] if section.blocks else None
    if last is not None and not last.closed:
        if last.items and continues_list:
            # A wrapped line of the last bullet.
            item = last.items[-1]
            if item.subitems:
                item.subitems[-1] = f"{item.subitems[-1]} {text}"
            else:
                item.text = f"{item.text} {text}"
            return
        if last.paragraph:
            last.paragraph = f"{last.paragraph} {text}"
            return
    section.blocks.append(Block(paragraph=text))


def _close_paragraph(section: Section) -> None:
    if section.blocks:
        section.blocks[-1].closed = True
