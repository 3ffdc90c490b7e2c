"""Registry facts in words: ages with their plural and zero forms, NIH activity codes."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.utils.translation import get_language, gettext, ngettext

_ACTIVITY_CODES = Path(__file__).parent / "data" / "nih_activity_codes.json"


def age_in_words(value: int, unit: str) -> str:
    """(1, "years") -> "1 year", (6, "months") -> "6 months"."""
    # One ngettext call, for the unit asked: explanations word thousands of ages at a time.
    if unit == "months":
        words = ngettext("%(count)d month", "%(count)d months", value)
    elif unit == "weeks":
        words = ngettext("%(count)d week", "%(count)d weeks", value)
    elif unit == "days":
        words = ngettext("%(count)d day", "%(count)d days", value)
    else:
        words = ngettext("%(count)d year", "%(count)d years", value)
    return words % {"count": value}


def age_range_in_words(low: tuple[int, str] | None, high: tuple[int, str] | None) -> str:
    """The ages a study takes, as a sentence goes on ("aged 18 years or older"); labels
    capitalise it. A lower bound of 0 is no bound: "up to 17 years", "any age"."""
    if low is not None and low[0] == 0:
        low = None
    if low and high:
        return gettext("%(low)s to %(high)s") % {
            "low": age_in_words(*low),
            "high": age_in_words(*high),
        }
    if low:
        return gettext("%(low)s or older") % {"low": age_in_words(*low)}
    if high:
        return gettext("up to %(high)s") % {"high": age_in_words(*high)}
    return gettext("any age")


@cache
def _activity_codes() -> dict[str, dict[str, str]]:
    """Each language's words for each code: {"en": {"U01": "Research project, …"}, "es": …}."""
    codes = json.loads(_ACTIVITY_CODES.read_text(encoding="utf-8"))
    return {language: words for language, words in codes.items() if not language.startswith("_")}


def funding_in_words(code: str) -> str:
    """ "U01" -> "Research project, cooperative agreement (U01)", in the page's language;
    unknown codes say so."""
    if not code:
        return ""
    language = (get_language() or "en").split("-")[0].lower()
    codes = _activity_codes()
    words = codes.get(language, codes["en"]).get(code.upper())
    if words is None:
        return gettext("NIH funding code %(code)s") % {"code": code}
    return gettext("%(words)s (%(code)s)") % {"words": words, "code": code}
