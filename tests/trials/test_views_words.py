"""The small helpers that put registry values into words on the public pages."""

import pytest

from trials.models import Phase, Site, Trial
from trials.names import tidy_capitals as tidy_caps
from trials.selectors import first_places
from trials.site_lists import site_list
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


def test_first_places_are_distinct_and_counted():
    sites = [
        Site(city="Charleston", state="South Carolina", country="United States"),
        Site(city="Charleston", state="South Carolina", country="United States"),
        Site(city="Valladolid", country="Spain"),
        Site(city="Boston", state="Massachusetts", country="United States"),
        Site(city="Paris", country="France"),
    ]

    places, more = first_places(sites)

    assert places == ["Charleston, South Carolina", "Valladolid, Spain", "Boston, Massachusetts"]
    assert more == 1


def test_sites_group_by_country_the_patients_first_then_state():
    us = {"country": "United States", "country_code": "US"}
    sites = [
        Site(facility="B", city="Austin", state="Texas", **us),
        Site(facility="A", city="Toronto", state="Ontario", country="Canada", country_code="CA"),
        Site(facility="C", city="Dallas", state="Texas", **us),
        Site(facility="D", city="Boston", state="Massachusetts", **us),
    ]

    groups = site_list(sites).countries

    assert [group.country for group in groups] == ["United States", "Canada"]
    assert [state.state for state in groups[0].states] == ["Massachusetts", "Texas"]
    assert [item.site.facility for item in groups[0].states[1].sites] == ["B", "C"]
