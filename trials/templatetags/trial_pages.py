"""Small template helpers for the public trial pages: values in words a patient can read."""

from __future__ import annotations

import re

from django import template
from django.utils.translation import gettext_lazy as _

from trials.models import Phase, Site, Trial
from trials.selectors import site_places

register = template.Library()

PHASE_MEANINGS = {
    Phase.EARLY_PHASE_1: _("a very small first test in people"),
    Phase.PHASE_1: _("a first test in a small group, mainly to check safety and dose"),
    Phase.PHASE_1_2: _("checks safety first, then starts to check whether it helps"),
    Phase.PHASE_2: _("checks whether it helps, and keeps checking safety"),
    Phase.PHASE_2_3: _("checks whether it helps, then compares it in a larger group"),
    Phase.PHASE_3: _("compares it with usual care in a larger group"),
    Phase.PHASE_4: _("follows a treatment that is already approved"),
}

# Words left in lower case when we tidy a name written in capitals.
_SMALL_WORDS = {"a", "an", "and", "at", "de", "del", "for", "in", "of", "on", "the", "to", "y"}
# Capitalised words kept as they are: initials without vowels (SC, LLC) and these.
_NO_VOWELS = re.compile(r"^[^AEIOUY.]+$")
_ACRONYMS = {"NIH", "USA", "UK", "MUSC", "UCSF", "UCLA", "UCSD", "NYU", "VA", "INC", "II", "IV"}


@register.filter
def tidy_caps(value: str) -> str:
    """'MEDICAL UNIVERSITY OF SOUTH CAROLINA' -> 'Medical University of South Carolina'.

    Registries (NIH RePORTER above all) often write names in capitals; text in mixed case
    is left exactly as written.
    """
    if not value or not value.isupper():
        return value
    words = value.split()
    tidied = []
    for index, word in enumerate(words):
        if index and word.lower() in _SMALL_WORDS:
            tidied.append(word.lower())
        elif _NO_VOWELS.match(word) or word.strip(".,()") in _ACRONYMS:
            tidied.append(word)
        else:
            tidied.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(tidied)


@register.filter
def phase_in_words(trial: Trial) -> str:
    """The phase and what it means, or that phases do not apply."""
    if not trial.phase:
        return str(_("Does not apply to this kind of study"))
    meaning = PHASE_MEANINGS.get(trial.phase)
    label = trial.get_phase_display()
    return f"{label}: {meaning}" if meaning else label


@register.simple_tag
def places_of(sites: list[Site]) -> dict[str, object]:
    """The first places a study runs in, and how many more, for a trial card."""
    places, more = site_places(sites)
    return {"places": places, "more": more}
