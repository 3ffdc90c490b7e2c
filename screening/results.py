"""The results page as data: every screened trial judged, in three groups, ordered, paged, carded.

Grouping, ordering and cards are pure; `judge` and `results_page` read the cache and the few
trials a page shows.
"""

from __future__ import annotations

import datetime
import heapq
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch
from django.http import QueryDict

from screening import engine, geo, loading
from screening.criteria import ConditionTree, TrialResult, Verdict
from screening.geo import Point, nearest
from screening.loading import QuestionBank
from screening.questionnaire import LOCATION_KEY
from screening.state import FlowState
from screening.trialset import TrialSet
from trials.models import Contact, Trial
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


@dataclass(frozen=True)
class Judged:
    """Every screened trial's verdict, without words, in the results page's groups."""

    screened: TrialSet
    groups: dict[str, Ranked]
    origin: geo.Point | None


def judge(state: FlowState, bank: QuestionBank, *, today: datetime.date) -> Judged:
    """The patient's trials (from the per-process cache) judged without words and grouped."""
    screened = bank.screened(state.scope)
    verdicts = engine.evaluate(
        state.answers, screened, today=today, conditions=bank.conditions, explain=False
    )
    postal_code = state.answers.get(LOCATION_KEY)
    origin = geo.locate(postal_code) if isinstance(postal_code, str) else None
    groups = grouped(
        verdicts,
        screened,
        answers=state.answers,
        conditions=bank.conditions,
        miles=_miles_to_trials(origin),
    )
    return Judged(screened, groups, origin)


def explain(
    state: FlowState,
    judged: Judged,
    trial_ids: set[str],
    bank: QuestionBank,
    *,
    today: datetime.date,
) -> dict[str, TrialResult]:
    """Reasons and checklists, worked out only for the trials that will be shown."""
    chosen = [trial for trial in judged.screened if trial.trial_id in trial_ids]
    return {
        result.trial_id: result
        for result in engine.evaluate(
            state.answers, chosen, today=today, conditions=bank.conditions
        )
    }


def _miles_to_trials(origin: geo.Point | None) -> dict[str, float]:
    """The distance to each open trial's nearest open site, when we know where the patient is.

    Sites' places are cached with the open trials; call after bank.screened().
    Trials outside the patient's scope get a distance too: grouped() only reads the ones
    screened.
    """
    if origin is None:
        return {}
    return loading.cached_miles_from(origin)


@dataclass(frozen=True)
class GroupPage:
    """One result group's page as the results page shows it: its cards and paging links."""

    param: str
    verdict: str
    page: Any
    cards: list
    next_url: str
    first_url: str


@dataclass(frozen=True)
class ResultsPage:
    """What the results page shows of a patient's answers: its three groups, one page each."""

    group_pages: dict[str, GroupPage]
    total: int
    located: bool
    postal_code: str


def results_page(
    state: FlowState,
    bank: QuestionBank,
    *,
    today: datetime.date,
    path: str,
    query: QueryDict,
) -> ResultsPage:
    """Judge every screened trial, page each group as `query` asks, and explain only the trials
    on those pages: one query for the trials shown, beside the cache."""
    judged = judge(state, bank, today=today)
    pages = {
        group.param: page_of(judged.groups[group.param], query.get(group.param)) for group in GROUPS
    }
    shown_ids = {match.trial_id for page in pages.values() for match in page.object_list}
    explained = explain(state, judged, shown_ids, bank, today=today)
    trials = {
        trial.registry_id: trial
        for trial in Trial.objects.filter(registry_id__in=shown_ids).prefetch_related(
            "conditions",
            "sites",
            Prefetch("contacts", queryset=Contact.objects.order_by("role", "id")),
        )
    }
    group_pages = [
        GroupPage(
            param=group.param,
            verdict=str(group.verdict),
            page=pages[group.param],
            cards=cards(pages[group.param].object_list, trials, explained, judged.origin),
            next_url=page_url(path, query, group.param, pages[group.param].number + 1),
            first_url=page_url(path, query, group.param, 1),
        )
        for group in GROUPS
    ]
    postal_code = state.answers.get(LOCATION_KEY)
    return ResultsPage(
        group_pages={page.param: page for page in group_pages},
        total=len(judged.screened),
        located=judged.origin is not None,
        postal_code=postal_code if isinstance(postal_code, str) else "",
    )


def page_url(path: str, query: QueryDict, param: str, number: int) -> str:
    """This page's address with group `param` at page `number` (page 1 is left out)."""
    query = query.copy()
    if number > 1:
        query[param] = str(number)
    else:
        query.pop(param, None)
    encoded = query.urlencode()
    return f"{path}?{encoded}" if encoded else path
