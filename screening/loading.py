"""Load what the engine needs from the database once, in a fixed number of queries.

Each function returns plain engine data (screening.engine / screening.questions dataclasses);
the engine itself never touches the ORM.
"""

from __future__ import annotations

import datetime
import gc
import hashlib
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db import connection
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import get_language

from screening import catalogue_version
from screening.criteria import AgeLimit, ConditionTree, Rule, TrialCriteria
from screening.geo import Distances, Point, SitePlaces, miles_from, open_site_places
from screening.models import Criterion, CriterionStatus, Question
from screening.questions import UNITS, QuestionSpec
from screening.result_cards import KeptCards
from screening.scope import Scope, condition_family, in_scope
from screening.trialset import TrialSet
from trials.languages import in_page_language
from trials.models import Condition, Site, Trial


def open_trials(today: datetime.date | None = None) -> list[TrialCriteria]:
    """Every trial open on `today` (default: today) and published, with its registry facts and
    criteria: four queries."""
    return made_open_trials(today=today).trials


def made_open_trials(
    earlier: MadeTrials | None = None, *, today: datetime.date | None = None
) -> MadeTrials:
    """open_trials() with what each trial was made from, taking the trials unchanged since
    `earlier` from it."""
    return made_trial_criteria(Trial.objects.published().open_to_enrolment(today), earlier)


# Loading 10,000 trials with 20 criteria each takes seconds: keep the result per process and
# reload only when the data it came from changed (or after CACHE_SECONDS, a backstop for writes
# made with the version's triggers off, such as a restore with triggers disabled).
CACHE_SECONDS = 300.0
# Scopes (clinicians' links) remembered per loaded list; more are screened without keeping.
MOST_SCOPES = 256
# Origins (ZIP codes) whose distances are kept per load of the sites.
MOST_ORIGINS = 32
# Trials whose result cards' common part is kept per load and language: every trial up to
# 10,000, about 2 KB each (result_cards.TrialFacts): registry data only, 20 MB at most.
MOST_TRIAL_FACTS = 10_000


@dataclass
class _Loaded:
    """One load of the open trials, and what was worked out from it since."""

    version: tuple
    loaded_at: float
    made: MadeTrials
    checked_at: float = 0.0  # when the data version last said this load is current
    screened: dict[tuple, TrialSet] = field(default_factory=dict)  # by scope
    sites: _Sites | None = None
    banks: dict[str, QuestionBank] = field(default_factory=dict)  # by language

    @property
    def trials(self) -> list[TrialCriteria]:
        return self.made.trials


@dataclass(frozen=True)
class QuestionBank:
    """The question bank and the conditions as the questionnaire reads them (question_bank())."""

    questions: dict[str, Question]
    specs: list[QuestionSpec]
    conditions: ConditionTree
    # The load it was kept with (question_bank()): screened() needs no second version check.
    loaded: _Loaded | None = field(default=None, repr=False, compare=False)
    # Result cards made from this load in this bank's language (screening.result_cards), what
    # each trial's cards show alike, and the results pages' verdicts by group, fewer: each
    # holds its ZIP code's distances.
    cards: KeptCards = field(default_factory=KeptCards, repr=False, compare=False)
    trial_facts: KeptCards = field(
        default_factory=lambda: KeptCards(MOST_TRIAL_FACTS), repr=False, compare=False
    )
    judged: KeptCards = field(
        default_factory=lambda: KeptCards(MOST_ORIGINS), repr=False, compare=False
    )
    # The open trials whose card facts no results page has read yet, in the load's order: a
    # read for a page's new cards takes some of them along (screening.result_cards.READ_AHEAD).
    unread_facts: deque[str] = field(default_factory=deque, repr=False, compare=False)

    @cached_property
    def by_key(self) -> dict[str, QuestionSpec]:
        return {spec.key: spec for spec in self.specs}

    def screened(self, scope: Scope) -> TrialSet:
        """The open trials a scope screens, from the same load as this bank (no query)."""
        if self.loaded is None:
            return cached_screened(scope, self.conditions)
        return _screened_in(self.loaded, scope, self.conditions)


@dataclass
class _Sites:
    """The open trials' open sites, and distances worked out since."""

    places: SitePlaces
    # miles_from() by origin, for the last few origins (8 bytes a trial each): patients near
    # one another share a ZIP code, and the sites do not move until the data changes.
    miles: dict[Point, Distances] = field(default_factory=dict)


_cache: dict[str, _Loaded] = {}
_cache_lock = threading.Lock()


def cached_open_trials(*, max_age: float = CACHE_SECONDS) -> list[TrialCriteria]:
    """open_trials(), reused while data_version() is unchanged: at most one small query a
    second (_loaded)."""
    return _loaded(max_age=max_age).trials


def question_bank() -> QuestionBank:
    """The question bank and condition tree, kept with the open trials and reloaded with them:
    the same one query as cached_open_trials().

    Kept per language, the one key the cache adds to the data version, so that question
    wordings and condition names in another language never mix with these.
    """
    loaded = _loaded()
    language = get_language() or ""
    found = loaded.banks.get(language)
    if found is None:
        found = read_question_bank(loaded)
        with _cache_lock:
            loaded.banks[language] = found
    return found


def read_question_bank(loaded: _Loaded | None = None) -> QuestionBank:
    """The question bank in asking order and the condition tree: three queries."""
    questions = list(Question.objects.select_related("depends_on").order_by("position", "key"))
    return QuestionBank(
        questions={question.key: question for question in questions},
        specs=question_specs(questions),
        conditions=condition_tree(),
        loaded=loaded,
        unread_facts=deque(trial.trial_id for trial in loaded.trials) if loaded else deque(),
    )


def cached_screened(scope: Scope, conditions: ConditionTree) -> TrialSet:
    """The open trials a scope screens, as a TrialSet kept with the cached trials.

    Selecting a scope and indexing it (TrialSet) walks every trial, so it is done once per
    scope and load, not once per request; the same one query as cached_open_trials().
    """
    return _screened_in(_loaded(), scope, conditions)


def _screened_in(loaded: _Loaded, scope: Scope, conditions: ConditionTree) -> TrialSet:
    if scope.condition:
        key: tuple = ("condition", frozenset(condition_family(scope.condition, conditions)))
    elif scope.trials:
        key = ("trials", frozenset(scope.trials))
    else:
        key = ("everything",)
    found = loaded.screened.get(key)
    if found is None:
        found = TrialSet(in_scope(loaded.trials, scope, conditions))
        with _cache_lock:
            if len(loaded.screened) >= MOST_SCOPES:
                loaded.screened.clear()
            loaded.screened[key] = found
    return found


def cached_miles_from(origin: Point) -> Distances:
    """The distance from `origin` to each cached open trial's nearest open site (geo.miles_from,
    kept for the last few origins): one query after each load, then none.

    Call it after cached_screened() or question_bank() in the same request: it trusts their
    check of the data version, which sees sites too (data_version()).
    """
    loaded = _cache.get("open_trials") or _loaded()
    sites = loaded.sites
    if sites is None:
        rows = Site.objects.filter(
            trial__in=Trial.objects.published().open_to_enrolment()
        ).values_list("trial__registry_id", "latitude", "longitude", "status")
        sites = loaded.sites = _Sites(open_site_places(rows))
    found = sites.miles.get(origin)
    if found is None:
        found = miles_from(origin, sites.places)
        if len(sites.miles) >= MOST_ORIGINS:
            sites.miles.clear()
        sites.miles[origin] = found
    return found


