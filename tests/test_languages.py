"""English at old addresses, Spanish under /es/: the address decides; each page links its twin."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format, number_format

from screening.state import SESSION_KEY
from tests.builders import make_trial
from tests.pages import tags
from tests.screening.steps import answer, step_key, text

pytestmark = pytest.mark.django_db


def spanish(name: str, *args) -> str:
    with translation.override("es"):
        return reverse(name, args=args)


def language_switch(response) -> dict[str, str]:
    (link,) = tags(response.content.decode(), "a", class_="language-switch")
    return link


def alternates(response) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"]
        for link in tags(response.content.decode(), "link", rel="alternate")
    }


def test_spanish_pages_live_under_es_and_english_ones_where_they_always_were():
    assert reverse("trials:detail", args=["NCT06737380"]) == "/trials/NCT06737380/"
    assert spanish("trials:detail", "NCT06737380") == "/es/trials/NCT06737380/"
    assert spanish("screening:check") == "/es/check/"
    assert spanish("sitemap") == "/sitemap.xml"
    assert spanish("robots_txt") == "/robots.txt"
    assert spanish("admin:index") == "/admin/"


def test_the_address_alone_chooses_the_language_never_the_browsers_header(client):
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    spanish_home = client.get("/es/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert english.status_code == spanish_home.status_code == 200  # no redirect either way
    assert tags(english.content.decode(), "html") == [{"lang": "en", "data-language-prefix": ""}]
    assert tags(spanish_home.content.decode(), "html")[0]["lang"] == "es"
    assert "Accept-Language" not in english.get("Vary", "")
    assert "Accept-Language" not in spanish_home.get("Vary", "")
    assert spanish_home["Content-Language"] == "es"


def test_a_language_cookie_changes_nothing(client):
    client.cookies["django_language"] = "es"

    assert tags(client.get("/").content.decode(), "html")[0]["lang"] == "en"


def test_the_admin_robots_and_sitemap_are_not_doubled_under_es(client):
    assert client.get("/es/robots.txt").status_code == 404
    assert client.get("/es/sitemap.xml").status_code == 404
    assert client.get("/es/admin/").status_code == 404


def test_every_page_names_its_twin_and_english_as_the_default(client):
    make_trial("NCT05000001")

    response = client.get(spanish("trials:detail", "NCT05000001") + "?near=29425")

    assert alternates(response) == {
        "en": "http://testserver/trials/NCT05000001/?near=29425",
        "es": "http://testserver/es/trials/NCT05000001/?near=29425",
        "x-default": "http://testserver/trials/NCT05000001/?near=29425",
    }


def test_the_language_switch_leads_to_the_same_page_with_its_query(client):
    english = client.get("/trials/?condition=sle&page=1")
    spanish_list = client.get("/es/trials/?condition=sle&page=1")

    assert language_switch(english) == {
        "class": "language-switch",
        "href": "/es/trials/?condition=sle&page=1",
        "hreflang": "es",
        "lang": "es",
        "data-language-switch": "es",
        "data-language-prefix": "/es",
    }
    assert language_switch(spanish_list)["href"] == "/trials/?condition=sle&page=1"
    assert "Español" in text(english) or "Español" in english.content.decode()


def test_each_address_and_language_has_its_own_header_though_headers_are_kept(client):
    """base.html keeps the header by language and address (path and query), the footer by
    language: one kept for another page would point the switch, or "you are here", at the
    wrong page, or speak the other language."""
    make_trial("NCT05000001")
    visits = [
        ("/", "/es/", "Home"),
        ("/trials/", "/es/trials/", "Browse studies"),
        ("/trials/?condition=sle", "/es/trials/?condition=sle", "Browse studies"),
        ("/es/trials/?condition=sle", "/trials/?condition=sle", "Ver estudios"),
        ("/es/", "/", "Inicio"),
        ("/trials/NCT05000001/", "/es/trials/NCT05000001/", None),
        ("/", "/es/", "Home"),
    ]

    for path, switch, current in visits:
        response = client.get(path)

        assert language_switch(response)["href"] == switch, path
        html = response.content.decode()
        here = re.findall(r'aria-current="page">([^<]+)<', html)
        assert here == ([current] if current else []), path
        footer = html.split('<footer class="site-footer">', 1)[1]
        spanish_footer = "No rastreamos lo que usted hace" in footer
        assert spanish_footer == path.startswith("/es/"), path


def test_the_header_is_kept_in_each_process_not_in_the_shared_cache(client):
    from django.core.cache import caches
    from django.core.cache.utils import make_template_fragment_key

    client.get("/check/")

    key = make_template_fragment_key("site_header", ["en", "/check/"])
    assert "Skip to main content" in caches["per_process"].get(key)
    assert caches["default"].get(key) is None


def test_a_missing_page_is_missing_in_its_own_language_with_a_way_to_the_other(client):
    response = client.get("/es/no/such/page/")

    assert response.status_code == 404
    assert tags(response.content.decode(), "html")[0]["lang"] == "es"
    assert language_switch(response)["href"] == "/no/such/page/"


def test_switching_language_mid_questionnaire_keeps_the_answers_and_the_step(client):
    make_trial("NCT00000001", conditions=("sle",))
    first = client.get(reverse("screening:check"))
    asked = step_key(first)
    assert answer(client, asked, "34").status_code == 303
    english_step = client.get(reverse("screening:check"))
    switch = language_switch(english_step)["href"]

    spanish_step = client.get(switch)

    assert switch == "/es/check/"
    assert spanish_step.status_code == 200
    assert step_key(spanish_step) == step_key(english_step) != asked
    assert client.session[SESSION_KEY]["answers"][asked] == 34
    assert tags(spanish_step.content.decode(), "html")[0]["lang"] == "es"
    # The form posts back under /es/, so the next step stays in Spanish.
    assert tags(spanish_step.content.decode(), "form", method="post")[0]["action"].startswith(
        "/es/check/"
    )


def test_spanish_dates_and_numbers_are_written_as_us_hispanic_readers_read_them():
    day = datetime.date(2026, 12, 5)
    with translation.override("es"):
        assert date_format(day) == "5 de diciembre de 2026"
        assert date_format(day, "YEAR_MONTH_FORMAT") == "diciembre de 2026"
        assert number_format(1250.5, decimal_pos=1, force_grouping=True) == "1,250.5"
    with translation.override("en"):
        assert date_format(day) == "5 December 2026"
        assert date_format(day, "YEAR_MONTH_FORMAT") == "December 2026"
