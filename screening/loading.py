"""Load what the engine needs from the database once, in a fixed number of queries.

Each function returns plain engine data (screening.engine / screening.questions dataclasses);
the engine itself never touches the ORM.
"""

from __future__ import annotations

import datetime
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, Sum

from screening.criteria import AgeLimit, ConditionTree, Rule, TrialCriteria
from screening.geo import Point, SitePlaces, miles_from, site_places
from screening.models import Criterion, CriterionStatus, Question
from screening.questions import UNITS, QuestionSpec
from screening.scope import Scope, condition_family, in_scope
from screening.trialset import TrialSet
from trials.models import OPEN_STATUSES, Condition, Site, Trial


def open_trials(today: datetime.date | None = None) -> list[TrialCriteria]:
    """Every trial open on `today` (default: today) and published, with its registry facts and
    criteria: four queries."""
    return trial_criteria(Trial.objects.published().open_to_enrolment(today))


# Loading 10,000 trials with 20 criteria each takes seconds: keep the result per process and
# reload only when the data it came from changed (or after CACHE_SECONDS, for edits the
# version cannot see, such as a question's wording).
CACHE_SECONDS = 300.0
# Scopes (clinicians' links) remembered per loaded list; more are screened without keeping.
MOST_SCOPES = 256
# Origins (ZIP codes) whose distances are kept per load of the sites.
MOST_ORIGINS = 32


@dataclass
class _Loaded:
    """One load of the open trials, and what was worked out from it since."""

    version: tuple
    loaded_at: float
    trials: list[TrialCriteria]
    screened: dict[tuple, TrialSet] = field(default_factory=dict)  # by scope
    sites: _Sites | None = None


@dataclass
class _Sites:
    """The open trials' open sites as read at sites_version(), and distances worked out since."""

    version: tuple
    places: SitePlaces
    # miles_from() by origin, for the last few origins (a few hundred kB each): patients near
    # one another share a ZIP code, and the sites do not move until the data changes.
    miles: dict[Point, dict[str, float]] = field(default_factory=dict)


_cache: dict[str, _Loaded] = {}
_cache_lock = threading.Lock()


def cached_open_trials(*, max_age: float = CACHE_SECONDS) -> list[TrialCriteria]:
    """open_trials(), reused while data_version() is unchanged: three small queries a call."""
    return _loaded(max_age=max_age).trials


def cached_screened(scope: Scope, conditions: ConditionTree) -> TrialSet:
    """The open trials a scope screens, as a TrialSet kept with the cached trials.

    Selecting a scope and indexing it (TrialSet) walks every trial, so it is done once per
    scope and load, not once per request; the same three queries as cached_open_trials().
    """
    loaded = _loaded()
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


def cached_miles_from(origin: Point) -> dict[str, float]:
    """The distance from `origin` to each cached open trial's nearest open site: one query a
    call (geo.miles_from, kept for the last few origins).

    Call it after cached_screened() in the same request: it trusts that call's check of the
    trials' version, and checks the sites' own (sites_version()), since a site's place or
    status can change without its trial's updated_at moving.
    """
    loaded = _cache.get("open_trials") or _loaded()
    version = sites_version()
    sites = loaded.sites
    if sites is None or sites.version != version:
        rows = Site.objects.filter(
            trial__in=Trial.objects.published().open_to_enrolment()
        ).values_list("trial__registry_id", "latitude", "longitude", "status")
        sites = loaded.sites = _Sites(version, site_places(rows))
    found = sites.miles.get(origin)
    if found is None:
        found = miles_from(origin, sites.places)
        if len(sites.miles) >= MOST_ORIGINS:
            sites.miles.clear()
        sites.miles[origin] = found
    return found


def sites_version() -> tuple:
    """Changes when a site is added, removed, moved, or opens or closes (one scan, no rows)."""
    found = Site.objects.aggregate(
        count=Count("pk"),
        ids=Sum("pk"),
        latitudes=Sum("latitude"),
        longitudes=Sum("longitude"),
        open=Count("pk", filter=Q(status__in=[*OPEN_STATUSES, ""])),
        trials=Sum("trial_id"),
    )
    return tuple(found.values())


def _loaded(*, max_age: float = CACHE_SECONDS) -> _Loaded:
    version = data_version()
    now = time.monotonic()
    hit = _cache.get("open_trials")
    if hit is not None and hit.version == version and now - hit.loaded_at < max_age:
        return hit
    with _cache_lock:
        loaded = _Loaded(version, now, open_trials())
        _cache["open_trials"] = loaded
    return loaded


