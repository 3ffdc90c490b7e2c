"""The small helpers that put registry values into words on the public pages."""

import pytest

from trials.models import Phase, Site, Trial
from trials.names import tidy_capitals as tidy_caps
from trials.selectors import group_sites, site_places
from trials.templatetags.trial_pages import phase_in_words


@pytest.mark.parametrize(
    ("registry", "shown"),
    [
        ("MEDICAL UNIVERSITY OF SOUTH CAROLINA", "Medical University of South Carolina"),
        ("CHARLESTON", "Charleston"),
        ("MUSC, CHARLESTON SC", "MUSC, Charleston SC"),
        ("ST. LOUIS", "St. Louis"),
        ("WINSTON-SALEM", "Winston-Salem"),
        ("Mayo Clinic", "Mayo Clinic"),
        ("", ""),
    ],
)
def test_names_in_capitals_are_tidied_and_others_left_alone(registry, shown):
    assert tidy_caps(registry) == shown


def test_phase_is_explained_in_words():
    assert phase_in_words(Trial(phase=Phase.PHASE_1)).startswith("Phase 1: a first test")
    assert phase_in_words(Trial(phase="")) == "Does not apply to this kind of study"


def test_site_places_are_distinct_and_counted():
    sites = [
        Site(city="Charleston", state="South Carolina", country="United States"),
        Site(city="Charleston", state="South Carolina", country="United States"),
        Site(city="Valladolid", country="Spain"),
        Site(city="Boston", state="Massachusetts", country="United States"),
        Site(city="Paris", country="France"),
    ]

    places, more = site_places(sites)

    assert places == ["Charleston, South Carolina", "Valladolid, Spain", "Boston, Massachusetts"]
    assert more == 1


def test_sites_group_by_country_then_state():
    sites = [
        Site(facility="B", city="Austin", state="Texas", country="United States"),
        Site(facility="A", city="Toronto", state="Ontario", country="Canada"),
        Site(facility="C", city="Dallas", state="Texas", country="United States"),
        Site(facility="D", city="Boston", state="Massachusetts", country="United States"),
    ]

    groups = group_sites(sites)

    assert [group.country for group in groups] == ["Canada", "United States"]
    assert [state.state for state in groups[1].states] == ["Massachusetts", "Texas"]
    assert [site.facility for site in groups[1].states[1].sites] == ["B", "C"]
