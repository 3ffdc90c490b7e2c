"""The results page as data: every screened trial judged, in three groups, ordered, paged, carded.

Grouping, ordering and cards are pure; `judge` and `results_page` read the cache and the few
trials a page shows.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import QueryDict
from django.utils.formats import localize
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from screening import engine, geo, loading, result_cards
from screening.criteria import ConditionTree, TrialResult, Verdict
from screening.loading import QuestionBank
from screening.questionnaire import LOCATION_KEY
from screening.state import FlowState
from screening.trialset import TrialSet, frozen_answers

PAGE_SIZE = 10


@dataclass(frozen=True)
class Group:
    """One of the three result groups; `param` is its page number's name in the address.

    A folded group starts closed: its cards are made only once someone opens it (its page
    number is in the address, or "Show more" asks for it).
    """

    param: str
    verdict: Verdict
    folded: bool = False


GROUPS: tuple[Group, ...] = (
    Group("likely", Verdict.LIKELY_ELIGIBLE),
    Group("ask", Verdict.ASK_DOCTOR),
    Group("not", Verdict.NOT_ELIGIBLE, folded=True),
)

# Each group's count in the list at the top of the results page: "Likely eligible: 3".
_GLANCE = {
    "likely": lambda count: ngettext(
        "Likely eligible: %(counter)s", "Likely eligible: %(counter)s", count
    ),
    "ask": lambda count: ngettext(
        "Ask your doctor: %(counter)s", "Ask your doctor: %(counter)s", count
    ),
    "not": lambda count: ngettext("Not eligible: %(counter)s", "Not eligible: %(counter)s", count),
}


@dataclass(frozen=True)
class Match:
    """A trial's verdict (without words yet) and the distance to its nearest open site."""

    trial_id: str
    verdict: Verdict
    studies_your_condition: bool = False
    miles: float | None = None


class Ranked(Sequence[Match]):
    """One group's matches in the page's order, found only as far as someone reads.

    A results page shows ten of maybe thousands: the group is a bit mask over the screened
    trials, len() counts its bits, and slicing the first N takes the first N members in
    reading order (kept per distance map, TrialSet.order), studies of the patient's condition
    first.
    """

    def __init__(
        self,
        verdict: Verdict,
        trials: TrialSet,
        members: int,
        mine: int,
        miles: Mapping[str, float],
    ) -> None:
        self.verdict = verdict
        self._trials = trials
        self._parts = (members & mine, members & ~mine)  # about your condition first
        self._miles = miles
        self._length = members.bit_count()
        self._found: list[Match] = []  # the first len(self._found) matches, in order

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return _Slice(self, index)
        position = range(self._length)[index]
        self._find_to(position + 1)
        return self._found[position]

    def sliced(self, index: slice) -> list[Match]:
        start, stop, step = index.indices(self._length)
        self._find_to(stop)
        return self._found[start:stop:step]

    def __iter__(self) -> Iterator[Match]:
        self._find_to(self._length)
        return iter(self._found)

    def _find_to(self, stop: int) -> None:
        if stop <= len(self._found):
            return
        found: list[Match] = []
        order = self._trials.order(self._miles)
        for yours, part in zip((True, False), self._parts, strict=True):
            if len(found) < stop and part:
                found += [self._match(at, yours) for at in order.first(part, stop - len(found))]
        self._found = found

    def _match(self, position: int, yours: bool) -> Match:
        trial_id = self._trials[position].trial_id
        return Match(trial_id, self.verdict, yours, self._miles.get(trial_id))


class _Slice(Sequence[Match]):
    """A slice of a group (a page of it), found when first read: a folded group's page is
    counted and linked to, never read."""

    def __init__(self, ranked: Ranked, index: slice) -> None:
        self._ranked = ranked
        self._index = index
        self._length = len(range(len(ranked))[index])
        self._found: list[Match] | None = None

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if self._found is None:
            self._found = self._ranked.sliced(self._index)
        return self._found[index]