def clear_cache() -> None:
    _cache.clear()


def data_version() -> tuple:
    """Changes when open trials, their criteria or their conditions change: three queries.

    The open trials' count, ids and latest updated_at see publishing, closing and editing,
    bulk update() included (the set of open trials changes). Criteria are read by their
    newest id only, which the database answers from the primary key index without a scan:
    a criterion saved or deleted moves its trial's updated_at (screening.models), and
    bulk_create gives new ids. What none of this sees (raw SQL, a question's wording) shows
    within CACHE_SECONDS.
    """
    trials = (
        Trial.objects.published()
        .open_to_enrolment()
        .aggregate(count=Count("pk"), ids=Sum("pk"), updated=Max("updated_at"))
    )
    criteria = Criterion.objects.aggregate(last=Max("pk"))
    links = Trial.conditions.through.objects.aggregate(count=Count("pk"), last=Max("pk"))
    return (
        trials["count"],
        trials["ids"],
        trials["updated"],
        criteria["last"],
        links["count"],
        links["last"],
    )


def trial_criteria(trials) -> list[TrialCriteria]:
    """TrialCriteria for a Trial queryset, in registry id order: four queries whatever its size."""
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
        "pk", "key", "ask_doctor", "unit", "depends_on__key", "depends_on_values"
    )
    questions = {
        pk: {
            "key": key,
            "ask_doctor": ask_doctor,
            "unit": str(UNITS[unit].label) if unit in UNITS else "",
            "depends_on": depends_on or "",
            "depends_on_values": tuple(depends_on_values or ()),
        }
        for pk, key, ask_doctor, unit, depends_on, depends_on_values in question_rows
    }
    rules: dict[int, list[Rule]] = defaultdict(list)
    criteria = (
        Criterion.objects.filter(trial__in=chosen)
        .order_by("trial_id", "position", "id")
        .values_list(
            "trial_id",
            "question_id",
            "operator",
            "value",
            "kind",
            "confirmed_by",
            "any_of_group",
            "reason",
            "status",
            "source",
        )
    )
    for row in criteria:
        trial_id, question_id, operator, value, kind, confirmed_by, group, reason = row[:8]
        status, source = row[8:]
        rules[trial_id].append(
            Rule(
                operator=operator,
                value=value,
                kind=kind,
                confirmed_by=confirmed_by,
                any_of_group=group,
                reason=reason,
                reviewed=status == CriterionStatus.REVIEWED,
                source=source,
                **questions[question_id],
            )
        )
    return [
        TrialCriteria(
            trial_id=registry_id,
            min_age=AgeLimit(min_value, min_unit or "years") if min_value is not None else None,
            max_age=AgeLimit(max_value, max_unit or "years") if max_value is not None else None,
            sex=sex,
            conditions=frozenset(conditions[pk]),
            healthy_volunteers=healthy_volunteers,
            rules=tuple(rules[pk]),
            listed=listed,
            checked=checked,
        )
        for (
            pk,
            registry_id,
            min_value,
            min_unit,
            max_value,
            max_unit,
            sex,
            healthy_volunteers,
            listed,
            checked,
        ) in rows
    ]


@dataclass(frozen=True)
class QuestionBank:
    """The question bank and conditions, read once per request (three queries)."""

    questions: dict[str, Question]
    specs: list[QuestionSpec]
    conditions: ConditionTree

    @property
    def by_key(self) -> dict[str, QuestionSpec]:
        return {spec.key: spec for spec in self.specs}


def question_bank() -> QuestionBank:
    questions = list(Question.objects.select_related("depends_on").order_by("position", "key"))
    return QuestionBank(
        questions={question.key: question for question in questions},
        specs=question_specs(questions),
        conditions=condition_tree(),
    )


def condition_tree() -> ConditionTree:
    """Every condition's parent and everyday name: one query."""
    rows = list(Condition.objects.values_list("slug", "parent__slug", "lay_name"))
    return ConditionTree(
        parents={slug: parent for slug, parent, _name in rows},
        names={slug: name for slug, _parent, name in rows},
    )


def question_specs(questions: Iterable[Question] | None = None) -> list[QuestionSpec]:
    """The question bank as plain specs, in asking order: two queries.

    The conditions question takes its choices from the conditions list, so a condition staff
    add is offered at once.
    """
    if questions is None:
        questions = Question.objects.select_related("depends_on").order_by("position", "key")
    condition_choices = dict(Condition.objects.values_list("slug", "lay_name"))
    return [question.spec(condition_choices) for question in questions]
