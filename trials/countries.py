"""Registry country names ("Korea, Republic of", "Turkey") to ISO 3166 codes, and back to the
everyday name in the page's language ("South Korea", "Corea del Sur")."""

from __future__ import annotations

import gettext
import json
from functools import cache
from pathlib import Path

import pycountry
from django.utils.translation import get_language

_ALIASES = Path(__file__).parent / "data" / "country_names.json"
_EVERYDAY = Path(__file__).parent / "data" / "country_everyday_names.json"

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


def country_name(region: str) -> str:
    """'FR' -> 'France' (on Spanish pages 'Francia'), in the everyday form: 'Iran', 'Russia'."""
    return _country_name(region.upper(), _language())


def country_in_words(country: str, region: str = "") -> str:
    """A registry's country in the page's language: named from its ISO code (given, or read
    from the registry's words), else the registry's own words."""
    region = region or region_for_country(country)
    return country_name(region) if region else " ".join(country.split())


def _language() -> str:
    """ "es" for "es", "es-mx" and "es_MX"; English when no language is active."""
    return (get_language() or "en").replace("_", "-").split("-")[0].lower()


@cache
def _country_name(region: str, language: str) -> str:
    everyday = _everyday_names().get(language, {}).get(region)
    if everyday:
        return everyday
    country = pycountry.countries.get(alpha_2=region) if region else None
    if country is None:
        return region
    english = getattr(country, "common_name", None) or country.name
    return _iso_names(language).gettext(english)


@cache
def _everyday_names() -> dict[str, dict[str, str]]:
    names = json.loads(_EVERYDAY.read_text(encoding="utf-8"))
    return {language: found for language, found in names.items() if not language.startswith("_")}


@cache
def _iso_names(language: str) -> gettext.NullTranslations:
    """pycountry's translations of ISO 3166-1 names; English when it has none for `language`."""
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )
