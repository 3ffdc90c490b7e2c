"""What the public pages read: filtered trial lists, condition counts, one trial's page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Prefetch,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Upper
from django.utils import timezone
from django.utils.translation import gettext as _

from trials.countries import country_in_words
from trials.models import (
    Condition,
    Contact,
    Kind,
    Phase,
    Site,
    Trial,
    TrialQuerySet,
    open_trial_q,
)
from trials.regions import fold

TRUE_WORDS = {"1", "on", "true", "yes"}
FALSE_WORDS = {"", "0", "off", "false", "no"}


@dataclass(frozen=True)
class TrialFilters:
    """What a person asked the trial list for, already checked against what exists."""

    condition: Condition | None = None
    open_only: bool = False
    country: str = ""
    state: str = ""
    phase: str = ""

    @property
    def is_empty(self) -> bool:
        return self == TrialFilters()

    def as_query(self) -> dict[str, str]:
        """The filters as query parameters, leaving out the ones not in use."""
        query = {
            "condition": self.condition.slug if self.condition else "",
            "open": "1" if self.open_only else "",
            "country": self.country,
            "state": self.state,
            "phase": self.phase,
        }
        return {name: value for name, value in query.items() if value}


@dataclass(frozen=True)
class RegionChoice:
    """One state or region in the filter: its ISO 3166-2 code (or its name when it has none)."""

    value: str
    name: str
    country: str  # as the registry writes it: the country filter's value
    # The same name is a place in another country too ("Victoria", "Punjab").
    shared_name: bool = False

    @property
    def label(self) -> str:
        """Its name, and its country in the page's language when the name alone is ambiguous."""
        if self.shared_name:
            return f"{self.name} ({country_in_words(self.country)})"
        return self.name


@dataclass(frozen=True)
class CountryChoice:
    """One country in the filter: the registry's spelling to filter by, its name on the page."""

    value: str
    name: str
    states: list[RegionChoice]


@dataclass
class FilterChoices:
    """The values each filter can take: conditions, places with sites, phases.

    Kept in the cache for every language: words in the page's language are made when read.
    """

    conditions: list[Condition]
    states_by_country: dict[str, list[RegionChoice]] = field(default_factory=dict)
    phases: list[tuple[str, str]] = field(default_factory=list)

    def child_ids(self, condition: Condition) -> list[int]:
        return [other.pk for other in self.conditions if other.parent_id == condition.pk]

    def countries(self) -> list[CountryChoice]:
        """The countries with sites, named and in alphabetical order in the page's language."""
        found = [
            CountryChoice(value, country_in_words(value), states)
            for value, states in self.states_by_country.items()
        ]
        return sorted(found, key=lambda country: fold(country.name))


def filter_choices() -> FilterChoices:
    """Everything the filter form offers, in two queries."""
    places = (
        Site.objects.filter(trial__published=True)
        .exclude(country="")
        .order_by("country", "region")
        .values_list("country", "region_code", "region")
        .distinct()
    )
    states_by_country: dict[str, list[RegionChoice]] = {}
    for country, code, name in places:
        states = states_by_country.setdefault(country, [])
        value = code or name
        if name and all(state.value != value for state in states):
            states.append(RegionChoice(value, name, country))
    # One name in two countries ("Victoria", "Punjab") says which country it is.
    names = Counter(fold(state.name) for states in states_by_country.values() for state in states)
    for states in states_by_country.values():
        states[:] = [
            RegionChoice(state.value, state.name, state.country, shared_name=True)
            if names[fold(state.name)] > 1
            else state
            for state in states
        ]
    phases = [(value, label) for value, label in Phase.choices if value]
    return FilterChoices(
        conditions=list(Condition.objects.all()),
        states_by_country=states_by_country,
        phases=phases,
    )


# What a message quotes back of a value we did not understand: enough to recognise it, never a
# megabyte a link or a form stuffed in.
ECHO_CHARACTERS = 60


def echo(value: str) -> str:
    value = value.strip()
    return value if len(value) <= ECHO_CHARACTERS else value[: ECHO_CHARACTERS - 1] + "…"


def read_filters(
    params: Mapping[str, str], choices: FilterChoices
) -> tuple[TrialFilters, list[str]]:
    """Turn query parameters into filters; values we don't know are dropped with a message."""
    problems: list[str] = []

    condition = None
    slug = params.get("condition", "").strip()
    if slug:
        condition = next((c for c in choices.conditions if c.slug == slug.lower()), None)
        if condition is None:
            problems.append(
                _("We don't know the condition “%(value)s”, so all conditions are shown.")
                % {"value": echo(slug)}
            )

    open_value = params.get("open", "").strip().lower()
    open_only = open_value in TRUE_WORDS
    if open_value not in TRUE_WORDS | FALSE_WORDS:
        problems.append(
            _("We didn't understand “%(value)s” for open studies, so all studies are shown.")
            % {"value": echo(params.get("open", ""))}
        )

    country = _known(params.get("country", ""), choices.states_by_country)
    if params.get("country", "").strip() and not country:
        problems.append(
            _("We have no study sites in “%(value)s”, so all countries are shown.")
            % {"value": echo(params.get("country", ""))}
        )

    state_value = params.get("state", "").strip()
    state, problem = _region(state_value, country, choices)
    if problem:
        problems.append(problem)

    phase_value = params.get("phase", "").strip().lower()
    phase = phase_value if phase_value in {value for value, _label in choices.phases} else ""
    if phase_value and not phase:
        problems.append(
            _("We don't know the phase “%(value)s”, so all phases are shown.")
            % {"value": echo(params.get("phase", ""))}
        )

    filters = TrialFilters(
        condition=condition, open_only=open_only, country=country, state=state, phase=phase
    )
    return filters, problems


