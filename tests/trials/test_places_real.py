"""The real registry records in ../shared/data: every site placed, named and filed by region."""

import re

import pytest

from tests.trials.real_catalogue import SHARED_DATA, needs_shared_data
from trials.importers.service import import_paths
from trials.models import Site, Trial
from trials.places import PlacedBy, zip_coordinates
from trials.regions import fold
from trials.selectors import filter_choices

pytestmark = [pytest.mark.django_db, needs_shared_data]


@pytest.fixture
def catalogue():
    result = import_paths([SHARED_DATA])
    assert result.errors == []
    return Site.objects.exclude(trial__kind="nih_project")


def test_every_us_site_has_coordinates(catalogue):
    us_sites = catalogue.filter(country_code="US")
    # Before places were worked out at import, 298 of these had none.
    assert us_sites.count() > 550
    assert list(us_sites.filter(latitude__isnull=True).values_list("city", "postal_code")) == []


def test_sites_abroad_have_coordinates_too(catalogue):
    abroad = catalogue.exclude(country_code="US")
    unplaced = list(abroad.filter(latitude__isnull=True).values_list("city", "country"))
    # Before: 274 of about a thousand had none. Left: misspelt or tiny places GeoNames lacks.
    assert abroad.count() > 950
    assert len(unplaced) <= 10, unplaced
    assert abroad.filter(placed_by=PlacedBy.CITY).count() > 200


def test_coordinates_from_every_registry_format(catalogue):
    for source_format in ("ctgov_v2", "ctgov_classic", "ctgov_xml"):
        sites = catalogue.filter(trial__source_format=source_format)
        placed = sites.exclude(latitude__isnull=True).count()
        assert placed >= sites.count() - 5, source_format


def test_the_misle_site_at_musc_is_where_its_zip_code_is(catalogue):
    musc = Site.objects.get(trial__registry_id="NCT02633163", postal_code="29425")
    latitude, longitude = zip_coordinates("29425")
    assert (musc.latitude, musc.longitude) == (latitude, longitude)
    assert musc.placed_by == PlacedBy.POSTAL_CODE


MACHINE_CODE = re.compile(
    r"ID#|Site Number|^Investigational Site|^[A-Z][a-z]?\d{4} \d+$|^Research Site$", re.I
)


def test_no_site_is_shown_by_a_machine_code(catalogue):
    # Before: "Investigational Site Number : 0320002" x 263, "…/ID# 254278" x 256,
    # "As0006 208" x 105, "Research Site" x 131.
    coded = [site.facility for site in catalogue if MACHINE_CODE.search(site.facility)]
    assert len(coded) > 600
    assert [site.name for site in catalogue if MACHINE_CODE.search(site.name)] == []
    lille = Site.objects.get(facility="Investigational Site Number : 2500009")
    assert lille.name == "A study site in Lille, France"
    assert Site.objects.filter(facility="Hospital do Rim /ID# 253983").get().name == (
        "Hospital do Rim"
    )


def test_the_state_filter_lists_each_place_once(catalogue):
    Trial.objects.update(published=True)

    states = [state for found in filter_choices().states_by_country.values() for state in found]

    # Before: 230 entries with São Paulo/Sao Paulo, Tokyo/Tokoyo, Mazovian/Mazowieckie...
    assert len(states) < 220
    places = [(state.country, fold(state.label)) for state in states]
    assert len(places) == len(set(places))
    brazil = [state.label for state in states if state.country == "Brazil"]
    assert brazil.count("São Paulo") == 1 and "Sao Paulo" not in brazil
