"""A trial's sites on its page and handout: nearest first from a ZIP code, long lists folded."""

import json
from html import unescape

import pytest
from django.urls import reverse

from tests.builders import make_site, make_trial
from tests.pages import scripts
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


def long_list_trial():
    trial = make_trial("NCT01234567")
    for number in range(12):
        make_site(trial, facility=f"Clinic {number:02}", latitude=32.0 + number, longitude=-80.0)
    for number in range(3):
        make_site(trial, facility=f"Hôpital {number}", city="Lyon", state="", country="France")
    make_site(
        trial, facility="Closed Clinic", latitude=32.78, longitude=-79.95, status=Status.COMPLETED
    )
    return trial


def test_a_long_list_shows_the_nearest_few_and_links_to_every_place_by_country(client):
    trial = long_list_trial()

    text = where(client.get(trial.get_absolute_url(), {"near": "29425"}))

    for number in range(5):
        assert f"Clinic {number:02}" in text
    assert "Clinic 05" not in text and "Hôpital" not in text
    assert "Closed Clinic" not in text  # nearest, but not taking people
    assert "All 16 places, by country" in text
    places = reverse("trials:places", args=[trial.registry_id])
    assert f'href="{places}?near=29425"' in text
    assert f'href="{places}?near=29425#country-2">France</a> <span class="muted">(3)</span>' in text


def test_the_places_page_lists_every_place_by_country_with_distances(client):
    trial = long_list_trial()

    response = client.get(reverse("trials:places", args=[trial.registry_id]), {"near": "29425"})

    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    page = unescape(response.content.decode())
    assert f'href="{trial.get_absolute_url()}?near=29425"' in page  # back to the study
    text = page[page.index('id="places-title"') :]  # after the head's JSON-LD
    assert "All 16 places where this study runs" in text
    assert text.index("Clinic 00") < text.index("Clinic 11") < text.index("Hôpital 0")
    assert "Closed Clinic" in text and "Hôpital 2" in text
    assert 'id="country-2"' in text
    assert "Less than 1 mile away" in text


def test_search_engines_read_every_place_on_the_places_page_and_the_first_few_on_the_trial_page(
    client,
):
    trial = long_list_trial()

    def locations(url: str) -> list[str]:
        [data] = scripts(client.get(url).content.decode(), "application/ld+json")
        return [place["name"] for place in json.loads(data)["studyLocation"]]

    assert len(locations(reverse("trials:places", args=[trial.registry_id]))) == 16
    assert len(locations(trial.get_absolute_url())) == 5


def test_the_places_page_of_an_unknown_trial_is_missing_and_other_spellings_redirect(client):
    assert client.get(reverse("trials:places", args=["NCT09999999"])).status_code == 404
    trial = long_list_trial()

    response = client.get(reverse("trials:places", args=[trial.registry_id.lower()]))

    assert response.status_code == 301
    assert response["Location"] == reverse("trials:places", args=[trial.registry_id])


def test_a_long_list_without_a_zip_code_starts_with_sites_in_the_patients_country(client):
    trial = make_trial("NCT01234567")
    for number in range(10):
        make_site(trial, facility=f"Hôpital {number}", city="Lyon", state="", country="France")
    make_site(trial, facility="Charleston Clinic")

    html = where(client.get(trial.get_absolute_url()))

    assert "In the United States" in html and "Charleston Clinic" in html
    assert "Hôpital" not in html


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


def test_places_measured_together_are_as_far_as_each_part_alone():
    # A results page measures its cards' sites in one pass: the miles must be the very same
    # floats the trial page gets for its own sites, or a card and its page could round apart.
    import numpy as np

    from trials.site_lists import Places

    generator = np.random.default_rng(7)
    parts = [
        Places(map(tuple, generator.uniform((-60, -180), (70, 180), size=(count, 2))))
        for count in generator.integers(1, 40, size=60)
    ]
    origin = (32.7862, -79.9471)

    together = Places.joined(parts).miles_from(origin)

    alone = np.concatenate([part.miles_from(origin) for part in parts])
    assert len(together) == sum(len(part) for part in parts) > 600
    assert together.tolist() == alone.tolist()
