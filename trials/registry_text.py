"""Text as registries store it, made plain once: entities and markdown escapes undone."""

from __future__ import annotations

import html
import re

# ClinicalTrials.gov writes its text as markdown and escapes what markdown would read:
# "\>=", "\<", "\[", "\*", "\&lt;". Some records are HTML-escaped twice ("&amp;lt;").
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>=~|^&])")
# Bold and underline marks: our pages do not render markdown.
_EMPHASIS = re.compile(r"\*\*|__")
# However deeply something was escaped, a few rounds undo it.
_MOST_ROUNDS = 4


def unescape_registry_text(text: str) -> str:
    """ "Age \\>= 18", "&amp;lt; 40 kg/m²", "**Key** criteria" -> "Age >= 18", "< 40 kg/m²", …

    Undoes entities and markdown escapes in turns until nothing changes, then drops emphasis
    marks. Safe to call on text that is already plain: it comes back as it was.
    """
    for _round in range(_MOST_ROUNDS):
        plain = _MARKDOWN_ESCAPE.sub(r"\1", html.unescape(text))
        if plain == text:
            break
        text = plain
    return _EMPHASIS.sub("", text)
