"""A trial's sites as its page and handout list them: nearest first, or the patient's country first.

Pure: sites come prefetched, the patient's place as coordinates (a ZIP code looked up offline).
Distances are only ever measured between real coordinates; a site we could not place has none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from trials.countries import country_in_words
from trials.places import Coordinates
from trials.regions import HOME_COUNTRY

EARTH_RADIUS_MILES = 3958.7613
# A list longer than this shows its first few and folds the rest away.
SHORT_LIST = 8
FIRST_FEW = 5


class Places:
    """Many places, measured from one origin after another. Each place is kept as a point on a
    sphere of radius 1 (x, y, z), worked out once: a distance is then the straight line
    (chord) between two points, in a few array operations over every place at once (numpy),
    turned into the great-circle distance (chord_miles) only where it is needed. No sine or
    cosine is taken per place and origin, which a haversine per place did."""

    def __init__(self, places: Iterable[Coordinates]) -> None:
        coordinates = np.radians(np.array(list(places), dtype=float).reshape(-1, 2))
        self.x, self.y, self.z = _on_sphere(coordinates[:, 0], coordinates[:, 1])

    def __len__(self) -> int:
        return len(self.x)

    @classmethod
    def joined(cls, parts: Sequence[Places]) -> Places:
        """The places of `parts` one after another, as one Places: measured in one pass, each
        distance the same as its part alone would give."""
        joined = cls.__new__(cls)
        joined.x = np.concatenate([part.x for part in parts])
        joined.y = np.concatenate([part.y for part in parts])
        joined.z = np.concatenate([part.z for part in parts])
        return joined

    def chords_from(self, origin: Coordinates) -> np.ndarray:
        """The squared chord from `origin` to each place: nearer places have smaller ones."""
        x, y, z = _on_sphere(*np.radians(np.array(origin, dtype=float)))
        return (self.x - x) ** 2 + (self.y - y) ** 2 + (self.z - z) ** 2

    def miles_from(self, origin: Coordinates) -> np.ndarray:
        """The great-circle distance from `origin` to each place, in miles."""
        return chord_miles(self.chords_from(origin))


def chord_miles(chords: np.ndarray) -> np.ndarray:
    """Squared chords (Places.chords_from) as great-circle distances in miles: the chord is
    2·sin(angle / 2) on a sphere of radius 1."""
    return 2 * EARTH_RADIUS_MILES * np.arcsin(np.minimum(1.0, np.sqrt(chords) / 2))


def _on_sphere(latitudes: Any, longitudes: Any) -> tuple[Any, Any, Any]:
    """Latitudes and longitudes in radians as points on a sphere of radius 1."""
    cosines = np.cos(latitudes)
    return cosines * np.cos(longitudes), cosines * np.sin(longitudes), np.sin(latitudes)


@dataclass(frozen=True)
class ListedSite:
    site: Any  # trials.models.Site
    miles: float | None = None


@dataclass(frozen=True)
class StateGroup:
    state: str
    sites: list[ListedSite]


@dataclass(frozen=True)
class CountryGroup:
    country: str  # its name in the page's language (trials.countries.country_in_words)
    states: list[StateGroup]

    @property
    def count(self) -> int:
        return sum(len(group.sites) for group in self.states)


@dataclass(frozen=True)
class SiteList:
    """`first`: the few shown at once; `countries`: every site, folded away when `folded`."""

    first: list[ListedSite]
    countries: list[CountryGroup]
    total: int
    folded: bool
    near: bool  # distances were measured from the patient's place


def site_list(
    sites: Iterable[Any],
    origin: Coordinates | None = None,
    *,
    first_few: int = FIRST_FEW,
    short: int = SHORT_LIST,
) -> SiteList:
    """Order a trial's sites for its page.

    With the patient's place: nearest first, sites taking people before closed ones. Without:
    the patient's country first, then the others by name. A long list shows its first few
    (nearest, or in the patient's country) and every site grouped by country below.
    """
    listed = _measured(list(sites), origin)
    ordered = sorted(listed, key=lambda item: _order(item, near=origin is not None))
    if len(listed) <= short:
        # Short lists: a flat list by distance, or every site by country.
        if origin is not None:
            return SiteList(ordered, [], len(listed), folded=False, near=True)
        return SiteList([], group(ordered), len(listed), folded=False, near=False)
    open_sites = [item for item in ordered if item.site.takes_people]
    if origin is not None:
        first = [item for item in open_sites if item.miles is not None][:first_few]
    else:
        first = [item for item in open_sites if item.site.country_code == HOME_COUNTRY]
        first = first[:first_few]
    return SiteList(first, group(ordered), len(listed), folded=True, near=origin is not None)


def _measured(sites: list[Any], origin: Coordinates | None) -> list[ListedSite]:
    """Each site with its distance from `origin`, when both places are known."""
    placed = [site for site in sites if site.latitude is not None and site.longitude is not None]
    miles: dict[int, float] = {}
    if origin is not None and placed:
        distances = Places((site.latitude, site.longitude) for site in placed).miles_from(origin)
        miles = dict(zip(map(id, placed), distances.tolist(), strict=True))
    return [ListedSite(site, miles.get(id(site))) for site in sites]


def _order(item: ListedSite, *, near: bool) -> tuple:
    site = item.site
    by_name = (_country(site), site.region or site.state, site.city, site.facility)
    if near:
        return (not site.takes_people, item.miles is None, item.miles or 0.0, *by_name)
    return (site.country_code != HOME_COUNTRY, *by_name)


def _country(site: Any) -> str:
    """The site's country as the page names it: "Korea, Republic of" and "South Korea" are one,
    and Spanish pages list "Alemania" before "Francia"."""
    return country_in_words(site.country, site.country_code)


def group(items: Sequence[ListedSite]) -> list[CountryGroup]:
    """Sites by country, then state, in the order the items come (no queries)."""
    by_country: dict[str, dict[str, list[ListedSite]]] = {}
    for item in items:
        states = by_country.setdefault(_country(item.site), {})
        # The region as normalised at import: "Sao Paulo" and "São Paulo" are one heading.
        states.setdefault(item.site.region or item.site.state, []).append(item)
    return [
        CountryGroup(country, [StateGroup(state, found) for state, found in states.items()])
        for country, states in by_country.items()
    ]


def handout_sites(
    sites: Iterable[Any], origin: Coordinates | None, limit: int
) -> tuple[list[CountryGroup], int]:
    """The first few sites for a printed page, grouped, and how many more there are.

    Sites taking people come first (closed ones are left off paper unless no site is open):
    the nearest when we know where the patient is, else those in the patient's country.
    """
    sites = list(sites)
    chosen = [site for site in sites if site.takes_people] or sites
    listed = _measured(chosen, origin)
    ordered = sorted(listed, key=lambda item: _order(item, near=origin is not None))
    return group(ordered[:limit]), max(len(chosen) - limit, 0)
