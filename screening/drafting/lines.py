"""The requirement lines of registered eligibility text, as people read them.

Splitting reuses trials.eligibility_text (the same lists the trial page shows), so a draft's
source line is a line a person can find on the page. A bulleted item is a line, and so is each
sub-item under it; a paragraph is one line. A lead-in that ends with a colon ("Patients must
meet all of the following:") sets nothing by itself and is not counted, unless its own items
hang under it, and it tells the drafter when the lines after it are "any one of" them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from trials.eligibility_text import readable_eligibility


@dataclass(frozen=True)
class RequirementLine:
    kind: str  # "inclusion" | "exclusion" | "" (text without those headings)
    text: str


@dataclass(frozen=True)
class Line:
    """A requirement line with what the drafter needs around it."""

    requirement: RequirementLine
    # The lead-in it hangs under ("at least one of the following:"), or "".
    lead: str = ""
    # Lines under the same lead share this number (0: no lead).
    lead_number: int = 0


_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>=~|^])")
_EMPHASIS = re.compile(r"\*\*|__")


def clean(text: str) -> str:
    """A line as shown to people: markdown escapes, HTML entities and emphasis marks removed."""
    return " ".join(_EMPHASIS.sub("", _ESCAPE.sub(r"\1", html.unescape(text))).split())


def _is_lead_in(text: str) -> bool:
    return text.rstrip().endswith(":")


def drafting_lines(eligibility_text: str) -> list[Line]:
    lines: list[Line] = []
    leads = 0
    for section in readable_eligibility(eligibility_text or ""):
        lead, lead_number = "", 0
        for block in section.blocks:
            if block.paragraph:
                text = clean(block.paragraph)
                if _is_lead_in(text):
                    leads += 1
                    lead, lead_number = text, leads
                    continue
                lines.append(Line(RequirementLine(section.kind, text)))
                lead, lead_number = "", 0
                continue
            for item in block.items:
                text = clean(item.text)
                if item.subitems:
                    leads += 1
                    if not _is_lead_in(text):
                        lines.append(Line(RequirementLine(section.kind, text), lead, lead_number))
                    for subitem in item.subitems:
                        requirement = RequirementLine(section.kind, clean(subitem))
                        lines.append(Line(requirement, text, leads))
                elif _is_lead_in(text):
                    leads += 1
                    lead, lead_number = text, leads
                else:
                    lines.append(Line(RequirementLine(section.kind, text), lead, lead_number))
            # A lead-in paragraph covers the one list right after it.
            if block.items:
                lead, lead_number = "", 0
    return [line for line in lines if line.requirement.text]


def requirement_lines(eligibility_text: str) -> list[RequirementLine]:
    """The requirement lines of the registered text, in order ("listed" counts these)."""
    return [line.requirement for line in drafting_lines(eligibility_text)]
