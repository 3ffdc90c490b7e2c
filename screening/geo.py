"""Distances for the results page: an offline ZIP code lookup and great-circle miles.

No web service is called: US ZIP codes come from the `zipcodes` package's own data file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, TypeVar

import zipcodes

from trials.models import OPEN_STATUSES

EARTH_RADIUS_MILES = 3958.7613

_US_ZIP = re.compile(r"^(\d{5})(?:[ -]?\d{4})?$")


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


class Located(Protocol):
    latitude: float | None
    longitude: float | None
    status: str


S = TypeVar("S", bound=Located)


def haversine_miles(origin: Point, destination: Point) -> float:
    """The great-circle distance between two points, in miles."""
    lat1, lon1 = math.radians(origin.latitude), math.radians(origin.longitude)
    lat2, lon2 = math.radians(destination.latitude), math.radians(destination.longitude)
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


@lru_cache(maxsize=512)
def locate(postal_code: str) -> Point | None:
    """Where a US ZIP code (12345 or 12345-6789) is, or None when we do not know it."""
    match = _US_ZIP.match(postal_code.strip())
    if not match:
        return None
    try:
        found = zipcodes.matching(match.group(1))
    except (TypeError, ValueError):
        return None
    for place in found:
        try:
            return Point(float(place["lat"]), float(place["long"]))
        except (KeyError, TypeError, ValueError):
            continue
    return None


def is_open_status(status: str) -> bool:
    """A site that may take people: open, or with no status of its own (the trial's counts)."""
    return not status or status in OPEN_STATUSES


def nearest(origin: Point, sites: Iterable[S]) -> tuple[S, float] | None:
    """The closest open site with coordinates, and its distance in miles."""
    best: tuple[S, float] | None = None
    for site in sites:
        if site.latitude is None or site.longitude is None or not is_open_status(site.status):
            continue
        miles = haversine_miles(origin, Point(site.latitude, site.longitude))
        if best is None or miles < best[1]:
            best = (site, miles)
    return best
