"""NUL bytes in addresses and forms: a clear 400 or 404 before any query, never a 500.

PostgreSQL refuses NUL in text (psycopg.DataError), so on it these were server errors; the
"no query" assertions make the same point on SQLite.
"""

import pytest

from tests.builders import make_staff, make_trial

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "address",
    [
        "/trials/%00/",
        "/trials/a%00b/",
        "/trials/%00/handout/",
        "/trials/NCT06737380%00/",
        "/trials/%00/more/path",
        "/trials/a%01b/",
        "/trials/%1f/handout/",
        "/trials/NCT06737380%7f/",
        f"/trials/{'N' * 41}/",
        f"/trials/{'N' * 5000}/handout/",
    ],
)
def test_a_trial_address_that_cannot_be_an_id_is_not_found_without_a_query(
    client, django_assert_num_queries, address
):
    make_trial("NCT06737380")

    with django_assert_num_queries(0):
        response = client.get(address)

    assert response.status_code == 404


@pytest.mark.parametrize(
    "address",
    [
        "/trials/?condition=%00",
        "/trials/list/?ids=NCT%00",
        "/check/?condition=sle%00",
        "/?%00=1",
    ],
)
def test_a_nul_byte_in_a_query_is_a_bad_request(client, django_assert_num_queries, address):
    with django_assert_num_queries(0):
        response = client.get(address)

    assert response.status_code == 400


def test_a_nul_byte_in_a_form_is_a_bad_request(client):
    response = client.post("/check/", {"step": "age", "age": "4\x002"})

    assert response.status_code == 400


def test_a_nul_byte_in_the_admin_search_is_a_bad_request(client):
    client.force_login(make_staff("alice"))

    response = client.get("/admin/trials/trial/", {"q": "lupus\x00"})

    assert response.status_code == 400


def test_ids_with_unusual_but_harmless_characters_still_reach_the_view(client):
    make_trial("NCT06737380")

    assert client.get("/trials/ñ/").status_code == 404
    assert client.get("/trials/nct06737380/").status_code == 301
