"""Distances for the results page: an offline ZIP code lookup and great-circle miles.

No web service is called: ZIP codes and miles are trials.places' and trials.site_lists', the same
rules the trial pages use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, TypeVar

from trials.choices import site_takes_people
from trials.places import zip_coordinates
from trials.site_lists import Radians, in_radians, miles_between, miles_to_each


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
    return miles_between(
        (origin.latitude, origin.longitude), (destination.latitude, destination.longitude)
    )


@lru_cache(maxsize=512)
def locate(postal_code: str) -> Point | None:
    """Where a US ZIP code (12345 or 12345-6789) is, or None when we do not know it."""
    found = zip_coordinates(postal_code)
    return Point(*found) if found is not None else None


def nearest(origin: Point, sites: Iterable[S]) -> tuple[S, float] | None:
    """The closest open site with coordinates, and its distance in miles."""
    best: tuple[S, float] | None = None
    for site in sites:
        if site.latitude is None or site.longitude is None or not site_takes_people(site.status):
            continue
        miles = haversine_miles(origin, Point(site.latitude, site.longitude))
        if best is None or miles < best[1]:
            best = (site, miles)
    return best


@dataclass(frozen=True)
class SitePlaces:
    """Where the open trials' open sites are, by distinct place: built once per data version.

    Thousands of sites share a few hundred places, and trials sharing the same places share
    their nearest distance: a results page measures each place once, not each site.
    """

    places: tuple[Point, ...]
    trials_at: Mapping[tuple[int, ...], tuple[str, ...]]  # place numbers -> trial ids
    radians: tuple[Radians, ...]  # each place's, for miles_to_each()


def open_site_places(sites: Iterable[tuple[str, float | None, float | None, str]]) -> SitePlaces:
    """SitePlaces from (trial id, lat, long, status) rows, leaving out closed sites and sites
    without coordinates."""
    numbers: dict[tuple[float, float], int] = {}
    by_trial: dict[str, set[int]] = {}
    for trial_id, latitude, longitude, status in sites:
        if latitude is None or longitude is None or not site_takes_people(status):
            continue
        number = numbers.setdefault((latitude, longitude), len(numbers))
        by_trial.setdefault(trial_id, set()).add(number)
    trials_at: dict[tuple[int, ...], list[str]] = {}
    for trial_id, found in by_trial.items():
        trials_at.setdefault(tuple(sorted(found)), []).append(trial_id)
    return SitePlaces(
        places=tuple(Point(latitude, longitude) for latitude, longitude in numbers),
        trials_at={key: tuple(ids) for key, ids in trials_at.items()},
        radians=tuple(in_radians(place) for place in numbers),
    )


def miles_from(origin: Point, sites: SitePlaces) -> dict[str, float]:
    """The distance to each trial's nearest open site (closed sites and sites without
    coordinates are left out), measuring each distinct place once."""
    distances = miles_to_each((origin.latitude, origin.longitude), sites.radians)
    at = distances.__getitem__
    miles: dict[str, float] = {}
    for numbers, trial_ids in sites.trials_at.items():
        nearest_place = at(numbers[0]) if len(numbers) == 1 else min(map(at, numbers))
        for trial_id in trial_ids:
            miles[trial_id] = nearest_place
    return miles
