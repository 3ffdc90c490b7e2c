"""The results page as plain data: verdicts in three groups, ordered, paged, with distances.

Pure: verdicts come from screening.engine, sites and trials from the view's few queries.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator

from screening.criteria import ConditionTree, TrialCriteria, TrialResult, Verdict
from screening.geo import Point, haversine_miles, is_open_status, nearest
from screening.trialset import TrialSet

PAGE_SIZE = 10
# Origins (ZIP codes) whose distances are kept per load of the sites.
MOST_ORIGINS = 32


@dataclass(frozen=True)
class Group:
    """One of the three result groups; `param` is its page number's name in the address."""

    param: str
    verdict: Verdict


GROUPS: tuple[Group, ...] = (
    Group("likely", Verdict.LIKELY_ELIGIBLE),
    Group("ask", Verdict.ASK_DOCTOR),
    Group("not", Verdict.NOT_ELIGIBLE),
)


@dataclass(frozen=True)
class Match:
    """A trial's verdict (without words yet) and the distance to its nearest open site."""

    trial_id: str
    verdict: Verdict
    studies_your_condition: bool = False
    miles: float | None = None


class Ranked(Sequence[Match]):
    """One group's matches in the page's order, sorted only as far as someone reads.

    A results page shows ten of maybe thousands: slicing the first N takes the N smallest
    (heapq) instead of sorting the whole group; len() needs no sorting at all.
    """

    def __init__(self, verdict: Verdict, keys: list[tuple]) -> None:
        self.verdict = verdict
        self._keys = keys  # (not about your condition, no distance, miles, trial id)
        self._sorted: list[tuple] = []  # the first len(self._sorted) keys, in order

    def __len__(self) -> int:
        return len(self._keys)

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self._keys))
            self._sort_to(stop)
            return [self._match(key) for key in self._sorted[start:stop:step]]
        position = range(len(self._keys))[index]
        self._sort_to(position + 1)
        return self._match(self._sorted[position])

    def __iter__(self) -> Iterator[Match]:
        self._sort_to(len(self._keys))
        return (self._match(key) for key in self._sorted)

    def _sort_to(self, stop: int) -> None:
        if stop <= len(self._sorted):
            return
        if stop * 4 < len(self._keys):
            self._sorted = heapq.nsmallest(stop, self._keys)
        else:
            self._sorted = sorted(self._keys)

    def _match(self, key: tuple) -> Match:
        not_yours, unknown, miles, trial_id = key
        return Match(trial_id, self.verdict, not not_yours, None if unknown else miles)


def grouped(
    verdicts: Iterable[TrialResult],
    trials: Iterable[TrialCriteria],
    *,
    answers: Mapping[str, Any],
    conditions: ConditionTree,
    miles: Mapping[str, float] | None = None,
) -> dict[str, Ranked]:
    """Verdicts by group, each ordered by relevance (the study is about a condition the patient
    chose), then distance (unknown last), then registry id."""
    miles = miles or {}
    chosen = answers.get("conditions")
    mine = conditions.with_ancestors(chosen) if isinstance(chosen, list) else frozenset()
    if isinstance(trials, TrialSet):
        studied = trials.derived(_conditions_by_trial)
    else:
        studied = _conditions_by_trial(trials)
    keys: dict[Verdict, list[tuple]] = {group.verdict: [] for group in GROUPS}
    nothing: frozenset[str] = frozenset()
    for result in verdicts:
        distance = miles.get(result.trial_id)
        keys[result.verdict].append(
            (
                studied.get(result.trial_id, nothing).isdisjoint(mine),
                distance is None,
                distance or 0.0,
                result.trial_id,
            )
        )
    return {group.param: Ranked(group.verdict, keys[group.verdict]) for group in GROUPS}


def _conditions_by_trial(trials: Iterable[TrialCriteria]) -> dict[str, frozenset[str]]:
    return {trial.trial_id: trial.conditions for trial in trials}


def page_of(matches: Sequence[Match], number: Any, size: int = PAGE_SIZE) -> Page:
    """One small page of a group; a page number we cannot use gives the nearest real page."""
    return Paginator(matches, size).get_page(number)