def _loaded(*, max_age: float = CACHE_SECONDS) -> _Loaded:
    """The current load: kept while it is younger than `max_age` and the data version is
    unchanged, else made again from the database.

    The version is asked at most once every settings.QUESTIONNAIRE_RECHECK_SECONDS (one second),
    not on every request: on PostgreSQL that query, and the health check Django runs before a
    kept connection's first query, were two waits of a results page that had nothing else to
    read. So a change reaches the questionnaire within that second.
    """
    now = time.monotonic()
    hit = _cache.get("open_trials")
    young = hit is not None and now - hit.loaded_at < max_age
    if young and now - hit.checked_at < settings.QUESTIONNAIRE_RECHECK_SECONDS:
        return hit
    version = data_version()
    if young and hit.version == version:
        hit.checked_at = now
        return hit
    with _cache_lock:
        earlier = hit.made if hit is not None else None
        loaded = _Loaded(version, now, made_open_trials(earlier), checked_at=now)
        _cache["open_trials"] = loaded
        _spare_from_gc_scans(len(loaded.trials))
    return loaded


# From this many open trials, the loaded ones are frozen out of the cyclic garbage collector's
# scans (gc.freeze): they live until the next load, and at 10,000 trials (640,000 objects)
# scanning them took about half of evaluate()'s time. Smaller loads are not worth a collection.
SPARE_FROM_GC_AT = 1000


def _spare_from_gc_scans(trial_count: int) -> None:
    """The previous load's objects go back to the collector, what is garbage is collected, and
    what lives now (the new load) is frozen, so nothing frozen outlives its load."""
    gc.unfreeze()
    if trial_count >= SPARE_FROM_GC_AT:
        gc.collect()
        gc.freeze()


def clear_cache() -> None:
    _cache.clear()


def data_version() -> tuple:
    """Changes when anything the open trials' load or their result cards read changes (trials,
    their criteria, conditions, sites, contacts and coverage, the question bank), and each day:
    one small query (screening.catalogue_version, moved by the database's own triggers, so a
    trial deleted outright or raw SQL is seen too). The date is part of it because "open"
    depends on today.
    """
    return (timezone.localdate(), catalogue_version.read(connection))


def trial_criteria(trials) -> list[TrialCriteria]:
    """TrialCriteria for a Trial queryset, in registry id order: four queries whatever its size."""
    return made_trial_criteria(trials).trials


@dataclass(frozen=True)
class MadeTrials:
    """Loaded trials, each kept by what it was made from (its id and a digest of its row, its
    condition links and its criteria rows), with the questions they read then.

    Making 10,000 trials (their rules, signatures and wordings) took about three seconds, on
    the first request after any change. The next load makes again only the trials whose rows
    changed, and takes the others as they are: a TrialCriteria is immutable and depends on
    nothing else (the date decides only which trials are open). When a question changed, every
    trial is made again.
    """

    trials: list[TrialCriteria]
    by_source: dict[tuple[int, bytes], TrialCriteria] = field(repr=False)
    questions: dict[int, dict] = field(repr=False)


# The criteria's columns, as trial_criteria() reads them and Rule takes them.
_CRITERION_COLUMNS = (
    "question_id",
    "operator",
    "raw_value",
    "kind",
    "confirmed_by",
    "any_of_group",
    "reason",
    "reason_es",
    "status",
    "source",
)


