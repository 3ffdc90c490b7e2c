"""Our own pages for failed requests: same look as the site, plain words, no inline code."""

import re
from html import unescape

import pytest
from django.template import loader
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from tests.pages import tags

pytestmark = pytest.mark.django_db

ERROR_TEMPLATES = ["400.html", "403.html", "403_csrf.html", "404.html", "405.html", "500.html"]


def text(response) -> str:
    """The words a person reads in the page's main part."""
    main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))


def looks_like_our_site(response) -> None:
    html = response.content.decode()
    assert 'class="site-header' in html
    assert "css/site.css" in html
    assert "Find a Trial" in html


@pytest.mark.parametrize("name", [*ERROR_TEMPLATES, "503.html"])
def test_error_pages_carry_no_inline_style_or_script(name):
    html = loader.get_template(name).render()

    assert "<style" not in html
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_a_bad_host_gets_our_400_page(client):
    response = client.get("/", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    looks_like_our_site(response)
    assert "We could not read that" in text(response)
    assert "Bad Request (400)" not in text(response)


def test_a_form_from_an_expired_page_says_so_and_leads_back():
    browser = Client(enforce_csrf_checks=True)
    browser.get("/check/")

    response = browser.post(
        "/check/", {"step": "age", "age": "41"}, HTTP_REFERER="http://testserver/check/?edit=age"
    )

    assert response.status_code == 403
    looks_like_our_site(response)
    page = text(response)
    assert "This page expired — please start again" in page
    assert "CSRF" not in page
    assert 'href="http://testserver/check/?edit=age"' in response.content.decode()


def test_an_expired_page_never_leads_to_another_site():
    browser = Client(enforce_csrf_checks=True)

    response = browser.post("/check/", {}, HTTP_REFERER="https://elsewhere.example/phish")

    assert response.status_code == 403
    assert "elsewhere.example" not in response.content.decode()
    assert 'href="/check/"' in response.content.decode()


def test_an_expired_page_under_htmx_reloads_the_page():
    browser = Client(enforce_csrf_checks=True)

    response = browser.post("/check/", {}, HTTP_HX_REQUEST="true")

    assert response.status_code == 403
    assert response["HX-Refresh"] == "true"


def test_an_unknown_address_gets_our_404_page(client):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    looks_like_our_site(response)
    assert "We can't find that page" in text(response)


@pytest.mark.parametrize(
    ("method", "address", "allowed"),
    [
        ("put", "/check/", "GET, POST"),
        ("delete", "/trials/", "GET"),
        ("get", "/check/start-over/", "POST"),
        ("get", "/check/results/share/", "POST"),
    ],
)
def test_a_wrong_method_gets_our_405_page_and_keeps_allow(client, method, address, allowed):
    response = getattr(client, method)(address)

    assert response.status_code == 405
    assert response["Allow"] == allowed
    looks_like_our_site(response)
    assert "That did not work here" in text(response)


@pytest.fixture
def broken_home(client, monkeypatch):
    """A client whose home page (English or Spanish) fails with a bug of ours."""

    def broken():
        raise RuntimeError("a bug of ours")

    monkeypatch.setattr("trials.views.conditions_with_open_counts", broken)
    client.raise_request_exception = False
    return client


def test_a_server_error_gets_our_500_page(broken_home):
    response = broken_home.get("/")

    assert response.status_code == 500
    looks_like_our_site(response)
    assert "Sorry, something went wrong on our side" in text(response)
    assert "a bug of ours" not in text(response)


def test_a_server_error_on_a_spanish_page_says_so_in_spanish(broken_home):
    response = broken_home.get("/es/")

    assert response.status_code == 500
    assert tags(response.content.decode(), "html")[0]["lang"] == "es"
    with translation.override("es"):
        sorry = gettext("Sorry, something went wrong on our side")
    assert sorry != "Sorry, something went wrong on our side"
    assert sorry in text(response)
