"""Sites placed at import: registry coordinates, else the US ZIP code, else the city (offline)."""

import json

import pycountry
import pytest

from tests.trials.registry_files import as_bytes, study
from trials.importers.service import import_file
from trials.models import Site
from trials.places import PlacedBy, place, site_fields
from trials.regions import DATA, country_code, region


def where(**given) -> tuple:
    defaults = {"latitude": None, "longitude": None, "postal_code": "", "city": "", "state": ""}
    found = place(**(defaults | given))
    rounded = (
        None if found.latitude is None else (round(found.latitude, 1), round(found.longitude, 1))
    )
    return rounded, found.placed_by


def test_the_registry_coordinates_come_first():
    assert where(latitude=45.76, longitude=4.83, city="Paris", country="France") == (
        (45.8, 4.8),
        PlacedBy.REGISTRY,
    )


def test_a_us_site_without_coordinates_is_placed_by_its_zip_code():
    assert where(postal_code="29425", city="Charleston", country="United States") == (
        (32.8, -79.9),
        PlacedBy.POSTAL_CODE,
    )
    assert where(postal_code="29425-0001", country="United States")[1] == PlacedBy.POSTAL_CODE


def test_a_site_abroad_is_placed_by_its_city_in_its_country():
    assert where(city="Lyon", country="France") == ((45.7, 4.8), PlacedBy.CITY)
    assert where(city="São Paulo", state="Sao Paulo", country="Brazil")[0] == (-23.5, -46.6)
    # The same name in another country is another place.
    assert where(city="London", country="Canada")[0] == (43.0, -81.2)


def test_city_spellings_registries_use_are_understood():
    assert where(city="Haikou City", state="Hainan", country="China")[0] == (20.0, 110.3)
    assert where(city="Meram Konya", country="Turkey")[0] == (37.9, 32.5)
    # A neighbourhood the gazetteer does not know: its city, given as the state.
    assert where(city="Shubra", state="Cairo", country="Egypt")[0] == (30.1, 31.2)


def test_a_us_city_without_a_zip_code_is_told_apart_by_its_state():
    assert where(city="Portland", state="Maine", country="United States")[0] == (43.7, -70.3)
    assert where(city="Portland", state="OR", country="United States")[0] == (45.5, -122.7)


def test_a_site_we_cannot_place_has_no_coordinates_rather_than_wrong_ones():
    assert where(city="Nowhere-in-particular", country="Atlantis") == (None, PlacedBy.NOWHERE)
    assert where(latitude=0.0, longitude=0.0, country="Atlantis") == (None, PlacedBy.NOWHERE)
    assert where(postal_code="99999", country="United States")[1] == PlacedBy.NOWHERE


def test_regions_are_one_entry_per_place_however_the_registry_spells_them():
    assert region("Sao Paulo", "Brazil") == region("São Paulo", "Brazil")
    assert region("São Paulo", "Brazil").code == "BR-SP"
    assert region("SC", "United States") == region("South Carolina", "United States")
    assert region("SC", "United States").name == "South Carolina"
    assert region("Mazovian", "Poland") == region("Mazowieckie", "Poland")
    assert region("Lódzkie", "Poland").code == "PL-10"
    assert region("Beijing", "China").name == "Beijing"
    # Text we do not know keeps its own words, without a code.
    assert region("Somewhere [else]", "France") == region("Somewhere", "France")
    assert region("Somewhere", "France").code == ""


def test_country_names_registries_use_have_iso_codes():
    assert country_code("Korea, Republic of") == "KR"
    assert country_code("Turkey") == "TR"
    assert country_code("United States") == "US"
    assert country_code("Atlantis") == ""


def test_every_alias_in_the_data_file_is_a_real_iso_code():
    data = json.loads(DATA.read_text())
    for code in data["subdivisions"].values():
        assert code == "" or pycountry.subdivisions.get(code=code) is not None, code


def test_site_fields_carry_the_region_the_state_filter_lists():
    fields = site_fields(
        latitude=None,
        longitude=None,
        postal_code="",
        city="Campinas",
        state="Sao Paulo",
        country="Brazil",
    )
    assert (fields["country_code"], fields["region_code"], fields["region"]) == (
        "BR",
        "BR-SP",
        "São Paulo",
    )
    assert fields["placed_by"] == PlacedBy.CITY


@pytest.mark.django_db
def test_import_places_a_site_the_registry_gave_no_coordinates():
    document = study(
        contactsLocationsModule={
            "locations": [
                {
                    "facility": "MUSC",
                    "city": "Charleston",
                    "state": "South Carolina",
                    "zip": "29425",
                    "country": "United States",
                },
                {"facility": "Research Site", "city": "Lyon", "country": "France"},
            ]
        }
    )
    import_file(as_bytes(document), "study.json")

    musc, lyon = Site.objects.order_by("country")[1], Site.objects.order_by("country")[0]
    assert musc.placed_by == PlacedBy.POSTAL_CODE and round(musc.latitude, 1) == 32.8
    assert lyon.placed_by == PlacedBy.CITY and round(lyon.longitude, 1) == 4.8
    assert (musc.region_code, musc.region) == ("US-SC", "South Carolina")