def made_trial_criteria(trials, earlier: MadeTrials | None = None) -> MadeTrials:
    """trial_criteria() with what each trial was made from; trials unchanged since `earlier`
    are taken from it. The same four queries."""
    rows = list(
        trials.order_by("registry_id").values_list(
            "pk",
            "registry_id",
            "min_age_value",
            "min_age_unit",
            "max_age_value",
            "max_age_unit",
            "sex",
            "healthy_volunteers",
            "coverage__listed",
            "coverage__checked",
        )
    )
    chosen = trials.values("pk")
    conditions: dict[int, set[str]] = defaultdict(set)
    for trial_id, slug in Trial.conditions.through.objects.filter(trial__in=chosen).values_list(
        "trial_id", "condition__slug"
    ):
        conditions[trial_id].add(slug)
    # What each criterion needs from its question, read once per question, not per criterion.
    question_rows = Question.objects.values_list(
        "pk", "key", "ask_doctor", "ask_doctor_es", "unit", "depends_on__key", "depends_on_values"
    )
    # Rules hold the words of both languages (explaining picks), so the cache of loaded trials
    # serves English and Spanish pages alike.
    questions = {
        pk: {
            "key": key,
            "ask_doctor": ask_doctor,
            "ask_doctor_es": ask_doctor_es,
            # The code, not its label: this load is kept for every language (see Rule.unit).
            "unit": unit if unit in UNITS else "",
            "depends_on": depends_on or "",
            "depends_on_values": tuple(depends_on_values or ()),
        }
        for pk, key, ask_doctor, ask_doctor_es, unit, depends_on, depends_on_values in question_rows
    }
    # A criterion's value as the database holds it (JSON text): compared as it is, and decoded
    # only for a trial made again.
    criteria: dict[int, list[tuple]] = defaultdict(list)
    for trial_id, *columns in (
        Criterion.objects.filter(trial__in=chosen)
        .order_by("trial_id", "position", "id")
        .annotate(raw_value=Cast("value", TextField()))
        .values_list("trial_id", *_CRITERION_COLUMNS)
    ):
        criteria[trial_id].append(tuple(columns))
    reusable = earlier.by_source if earlier and earlier.questions == questions else {}
    by_source: dict[tuple[int, bytes], TrialCriteria] = {}
    for row in rows:
        pk = row[0]
        made_from = (row, sorted(conditions[pk]), criteria[pk])
        source = (pk, hashlib.blake2b(repr(made_from).encode(), digest_size=16).digest())
        found = reusable.get(source)
        if found is None:
            found = _made_trial(row, conditions[pk], criteria[pk], questions)
        by_source[source] = found
    return MadeTrials(list(by_source.values()), by_source, questions)


def _made_trial(
    row: tuple, conditions: set[str], criteria: list[tuple], questions: dict[int, dict]
) -> TrialCriteria:
    _pk, registry_id, min_value, min_unit, max_value, max_unit = row[:6]
    sex, healthy_volunteers, listed, checked = row[6:]
    value_field = Criterion._meta.get_field("value")
    rules = []
    for question_id, operator, raw_value, kind, confirmed_by, group, *words in criteria:
        reason, reason_es, status, source = words
        rules.append(
            Rule(
                operator=operator,
                value=value_field.from_db_value(raw_value, None, connection),
                kind=kind,
                confirmed_by=confirmed_by,
                any_of_group=group,
                reason=reason,
                reason_es=reason_es,
                reviewed=status == CriterionStatus.REVIEWED,
                source=source,
                **questions[question_id],
            )
        )
    return TrialCriteria(
        trial_id=registry_id,
        min_age=AgeLimit(min_value, min_unit or "years") if min_value is not None else None,
        max_age=AgeLimit(max_value, max_unit or "years") if max_value is not None else None,
        sex=sex,
        conditions=frozenset(conditions),
        healthy_volunteers=healthy_volunteers,
        rules=tuple(rules),
        listed=listed,
        checked=checked,
    )


def condition_tree() -> ConditionTree:
    """Every condition's parent and everyday name in the active language: one query.

    The names are words: a cache of trees is one per language.
    """
    rows = list(Condition.objects.values_list("slug", "parent__slug", "lay_name", "lay_name_es"))
    return ConditionTree(
        parents={slug: parent for slug, parent, _name, _name_es in rows},
        names={slug: in_page_language(name, name_es) for slug, _parent, name, name_es in rows},
    )


def question_specs(questions: Iterable[Question] | None = None) -> list[QuestionSpec]:
    """The question bank as plain specs, in asking order: two queries.

    The conditions question takes its choices from the conditions list, so a condition staff
    add is offered at once. Choice labels are in the active language: a cache of specs is one
    per language.
    """
    if questions is None:
        questions = Question.objects.select_related("depends_on").order_by("position", "key")
    condition_choices = {
        slug: in_page_language(name, name_es)
        for slug, name, name_es in Condition.objects.values_list("slug", "lay_name", "lay_name_es")
    }
    return [question.spec(condition_choices) for question in questions]
