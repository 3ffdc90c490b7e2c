"""Registry country names ("Korea, Republic of", "Turkey") to ISO 3166 codes and back."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pycountry

_ALIASES = Path(__file__).parent / "data" / "country_names.json"

# Our patients are in the United States unless we learn otherwise.
HOME_REGION = "US"


@cache
def _aliases() -> dict[str, str]:
    names = json.loads(_ALIASES.read_text())
    return {name.casefold(): code for name, code in names.items() if not name.startswith("_")}


@cache
def region_for_country(name: str) -> str:
    """'France' -> 'FR', 'Korea, Republic of' -> 'KR'; '' when we cannot tell."""
    name = " ".join(name.split())
    if not name:
        return ""
    if name.casefold() in _aliases():
        return _aliases()[name.casefold()]
    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        return ""


@cache
def country_name(region: str) -> str:
    """'FR' -> 'France', in the short common form where ISO has one ('Iran', not its full name)."""
    country = pycountry.countries.get(alpha_2=region.upper()) if region else None
    if country is None:
        return region
    return getattr(country, "common_name", None) or country.name