@dataclass(frozen=True)
class SitePlaces:
    """Where the open trials' open sites are, by distinct place: built once per data version.

    Thousands of sites share a few hundred places, and trials sharing the same places share
    their nearest distance: a results page measures each place once, not each site.
    """

    places: tuple[Point, ...]
    trials_at: Mapping[tuple[int, ...], tuple[str, ...]]  # place numbers -> trial ids
    # miles_from() by origin, kept for the last few origins (a few hundred kB each)
    miles: dict[Point, dict[str, float]] = field(default_factory=dict, compare=False, repr=False)


def site_places(sites: Iterable[tuple[str, float | None, float | None, str]]) -> SitePlaces:
    """SitePlaces from (trial id, lat, long, status) rows, leaving out closed sites and sites
    without coordinates."""
    numbers: dict[tuple[float, float], int] = {}
    by_trial: dict[str, set[int]] = {}
    for trial_id, latitude, longitude, status in sites:
        if latitude is None or longitude is None or not is_open_status(status):
            continue
        number = numbers.setdefault((latitude, longitude), len(numbers))
        by_trial.setdefault(trial_id, set()).add(number)
    trials_at: dict[tuple[int, ...], list[str]] = {}
    for trial_id, found in by_trial.items():
        trials_at.setdefault(tuple(sorted(found)), []).append(trial_id)
    return SitePlaces(
        places=tuple(Point(latitude, longitude) for latitude, longitude in numbers),
        trials_at={key: tuple(ids) for key, ids in trials_at.items()},
    )


def miles_from(origin: Point, sites: SitePlaces) -> dict[str, float]:
    """The distance to each trial's nearest open site (closed sites and sites without
    coordinates are left out), measuring each distinct place once.

    The figures for the last few origins are kept on `sites`: patients near one another share
    a ZIP code, and the sites do not move until the data changes.
    """
    found = sites.miles.get(origin)
    if found is not None:
        return found
    distances = [haversine_miles(origin, place) for place in sites.places]
    miles: dict[str, float] = {}
    for numbers, trial_ids in sites.trials_at.items():
        nearest_place = min(distances[number] for number in numbers)
        for trial_id in trial_ids:
            miles[trial_id] = nearest_place
    if len(sites.miles) >= MOST_ORIGINS:
        sites.miles.clear()
    sites.miles[origin] = miles
    return miles


@dataclass(frozen=True)
class Card:
    """One result card: the trial, why, where the nearest site is, whom to contact."""

    trial: Any  # trials.models.Trial with conditions, sites and contacts prefetched
    result: TrialResult
    site: Any = None  # the nearest open site when we know where the patient is
    miles: float | None = None
    contacts: tuple[Any, ...] = ()


MOST_CONTACTS = 2


def cards(
    matches: Iterable[Match],
    trials: Mapping[str, Any],
    explained: Mapping[str, TrialResult],
    origin: Point | None,
) -> list[Card]:
    """Cards for one page of matches; a trial unpublished since screening is left out."""
    shown = []
    for match in matches:
        trial = trials.get(match.trial_id)
        result = explained.get(match.trial_id)
        if trial is None or result is None:
            continue
        site, miles = (None, None)
        if origin is not None:
            found = nearest(origin, trial.sites.all())
            if found is not None:
                site, miles = found
        shown.append(Card(trial, result, site, miles, _contacts(trial.contacts.all(), site)))
    return shown


def _contacts(contacts: Iterable[Any], site: Any) -> tuple[Any, ...]:
    """The study's own contacts first, else the nearest site's, else any."""
    everyone = [contact for contact in contacts if contact.phone or contact.email]
    central = [contact for contact in everyone if contact.site_id is None]
    if central:
        return tuple(central[:MOST_CONTACTS])
    if site is not None:
        local = [contact for contact in everyone if contact.site_id == site.pk]
        if local:
            return tuple(local[:MOST_CONTACTS])
    return tuple(everyone[:MOST_CONTACTS])
