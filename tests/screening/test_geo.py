"""Distances without a web service: ZIP codes from the zipcodes package, great-circle miles."""

import pytest

from screening.geo import Point, locate
from trials.choices import site_takes_people
from trials.site_lists import Places

CHARLESTON = Point(32.7862, -79.9471)


def haversine_miles(origin: Point, destination: Point) -> float:
    return float(
        Places([(destination.latitude, destination.longitude)]).miles_from(
            (origin.latitude, origin.longitude)
        )[0]
    )


def test_haversine_gives_known_distances_in_miles():
    new_york = Point(40.7128, -74.0060)
    los_angeles = Point(34.0522, -118.2437)

    assert haversine_miles(new_york, los_angeles) == pytest.approx(2445, abs=5)
    assert haversine_miles(new_york, new_york) == 0
    assert haversine_miles(new_york, los_angeles) == haversine_miles(los_angeles, new_york)


@pytest.mark.parametrize("code", ["29425", " 29425 ", "29425-1234", "294251234"])
def test_a_us_zip_code_is_placed_offline(code):
    point = locate(code)

    assert point is not None
    assert haversine_miles(point, CHARLESTON) < 5


@pytest.mark.parametrize("code", ["00000", "SW1A 1AA", "2942", "", "ABCDE"])
def test_a_code_we_do_not_know_is_not_placed(code):
    assert locate(code) is None


def test_open_statuses_are_the_ones_that_take_people():
    assert site_takes_people("recruiting")
    assert site_takes_people("not_yet_recruiting")
    assert site_takes_people("")
    assert not site_takes_people("completed")
    assert not site_takes_people("active_not_recruiting")


def test_the_zip_table_places_every_code_where_the_package_does():
    # Our table is searched, the package's scanned: they must agree on every code it knows,
    # and on the gaps between them (a code the package does not know stays unplaced).
    import zipcodes

    from trials.places import zip_coordinates

    known = {entry["zip_code"] for entry in zipcodes.list_all()}
    sample = sorted(known)[::97]
    gaps = [f"{number:05d}" for number in range(0, 100_000, 991) if f"{number:05d}" not in known]
    assert len(sample) > 400 and len(gaps) > 40
    for code in sample + gaps:
        found = zipcodes.matching(code)
        expected = (float(found[0]["lat"]), float(found[0]["long"])) if found else None
        assert zip_coordinates(code) == expected, code
