"""Distances for the results page: an offline ZIP code lookup and great-circle miles.

No web service is called: ZIP codes and miles are trials.places' and trials.site_lists', the same
rules the trial pages use.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from trials.choices import site_takes_people
from trials.places import zip_coordinates
from trials.site_lists import Places, chord_miles


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@lru_cache(maxsize=512)
def locate(postal_code: str) -> Point | None:
    """Where a US ZIP code (12345 or 12345-6789) is, or None when we do not know it."""
    found = zip_coordinates(postal_code)
    return Point(*found) if found is not None else None


class SitePlaces:
    """Where the open trials' open sites are, by distinct place: built once per data version.

    Thousands of sites share a few thousand places: a results page measures each place once,
    all in one pass over arrays, then takes each trial's nearest.
    """

    def __init__(
        self, places: Sequence[tuple[float, float]], trial_places: Mapping[str, Sequence[int]]
    ):
        """`places`: (latitude, longitude) each; `trial_places`: each trial's place numbers
        (positions in `places`), at least one."""
        self._measured = Places(places)
        self.trial_ids = tuple(trial_places)
        self.index = {trial_id: number for number, trial_id in enumerate(self.trial_ids)}
        # Every trial's place numbers, trial after trial, and whose each one is (its trial's
        # number in trial_ids).
        runs = [trial_places[trial_id] for trial_id in self.trial_ids]
        self._numbers = np.fromiter(itertools.chain.from_iterable(runs), dtype=np.intp)
        self._owners = np.repeat(np.arange(len(runs), dtype=np.intp), [len(run) for run in runs])
        # By id(): the tuple is kept beside its numbers, so the id cannot be reused meanwhile.
        self._lookups: dict[int, tuple[tuple[str, ...], np.ndarray]] = {}
        self._lock = threading.Lock()

    def nearest_miles(self, origin: Point) -> np.ndarray:
        """Each trial's distance to its nearest place (by trial_ids)."""
        if not self.trial_ids:
            return np.empty(0)
        chords = self._measured.chords_from((origin.latitude, origin.longitude))
        # Each trial's smallest chord, scattered by owner: a third of the time that a
        # minimum.reduceat over 10,000 runs took.
        nearest = np.full(len(self.trial_ids), np.inf)
        np.minimum.at(nearest, self._owners, chords[self._numbers])
        return chord_miles(nearest)

    def lookup(self, trial_ids: tuple[str, ...]) -> np.ndarray:
        """For each of these trials, its number in trial_ids, or len(trial_ids) for a trial
        without a placed open site; kept for the few tuples asked again and again (a TrialSet's
        trials), by the tuple itself: hashing 10,000 ids took longer than the lookup."""
        kept = self._lookups.get(id(trial_ids))
        if kept is not None and kept[0] is trial_ids:
            return kept[1]
        missing = len(self.trial_ids)
        found = np.fromiter(
            (self.index.get(trial_id, missing) for trial_id in trial_ids),
            dtype=np.intp,
            count=len(trial_ids),
        )
        with self._lock:
            if len(self._lookups) >= MOST_LOOKUPS:
                self._lookups.clear()
            self._lookups[id(trial_ids)] = (trial_ids, found)
        return found


# Lists of trials (TrialSets, one per scope) whose places SitePlaces.lookup() keeps.
MOST_LOOKUPS = 64


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
    return SitePlaces(
        list(numbers), {trial_id: sorted(found) for trial_id, found in by_trial.items()}
    )


class Distances(Mapping[str, float]):
    """The miles from one origin to each trial's nearest open site, by trial id (trials
    without a placed open site have none), held as one array."""

    def __init__(self, sites: SitePlaces, miles: np.ndarray) -> None:
        self._sites = sites
        self._miles = miles

    def __getitem__(self, trial_id: str) -> float:
        return float(self._miles[self._sites.index[trial_id]])

    def __iter__(self) -> Iterator[str]:
        return iter(self._sites.trial_ids)

    def __len__(self) -> int:
        return len(self._miles)

    def along(self, trial_ids: tuple[str, ...]) -> np.ndarray:
        """These trials' distances in their order, infinity where a trial has none."""
        return np.append(self._miles, np.inf)[self._sites.lookup(trial_ids)]


def miles_from(origin: Point, sites: SitePlaces) -> Distances:
    """The distance to each trial's nearest open site (closed sites and sites without
    coordinates are left out), measuring each distinct place once."""
    return Distances(sites, sites.nearest_miles(origin))
