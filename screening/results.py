"""The results page as plain data: verdicts in three groups, ordered, paged, with distances.

Pure: verdicts come from screening.engine, sites and trials from the view's few queries.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator

from screening.criteria import ConditionTree, TrialResult, Verdict
from screening.geo import Point, nearest
from screening.trialset import TrialSet
from trials.regions import HOME_COUNTRY

PAGE_SIZE = 10


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
    trials: TrialSet,
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
    studied = trials.conditions_by_trial
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


def page_of(matches: Sequence[Match], number: Any, size: int = PAGE_SIZE) -> Page:
    """One small page of a group; a page number we cannot use gives the nearest real page."""
    return Paginator(matches, size).get_page(number)


@dataclass(frozen=True)
class Card:
    """One result card: the trial, why, where the nearest site is, whom to contact."""

    trial: Any  # trials.models.Trial with conditions, sites and contacts prefetched
    result: TrialResult
    site: Any = None  # the nearest open site when we know where the patient is
    miles: float | None = None
    contacts: tuple[Any, ...] = ()
    abroad: bool = False  # every site is outside the patient's country


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
        contacts = _contacts(trial.contacts.all(), site)
        shown.append(Card(trial, result, site, miles, contacts, _all_abroad(trial.sites.all())))
    return shown


def _all_abroad(sites: Iterable[Any]) -> bool:
    """Whether the trial has sites and none of them is in the patient's country (the US)."""
    countries = {getattr(site, "country_code", "") for site in sites}
    return bool(countries) and "" not in countries and HOME_COUNTRY not in countries


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
