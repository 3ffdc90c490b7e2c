"""A trial's sites as its page and handout list them: nearest first, or the patient's country first.

Pure: sites come prefetched, the patient's place as coordinates (a ZIP code looked up offline).
Distances are only ever measured between real coordinates; a site we could not place has none.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from trials.countries import country_in_words
from trials.places import Coordinates
from trials.regions import HOME_COUNTRY

EARTH_RADIUS_MILES = 3958.7613
# A list longer than this shows its first few and folds the rest away.
SHORT_LIST = 8
FIRST_FEW = 5


def miles_between(origin: Coordinates, destination: Coordinates) -> float:
    """The great-circle distance between two points, in miles."""
    return miles_to_each(origin, [in_radians(destination)])[0]


# A place as miles_to_each() reads it: latitude and longitude in radians, and the latitude's
# cosine, worked out once for a place measured from many origins.
Radians = tuple[float, float, float]


def in_radians(place: Coordinates) -> Radians:
    latitude, longitude = map(math.radians, place)
    return latitude, longitude, math.cos(latitude)


def miles_to_each(origin: Coordinates, places: Iterable[Radians]) -> list[float]:
    """The great-circle distance (haversine) from `origin` to each place, in miles."""
    lat1, lon1 = map(math.radians, origin)
    cos1 = math.cos(lat1)
    sin, asin, sqrt = math.sin, math.asin, math.sqrt
    return [
        2
        * EARTH_RADIUS_MILES
        * asin(
            min(1.0, sqrt(sin((lat2 - lat1) / 2) ** 2 + cos1 * cos2 * sin((lon2 - lon1) / 2) ** 2))
        )
        for lat2, lon2, cos2 in places
    ]


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
    listed = [ListedSite(site, _miles(origin, site)) for site in sites]
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


def _miles(origin: Coordinates | None, site: Any) -> float | None:
    if origin is None or site.latitude is None or site.longitude is None:
        return None
    return miles_between(origin, (site.latitude, site.longitude))


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
    listed = [ListedSite(site, _miles(origin, site)) for site in chosen]
    ordered = sorted(listed, key=lambda item: _order(item, near=origin is not None))
    return group(ordered[:limit]), max(len(chosen) - limit, 0)
