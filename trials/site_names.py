"""What a site is called on our pages when the registry names it only by a code.

"Investigational Site Number : 0320002" -> "A study site in Buenos Aires, Argentina";
"Hospital do Rim /ID# 253983" -> "Hospital do Rim". The patterns are data:
trials/data/site_names.json.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from trials.countries import country_in_words
from trials.names import tidy_capitals
from trials.regions import is_home

DATA = Path(__file__).parent / "data" / "site_names.json"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    whole = re.compile("|".join(f"(?:{pattern})" for pattern in data["whole"]), re.IGNORECASE)
    suffix = re.compile(
        "(?:" + "|".join(f"(?:{pattern})" for pattern in data["suffix"]) + r")\s*$", re.IGNORECASE
    )
    return whole, suffix


def is_code(facility: str) -> bool:
    """Whether a facility name is only a code or a placeholder ("Research Site")."""
    whole, _suffix = _patterns()
    return bool(whole.fullmatch(facility.strip()))


def site_name(facility: str, city: str, state: str, country: str) -> str:
    """The facility's name without registry codes, or words saying where it is."""
    whole, suffix = _patterns()
    name = "" if whole.fullmatch(facility.strip()) else suffix.sub("", facility).strip(" -,")
    if name and not whole.fullmatch(name):
        return name
    # In the patient's country a state says more than the country's name.
    parts = (city, state if is_home(country) else country_in_words(country))
    where = ", ".join(tidy_capitals(part) for part in parts if part)
    if where:
        return _("A study site in %(place)s") % {"place": where}
    return _("A study site")
