"""A trial's sites on its page and handout: nearest first from a ZIP code, long lists folded."""

from html import unescape

import pytest
from django.urls import reverse

from tests.builders import make_site, make_trial
from trials.models import Status

pytestmark = pytest.mark.django_db

# (facility, city, state, country, latitude, longitude)
PLACES = [
    ("Charleston Clinic", "Charleston", "South Carolina", "United States", 32.78, -79.95),
    ("Atlanta Clinic", "Atlanta", "Georgia", "United States", 33.79, -84.32),
    ("Seattle Clinic", "Seattle", "Washington", "United States", 47.61, -122.33),
    ("Investigational Site Number : 2500009", "Lille", "", "France", 50.63, 3.06),
]


def trial_with(places, **fields):
    trial = make_trial("NCT01234567", **fields)
    for facility, city, state, country, latitude, longitude in places:
        make_site(
            trial,
            facility=facility,
            city=city,
            state=state,
            country=country,
            postal_code="",
            latitude=latitude,
            longitude=longitude,
        )
    return trial


def where(response) -> str:
    text = unescape(response.content.decode())
    return text[text.index("Where this research is happening") :]


def test_a_zip_code_in_the_form_lists_sites_nearest_first_with_distances(client):
    trial = trial_with(reversed(PLACES))

    text = where(client.get(trial.get_absolute_url(), {"near": "29425"}))

    assert "Nearest to 29425" in text
    assert text.index("Charleston Clinic") < text.index("Atlanta Clinic")
    assert text.index("Atlanta Clinic") < text.index("Seattle Clinic")
    assert text.index("Seattle Clinic") < text.index("A study site in Lille, France")
    assert "Less than 1 mile away" in text
    assert "About 262 miles away" in text  # Charleston to Atlanta
    assert 'value="29425"' in text


def test_a_page_measured_from_a_zip_code_is_the_same_for_everyone_and_stores_nothing(client):
    trial = trial_with(PLACES)

    response = client.get(trial.get_absolute_url(), {"near": "29425"})

    assert "Set-Cookie" not in response.headers
    assert "public" in response["Cache-Control"]


def test_a_zip_code_we_do_not_know_gets_a_message_and_the_usual_order(client):
    trial = trial_with(PLACES)

    response = client.get(trial.get_absolute_url(), {"near": "not a zip"})

    assert response.status_code == 200
    text = where(response)
    assert "We could not find the ZIP code “not a zip”" in text
    assert "miles away" not in text


def test_without_a_zip_code_the_patients_country_comes_first(client):
    trial = trial_with(reversed(PLACES))

    text = where(client.get(trial.get_absolute_url()))

    assert text.index("United States") < text.index("France")
    assert "miles away" not in text


def test_a_long_list_shows_the_nearest_few_then_every_place_by_country_folded(client):
    trial = make_trial("NCT01234567")
    for number in range(12):
        make_site(trial, facility=f"Clinic {number:02}", latitude=32.0 + number, longitude=-80.0)
    for number in range(3):
        make_site(trial, facility=f"Hôpital {number}", city="Lyon", state="", country="France")
    make_site(
        trial, facility="Closed Clinic", latitude=32.78, longitude=-79.95, status=Status.COMPLETED
    )

    html = where(client.get(trial.get_absolute_url(), {"near": "29425"}))

    shown, folded = html.split("<details", 1)
    for number in range(5):
        assert f"Clinic {number:02}" in shown
    assert "Clinic 05" not in shown
    assert "Closed Clinic" not in shown  # nearest, but not taking people
    assert "All 16 places, by country" in folded
    assert "Clinic 11" in folded and "Hôpital 2" in folded


def test_a_long_list_without_a_zip_code_starts_with_sites_in_the_patients_country(client):
    trial = make_trial("NCT01234567")
    for number in range(10):
        make_site(trial, facility=f"Hôpital {number}", city="Lyon", state="", country="France")
    make_site(trial, facility="Charleston Clinic")

    html = where(client.get(trial.get_absolute_url()))

    shown, folded = html.split("<details", 1)
    assert "In the United States" in shown and "Charleston Clinic" in shown
    assert "Hôpital" not in shown


def test_a_long_list_all_abroad_says_so(client):
    trial = make_trial("NCT01234567")
    for number in range(10):
        make_site(trial, facility=f"Hôpital {number}", city="Lyon", state="", country="France")

    text = where(client.get(trial.get_absolute_url()))

    assert "All of this study's places are outside the United States." in text


def test_the_handout_lists_the_nearest_sites_with_their_distance(client):
    trial = trial_with(reversed(PLACES))

    response = client.get(reverse("trials:handout", args=[trial.registry_id]), {"near": "29425"})

    text = unescape(response.content.decode())
    assert text.index("Charleston Clinic") < text.index("Atlanta Clinic")
    assert "About 262 miles away" in text