def grouped(
    verdicts: Iterable[TrialResult],
    trials: TrialSet,
    *,
    answers: Mapping[str, Any],
    conditions: ConditionTree,
    miles: Mapping[str, float] | None = None,
) -> dict[str, Ranked]:
    """Verdicts by group (grouped_masks() for a list of verdicts)."""
    masks = dict.fromkeys(Verdict, 0)
    for result in verdicts:
        masks[result.verdict] |= 1 << trials.position_of[result.trial_id]
    return grouped_masks(masks, trials, answers=answers, conditions=conditions, miles=miles)


def grouped_masks(
    masks: Mapping[Verdict, int],
    trials: TrialSet,
    *,
    answers: Mapping[str, Any],
    conditions: ConditionTree,
    miles: Mapping[str, float] | None = None,
) -> dict[str, Ranked]:
    """The trials of each verdict's mask by group, each ordered by relevance (the study is
    about a condition the patient chose), then distance (unknown last), then registry id."""
    chosen = answers.get("conditions")
    mine = 0
    if isinstance(chosen, list):
        for slug in conditions.with_ancestors(chosen):
            mine |= trials.condition_masks.get(slug, 0)
    return {
        group.param: Ranked(group.verdict, trials, masks[group.verdict], mine, miles or {})
        for group in GROUPS
    }


def page_of(matches: Sequence[Match], number: Any, size: int = PAGE_SIZE) -> Page:
    """One small page of a group; a page number we cannot use gives the nearest real page."""
    return Paginator(matches, size).get_page(number)


@dataclass(frozen=True)
class Judged:
    """Every screened trial's verdict, without words, in the results page's groups."""

    screened: TrialSet
    groups: dict[str, Ranked]
    origin: geo.Point | None


def judge(state: FlowState, bank: QuestionBank, *, today: datetime.date) -> Judged:
    """The patient's trials (from the per-process cache) judged without words and grouped;
    kept with the cards by the answers, for a patient who comes back to the results."""
    key = (state.scope, tuple(sorted(frozen_answers(state.answers).items())))
    kept = bank.judged.get(key)
    if kept is not None:
        return kept
    judged = _judged(state, bank, today=today)
    bank.judged.put(key, judged)
    return judged


