"""The benchmarks' URLconf (the project's pages beside a bare floor view) keeps loading: the
benchmarks are not part of this suite, so nothing else would notice when it breaks."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.perf.urls")]


def test_the_floor_and_the_pages_in_both_languages_answer(client):
    assert client.get("/perf/floor/").content == b"ok"
    assert client.get("/").status_code == 200
    assert client.get("/es/").status_code == 200
    assert client.get("/check/").status_code == 200
