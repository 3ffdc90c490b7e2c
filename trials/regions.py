"""Countries and their states or provinces, as registries spell them, folded to ISO 3166.

"Sao Paulo" and "São Paulo" are one place (BR-SP); "SC" and "South Carolina" are US-SC.
Names come from `pycountry` (the ISO 3166 tables); the spellings it does not know are in
trials/data/regions.json (countries: trials.countries).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from trials.countries import HOME_REGION, region_for_country

DATA = Path(__file__).parent / "data" / "regions.json"
HOME_COUNTRY = HOME_REGION  # the patients we serve: US ZIP codes, US first in lists


# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "ı": "i",
    }
)


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: how names are compared."""
    plain = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    plain = plain.encode("ascii", "ignore").decode()
    return " ".join(plain.casefold().split())


@cache
def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def country_code(name: str) -> str:
    """ "Korea, Republic of" -> "KR", "Turkey" -> "TR", "" or unknown -> ""."""
    return region_for_country(name)


def is_home(country: str) -> bool:
    """Whether a registry country name means the patient's country (the United States)."""
    return country_code(country) == HOME_COUNTRY


@dataclass(frozen=True)
class Region:
    """A state, province or similar: an ISO 3166-2 code when we know it, and its name."""

    code: str
    name: str


def _core(name: str) -> str:
    """A name without brackets, punctuation or generic words ("Province", "Sheng", "-do")."""
    text = re.sub(r"\[.*?\]|\(.*?\)", " ", fold(name))
    words = re.split(r"[\s,.\-]+", text)
    generic = set(_data()["generic"])
    return " ".join(word for word in words if word and word not in generic)


def _display(name: str) -> str:
    """ "Barcelona [Barcelona]" -> "Barcelona"; "Beijing Shi" -> "Beijing"."""
    text = re.sub(r"\s*\[.*?\]", "", name).strip()
    return re.sub(
        r"(\s+(Sheng|Shi|Zizhiqu|SAR)|-(teukbyeolsi|gwangyeoksi|teukbyeoljachido))$", "", text
    )


@cache
def _subdivisions(code: str) -> dict[str, Region]:
    """Every subdivision of a country, by its folded name, core name and code suffix."""
    found: dict[str, Region] = {}
    for subdivision in pycountry.subdivisions.get(country_code=code) or ():
        region = Region(subdivision.code, _display(subdivision.name))
        suffix = subdivision.code.split("-", 1)[1].casefold()
        for key in (fold(subdivision.name), fold(region.name), _core(subdivision.name), suffix):
            found.setdefault(key, region)
    return found


@cache
def _by_code(code: str) -> Region | None:
    subdivision = pycountry.subdivisions.get(code=code)
    return Region(subdivision.code, _display(subdivision.name)) if subdivision else None


def region(state: str, country: str) -> Region:
    """The subdivision a registry's state text names in that country.

    Unknown text keeps its own words (brackets and extra spaces removed) and no code.
    """
    text = " ".join(re.sub(r"\[.*?\]", " ", state).split())
    if not text:
        return Region("", "")
    code = country_code(country)
    alias = _data()["subdivisions"].get(fold(text))
    if alias is not None and alias.startswith(f"{code}-"):
        found = _by_code(alias)
        if found is not None:
            return found
    if code:
        known = _subdivisions(code)
        for key in (fold(text), _core(text)):
            if key and key in known:
                return known[key]
    return Region("", text)