def _region(value: str, country: str, choices: FilterChoices) -> tuple[str, str]:
    """The region a `state` value means (its code, or a name in any spelling), or a message."""
    if not value:
        return "", ""
    regions = (
        choices.states_by_country.get(country, [])
        if country
        else [state for states in choices.states_by_country.values() for state in states]
    )
    wanted = fold(value)
    found = [
        state
        for state in regions
        if wanted in {fold(state.value), fold(state.label), fold(state.name)}
    ]
    if len(found) == 1:
        return found[0].value, ""
    if found:
        return "", _(
            "“%(value)s” is a place in more than one country (%(countries)s). Choose a country "
            "too, so all states are shown for now."
        ) % {
            "value": echo(value),
            "countries": ", ".join(country_in_words(state.country) for state in found),
        }
    return "", _("We have no study sites in “%(value)s”, so all states are shown.") % {
        "value": echo(value)
    }


def _known(value: str, known: Iterable[str]) -> str:
    """The stored spelling of `value` if it is one of `known` (ignoring case), else ""."""
    wanted = value.strip().casefold()
    if not wanted:
        return ""
    return next((item for item in known if item.casefold() == wanted), "")


def filter_trials(
    trials: TrialQuerySet, filters: TrialFilters, choices: FilterChoices
) -> TrialQuerySet:
    """Published trials matching the filters, open studies first. Subqueries avoid duplicates."""
    trials = trials.published()
    if filters.condition is not None:
        condition_ids = [filters.condition.pk, *choices.child_ids(filters.condition)]
        tagged = Trial.conditions.through.objects.filter(condition_id__in=condition_ids)
        trials = trials.filter(pk__in=tagged.values("trial_id"))
    if filters.open_only:
        trials = trials.open_to_enrolment()
    if filters.country or filters.state:
        sites = Site.objects.all()
        if filters.country:
            sites = sites.filter(country=filters.country)
        if filters.state:
            sites = sites.filter(
                Q(region_code=filters.state) | Q(region_code="", region=filters.state)
            )
        trials = trials.filter(pk__in=sites.values("trial_id"))
    if filters.phase:
        trials = trials.filter(phase=filters.phase)
    return trials.annotate(
        open_first=Case(
            When(kind=Kind.NIH_PROJECT, then=Value(2)),
            When(open_trial_q(timezone.localdate()), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("open_first", F("status_verified_on").desc(nulls_last=True), "registry_id")


def conditions_with_open_counts() -> list[Condition]:
    """Every condition with `open_count`: published open studies for it or its sub-conditions.

    Two queries, however many conditions and trials there are: the conditions, and one pass
    over the open studies' condition links counting, by GROUP BY, each condition's own
    studies and each family's (a condition and its sub-conditions, one level down as the
    list nests them), a study counted once however many of a family's conditions it has.
    """
    tagged = Trial.conditions.through.objects.filter(
        open_trial_q(timezone.localdate(), prefix="trial__"), trial__published=True
    )
    studies = Count("trial_id", distinct=True)
    own = tagged.values_list("condition_id").annotate(n=studies, family=Value(False))
    family = tagged.values_list(Coalesce("condition__parent_id", "condition_id")).annotate(
        n=studies, family=Value(True)
    )
    counts = {(pk, is_family): n for pk, n, is_family in own.union(family, all=True)}
    conditions = list(Condition.objects.all())
    parents = {condition.parent_id for condition in conditions}
    for condition in conditions:
        condition.open_count = counts.get((condition.pk, condition.pk in parents), 0)
    return conditions


def trial_for_page(registry_id: str) -> Trial | None:
    """One trial with everything its page shows, in a fixed number of queries."""
    return (
        Trial.objects.by_registry_id(registry_id)
        .select_related("last_reviewed_by")
        .prefetch_related(
            "conditions",
            Prefetch("sites", queryset=Site.objects.prefetch_related("contacts")),
            Prefetch(
                "contacts",
                queryset=Contact.objects.filter(site__isnull=True),
                to_attr="study_contacts",
            ),
            "researchers",
            Prefetch("linked_trials", queryset=Trial.objects.published().order_by("registry_id")),
        )
        .first()
    )


def trial_for_nih_application(registry_id: str) -> Trial | None:
    """The NIH project a `/trials/NIH-<appl_id>/` address means, if any."""
    prefix, _dash, number = registry_id.partition("-")
    if prefix.upper() != "NIH" or not number.isdigit():
        return None
    return Trial.objects.filter(nih_appl_id=int(number)).only("registry_id", "published").first()


def first_places(sites: Iterable[Site], limit: int = 3) -> tuple[list[str], int]:
    """The first few distinct places (city and state, or city and country) and how many more."""
    places: list[str] = []
    for site in sites:
        where = (site.city, site.state) if site.state else (site.city, site.country_name)
        place = ", ".join(part for part in where if part)
        if place and place not in places:
            places.append(place)
    return places[:limit], max(len(places) - limit, 0)


def shortlist_trials(registry_ids: list[str], nih_application_ids: list[int]) -> list[Trial]:
    """Published trials named in a short-list link, ready for cards, in three queries at most."""
    if not registry_ids and not nih_application_ids:
        return []
    return list(
        Trial.objects.for_cards()
        .published()
        .annotate(registry_id_upper=Upper("registry_id"))
        .filter(Q(registry_id_upper__in=registry_ids) | Q(nih_appl_id__in=nih_application_ids))
    )