def _judged(state: FlowState, bank: QuestionBank, *, today: datetime.date) -> Judged:
    screened = bank.screened(state.scope)
    masks = engine.verdict_masks(state.answers, screened, today=today, conditions=bank.conditions)
    postal_code = state.answers.get(LOCATION_KEY)
    origin = geo.locate(postal_code) if isinstance(postal_code, str) else None
    groups = grouped_masks(
        masks,
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
    screened, position_of = judged.screened, judged.screened.position_of
    chosen = [screened[position_of[trial_id]] for trial_id in trial_ids if trial_id in position_of]
    return {
        result.trial_id: result
        for result in engine.evaluate(
            state.answers, chosen, today=today, conditions=bank.conditions
        )
    }


def _miles_to_trials(origin: geo.Point | None) -> Mapping[str, float]:
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
    """One result group's page as the results page shows it: its cards, paging links and the
    sentences that count them (made here: as template tags they were 6% of a new patient's page)."""

    param: str
    verdict: str
    page: Any
    cards: list
    next_url: str
    first_url: str
    folded: bool = False  # closed, its cards not made yet: open_url shows them
    open_url: str = ""

    @property
    def glance(self) -> SafeString:
        """Its count in the list at the top of the page: "Likely eligible: 3"."""
        count = self.page.paginator.count
        return SafeString(_GLANCE[self.param](count) % {"counter": localize(count)})

    @property
    def count_words(self) -> SafeString:
        """Its count, and which of them this page shows when there is more than one page:
        "12 studies · showing 1 to 10"."""
        count = self.page.paginator.count
        words = ngettext("%(counter)s study", "%(counter)s studies", count) % {
            "counter": localize(count)
        }
        if self.page.paginator.num_pages > 1:
            showing = gettext("showing %(first)s to %(last)s") % {
                "first": localize(self.page.start_index()),
                "last": localize(self.page.end_index()),
            }
            words = f"{words} · {showing}"
        return SafeString(words)  # our own words and numbers

    @property
    def show_all_words(self) -> SafeString:
        """The folded group's summary: "Show the 4 studies that do not fit, and why"."""
        count = self.page.paginator.count
        words = ngettext(
            "Show the %(counter)s study that does not fit, and why",
            "Show the %(counter)s studies that do not fit, and why",
            count,
        )
        return SafeString(words % {"counter": localize(count)})


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
    only: str = "",
) -> ResultsPage:
    """Judge every screened trial, page each group as `query` asks, and show the cards on those
    pages (only group `only`'s when "Show more" asks for one group, its first new card
    focused; a folded group's only once it is opened, the focus left where it was).

    A card made before for the same answers is reused (screening.result_cards); the others are
    explained and rendered, after one query for those trials (and two for their sites and
    contacts) beside the cache.
    """
    judged = judge(state, bank, today=today)
    pages = {
        group.param: page_of(judged.groups[group.param], query.get(group.param)) for group in GROUPS
    }
    shown = [group for group in GROUPS if group.param == only] or [
        group for group in GROUPS if not group.folded or group.param in query
    ]
    given = state.answers.get(LOCATION_KEY)
    postal_code = given if isinstance(given, str) else ""
    screened, position_of = judged.screened, judged.screened.position_of
    answers = frozen_answers(state.answers)
    keys = {
        (group.param, index): (
            match.trial_id,
            screened.answers_read(position_of[match.trial_id], answers),
            postal_code,
            index == 0 and group.param == only and pages[only].number > 1,
        )
        for group in shown
        for index, match in enumerate(pages[group.param].object_list)
    }
    html = {place: bank.cards.get(key) for place, key in keys.items()}
    missing = {key for place, key in keys.items() if html[place] is None}
    if missing:
        made = _made_cards(missing, state, judged, bank, today=today)
        for key, card in made.items():
            bank.cards.put(key, card)
        html = {place: found or made.get(keys[place]) for place, found in html.items()}
    group_pages = [
        GroupPage(
            param=group.param,
            verdict=str(group.verdict),
            page=pages[group.param],
            cards=[
                html[group.param, index]
                for index in range(len(pages[group.param].object_list))
                if html.get((group.param, index))
            ],
            next_url=page_url(path, query, group.param, pages[group.param].number + 1),
            first_url=page_url(path, query, group.param, 1),
            folded=group not in shown,
            open_url=page_url(path, query, group.param, 1, named=True),
        )
        for group in GROUPS
    ]
    return ResultsPage(
        group_pages={page.param: page for page in group_pages},
        total=len(judged.screened),
        located=judged.origin is not None,
        postal_code=postal_code,
    )


def _made_cards(
    keys: set[tuple], state: FlowState, judged: Judged, bank: QuestionBank, *, today: datetime.date
) -> dict[tuple, SafeString]:
    """The cards of these keys (trial id, answers read, ZIP code, focus) explained and rendered;
    a trial gone from the database since it was loaded has none."""
    trial_ids = {key[0] for key in keys}
    explained = explain(state, judged, trial_ids, bank, today=today)
    facts = result_cards.kept_facts(trial_ids, bank)
    nearest = result_cards.nearest_sites(facts.values(), judged.origin)
    words = result_cards.card_words()
    return {
        key: result_cards.render(
            facts[trial_id],
            explained[trial_id],
            nearest=nearest.get(trial_id),
            postal_code=postal_code if judged.origin is not None else "",
            focus=focus,
            words=words,
        )
        for key in keys
        for trial_id, _answers, postal_code, focus in [key]
        if trial_id in facts and trial_id in explained
    }


def page_url(path: str, query: QueryDict, param: str, number: int, *, named: bool = False) -> str:
    """This page's address with group `param` at page `number` (page 1 is left out unless
    `named`: a folded group's first page opens it)."""
    query = query.copy()
    if number > 1 or named:
        query[param] = str(number)
    else:
        query.pop(param, None)
    encoded = query.urlencode()
    return f"{path}?{encoded}" if encoded else path
