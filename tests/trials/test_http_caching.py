"""Pages everyone sees alike are cacheable: ETags from the data's version, 304s, kept copies."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.builders import make_site, make_trial
from tests.pages import tags
from trials.freshness import SHARED_SECONDS, kept
from trials.models import Status

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    ("trials:home", []),
    ("trials:list", []),
    ("trials:detail", ["NCT05000001"]),
    ("trials:handout", ["NCT05000001"]),
]


@pytest.fixture
def trial():
    found = make_trial("NCT05000001", plain_title="A study of sleep in lupus")
    make_site(found)
    return found


@pytest.mark.parametrize(("name", "args"), PUBLIC_PAGES)
def test_a_public_page_says_shared_caches_may_keep_it_a_minute(client, trial, name, args):
    response = client.get(reverse(name, args=args))

    assert response.status_code == 200
    directives = {value.strip() for value in response["Cache-Control"].split(",")}
    assert directives == {"public", f"max-age={SHARED_SECONDS}"}
    assert response["ETag"]
    vary = {value.strip() for value in response["Vary"].split(",")}
    assert "HX-Request" in vary
    # The address chooses the language (/es/…), so no cache needs to split on the header.
    assert "Accept-Language" not in vary
    assert "Set-Cookie" not in response.headers
    assert "csrfmiddlewaretoken" not in response.content.decode()


@pytest.mark.parametrize(("name", "args"), PUBLIC_PAGES)
def test_a_conditional_get_with_the_same_etag_is_a_304_after_one_query(
    client, trial, django_assert_num_queries, name, args
):
    url = reverse(name, args=args)
    etag = client.get(url)["ETag"]

    with django_assert_num_queries(1):
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""


@pytest.mark.parametrize(("name", "args"), PUBLIC_PAGES)
def test_a_page_asked_again_is_served_from_the_kept_copy_after_one_query(
    client, trial, django_assert_num_queries, name, args
):
    url = reverse(name, args=args)
    first = client.get(url)

    with django_assert_num_queries(1):
        again = client.get(url)

    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_an_editors_change_shows_at_once_with_a_new_etag(client, trial):
    url = reverse("trials:detail", args=["NCT05000001"])
    before = client.get(url)
    assert "Recruiting" in before.content.decode()

    trial.status = Status.COMPLETED
    trial.save()
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])

    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "Completed" in after.content.decode()


def test_a_trial_closing_leaves_the_home_counts_and_the_open_list_at_once(client, trial):
    home = reverse("trials:home")
    open_list = reverse("trials:list") + "?open=1"
    assert "1 open study" in client.get(home).content.decode()
    assert "NCT05000001" in client.get(open_list).content.decode()

    trial.status = Status.COMPLETED
    trial.save()

    assert "1 open study" not in client.get(home).content.decode()
    assert "NCT05000001" not in client.get(open_list).content.decode()


def test_each_language_has_its_own_etag_and_kept_copy(client, trial):
    english = client.get(reverse("trials:detail", args=["NCT05000001"]))
    with translation.override("es"):
        url = reverse("trials:detail", args=["NCT05000001"])
    spanish = client.get(url, HTTP_IF_NONE_MATCH=english["ETag"])

    assert url == "/es/trials/NCT05000001/"
    assert spanish.status_code == 200
    assert spanish["ETag"] != english["ETag"]
    assert tags(spanish.content.decode(), "html")[0]["lang"] == "es"
    assert tags(client.get("/trials/NCT05000001/").content.decode(), "html")[0]["lang"] == "en"


def test_the_browsers_language_never_changes_a_page(client, trial):
    english = client.get("/trials/NCT05000001/", HTTP_ACCEPT_LANGUAGE="es")
    spanish = client.get("/es/trials/NCT05000001/", HTTP_ACCEPT_LANGUAGE="en")

    assert english.status_code == spanish.status_code == 200
    assert tags(english.content.decode(), "html")[0]["lang"] == "en"
    assert tags(spanish.content.decode(), "html")[0]["lang"] == "es"
    assert english["Content-Language"] == "en"
    assert spanish["Content-Language"] == "es"


def test_the_list_fragment_and_the_full_list_are_kept_apart(client, trial):
    url = reverse("trials:list")
    page = client.get(url)
    fragment = client.get(url, HTTP_HX_REQUEST="true")

    assert page["ETag"] != fragment["ETag"]
    assert "<html" in page.content.decode()
    assert "<html" not in fragment.content.decode()
    assert "<html" in client.get(url).content.decode()


def test_a_list_echoing_what_was_typed_is_not_kept(client, trial, django_assert_num_queries):
    url = reverse("trials:list") + "?condition=made-up"
    assert "made-up" in client.get(url).content.decode()

    # Built again, not served from a kept copy (its parts are kept: choices, the order).
    with django_assert_num_queries(4):
        client.get(url)


def test_a_staff_preview_is_private(client, alice):
    make_trial("NCT05000002", published=False)
    client.force_login(alice)

    response = client.get(reverse("trials:detail", args=["NCT05000002"]))

    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")
    assert "ETag" not in response.headers


def test_an_unknown_trial_is_a_404_whatever_etag_is_sent(client, trial):
    etag = client.get(reverse("trials:detail", args=["NCT05000001"]))["ETag"]

    response = client.get(reverse("trials:detail", args=["NCT05009999"]), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["screening:check", "screening:results"])
def test_pages_with_a_patients_answers_are_never_shared(client, trial, name):
    response = client.get(reverse(name), follow=True)

    assert "public" not in response.get("Cache-Control", "")
    assert "ETag" not in response.headers


def test_a_kept_fragment_is_built_once_per_version():
    built = []

    def build():
        built.append(1)
        return "<svg></svg>"

    assert kept(("qr", "https://example.org/"), build, version="a") == "<svg></svg>"
    assert kept(("qr", "https://example.org/"), build, version="a") == "<svg></svg>"
    assert len(built) == 1
    kept(("qr", "https://example.org/"), build, version="b")
    assert len(built) == 2
