"""The results page as plain data: verdicts in three groups, ordered, paged, with distances.

Pure: verdicts come from screening.engine, sites and trials from the view's few queries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator

from screening.engine import ConditionTree, TrialCriteria, TrialResult, Verdict
from screening.geo import Point, haversine_miles, is_open_status, nearest

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


def grouped(
    verdicts: Iterable[TrialResult],
    trials: Iterable[TrialCriteria],
    *,
    answers: Mapping[str, Any],
    conditions: ConditionTree,
    miles: Mapping[str, float] | None = None,
) -> dict[str, list[Match]]:
    """Verdicts by group, each ordered by relevance (the study is about a condition the patient
    chose), then distance (unknown last), then registry id."""
    miles = miles or {}
    chosen = answers.get("conditions")
    mine = conditions.with_ancestors(chosen) if isinstance(chosen, list) else frozenset()
    studied = {trial.trial_id: trial.conditions for trial in trials}
    groups: dict[str, list[Match]] = {group.param: [] for group in GROUPS}
    param_of = {group.verdict: group.param for group in GROUPS}
    for result in verdicts:
        ours = bool(studied.get(result.trial_id, frozenset()) & mine)
        groups[param_of[result.verdict]].append(
            Match(result.trial_id, result.verdict, ours, miles.get(result.trial_id))
        )
    for matches in groups.values():
        matches.sort(
            key=lambda match: (
                not match.studies_your_condition,
                match.miles is None,
                match.miles or 0.0,
                match.trial_id,
            )
        )
    return groups


def page_of(matches: Sequence[Match], number: Any, size: int = PAGE_SIZE) -> Page:
    """One small page of a group; a page number we cannot use gives the nearest real page."""
    return Paginator(matches, size).get_page(number)


def nearest_miles(
    origin: Point, sites: Iterable[tuple[str, float | None, float | None, str]]
) -> dict[str, float]:
    """The distance to each trial's nearest open site, from (trial id, lat, long, status) rows."""
    miles: dict[str, float] = {}
    for trial_id, latitude, longitude, status in sites:
        if latitude is None or longitude is None or not is_open_status(status):
            continue
        distance = haversine_miles(origin, Point(latitude, longitude))
        if trial_id not in miles or distance < miles[trial_id]:
            miles[trial_id] = distance
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
