"""Countries in the page's language: pycountry's ISO 3166 names and catalogues, everyday forms."""

import json
import re
from html import unescape
from pathlib import Path

import pycountry
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.builders import make_contact, make_site, make_trial
from tests.trials.real_catalogue import SHARED_DATA, needs_shared_data
from trials.countries import country_in_words, country_name, region_for_country
from trials.models import Site
from trials.phones import phone_country
from trials.selectors import filter_choices, read_filters
from trials.site_lists import handout_sites, site_list
from trials.site_names import site_name

EVERYDAY = Path(settings.BASE_DIR) / "trials" / "data" / "country_everyday_names.json"


def get_in(client, language: str, url_name: str, *args, **query):
    """A page at its address in `language` (/es/… for Spanish)."""
    with translation.override(language):
        url = reverse(url_name, args=args)
    response = client.get(url, query)
    assert response.status_code == 200
    return unescape(response.content.decode())


@pytest.mark.parametrize(
    ("code", "english", "spanish"),
    [
        ("US", "United States", "Estados Unidos"),
        ("KR", "South Korea", "Corea del Sur"),
        ("RU", "Russia", "Rusia"),
        ("IR", "Iran", "Irán"),
        ("TR", "Turkey", "Turquía"),
        ("GB", "United Kingdom", "Reino Unido"),
        ("MX", "Mexico", "México"),
        ("DE", "Germany", "Alemania"),
    ],
)
def test_a_country_is_named_in_the_pages_language(code, english, spanish):
    with translation.override("en"):
        assert country_name(code) == english
    with translation.override("es"):
        assert country_name(code) == spanish
    with translation.override("es-mx"):
        assert country_name(code.lower()) == spanish


def test_a_registrys_country_words_are_named_from_their_iso_code():
    with translation.override("es"):
        assert country_in_words("Korea, Republic of") == "Corea del Sur"
        assert country_in_words("Russian Federation", "RU") == "Rusia"
        assert country_in_words("USA") == "Estados Unidos"
        # Words no table knows stay the registry's own.
        assert country_in_words("  Atlantis ") == "Atlantis"
        assert country_in_words("") == ""
    with translation.override("en"):
        assert country_in_words("Korea, Republic of") == "South Korea"
        assert country_in_words("Iran, Islamic Republic of") == "Iran"


def test_every_country_has_an_everyday_name_in_both_languages():
    """No "Corea, República de" or "Holy See (Vatican City State)": ISO's long forms."""
    for country in pycountry.countries:
        for language in ("en", "es"):
            with translation.override(language):
                name = country_name(country.alpha_2)
            assert name and "," not in name and "(" not in name, (country.alpha_2, name)


def test_everyday_names_are_kept_for_real_iso_codes():
    names = json.loads(EVERYDAY.read_text(encoding="utf-8"))
    for language in ("en", "es"):
        for code, name in names[language].items():
            assert pycountry.countries.get(alpha_2=code) is not None, code
            assert name.strip() == name and name, code


def sites_in_two_countries():
    return [
        Site(facility="B", city="Seoul", country="Korea, Republic of", country_code="KR"),
        Site(
            facility="A", city="Austin", state="Texas", country="United States", country_code="US"
        ),
        Site(facility="C", city="Berlin", country="Germany", country_code="DE"),
        Site(facility="D", city="Busan", country="South Korea", country_code="KR"),
    ]


def test_site_lists_group_and_order_countries_by_their_name_in_the_pages_language():
    with translation.override("es"):
        groups = site_list(sites_in_two_countries()).countries
        printed, _more = handout_sites(sites_in_two_countries(), None, 10)
    # The patient's country first, then by name: "Alemania" before "Corea del Sur"; the two
    # spellings of Korea are one country.
    assert [group.country for group in groups] == ["Estados Unidos", "Alemania", "Corea del Sur"]
    assert [group.count for group in groups] == [1, 1, 2]
    assert [group.country for group in printed] == ["Estados Unidos", "Alemania", "Corea del Sur"]
    with translation.override("en"):
        groups = site_list(sites_in_two_countries()).countries
    assert [group.country for group in groups] == ["United States", "Germany", "South Korea"]


def test_places_and_site_names_abroad_name_the_country_in_the_pages_language():
    seoul = Site(facility="Seoul National University Hospital", city="Seoul")
    seoul.country, seoul.country_code = "Korea, Republic of", "KR"
    with translation.override("es"):
        assert seoul.place_with_country == "Seoul, Corea del Sur"
        assert seoul.name_and_place == "Seoul National University Hospital, Seoul, Corea del Sur"
        assert "Corea del Sur" in site_name("Research Site", "Seoul", "", "Korea, Republic of")
        assert "Rusia" in site_name("Site 2", "Moscow", "", "Russian Federation")
        assert phone_country("+82220722114") == "Corea del Sur"
    with translation.override("en"):
        assert seoul.place_with_country == "Seoul, South Korea"
        assert phone_country("+82220722114") == "South Korea"


@pytest.mark.django_db
def test_a_trial_page_names_countries_in_spanish_on_spanish_pages(client):
    trial = make_trial(plain_title="Lupus study in two countries")
    make_site(trial, facility="MUSC")
    seoul = make_site(
        trial,
        facility="Seoul National University Hospital",
        city="Seoul",
        state="",
        postal_code="03080",
        country="Korea, Republic of",
    )
    make_contact(trial, site=seoul, name="Dr. Kim", phone="+82 2-2072-2114", email="")

    spanish = get_in(client, "es", "trials:detail", trial.registry_id)
    english = get_in(client, "en", "trials:detail", trial.registry_id)

    assert "<h3>Estados Unidos" in spanish and "<h3>Corea del Sur" in spanish
    assert "Seoul, Corea del Sur 03080" in spanish
    assert "(un número de Corea del Sur)" in spanish
    assert "Korea" not in spanish.split("</main>")[0].split("<main")[1]
    assert "<h3>United States" in english and "<h3>South Korea" in english
    assert "Seoul, South Korea 03080" in english


@pytest.mark.django_db
def test_the_handout_names_countries_in_spanish_on_spanish_pages(client):
    trial = make_trial()
    make_site(trial, facility="MUSC")

    spanish = get_in(client, "es", "trials:handout", trial.registry_id)
    english = get_in(client, "en", "trials:handout", trial.registry_id)

    assert "South Carolina, Estados Unidos" in spanish
    assert "South Carolina, United States" in english


@pytest.mark.django_db
def test_the_country_filter_shows_spanish_names_and_keeps_the_registrys_values(client):
    korea = {"country": "Korea, Republic of", "state": ""}
    make_site(make_trial(plain_title="Seoul study"), city="Seoul", **korea)
    make_site(make_trial(plain_title="Berlin study"), country="Germany", state="", city="Berlin")
    make_site(make_trial(plain_title="Aussie"), country="Australia", state="Victoria", city="A")
    make_site(make_trial(plain_title="Island study"), country="Seychelles", state="Victoria")

    spanish = get_in(client, "es", "trials:list")
    english = get_in(client, "en", "trials:list")
    filtered = get_in(client, "es", "trials:list", country="Korea, Republic of")

    assert '<option value="Korea, Republic of">Corea del Sur</option>' in spanish
    assert '<option value="Germany">Alemania</option>' in spanish
    assert spanish.index(">Alemania<") < spanish.index(">Corea del Sur<")
    assert '<optgroup label="Seychelles">' in spanish
    assert "Victoria (Australia)" in spanish  # the same word in Spanish
    assert "Seoul, Corea del Sur" in filtered and "Berlin study" not in filtered
    assert '<option value="Korea, Republic of">South Korea</option>' in english
    assert '<option value="Germany">Germany</option>' in english


@pytest.mark.django_db
def test_the_filter_choices_kept_for_every_language_name_countries_when_read():
    make_site(make_trial(), country="Germany", state="Berlin", city="Berlin")
    make_site(make_trial(), country="Canada", state="Berlin", city="Berlin")

    choices = filter_choices()  # kept in the cache once, read in either language

    with translation.override("es"):
        assert [country.name for country in choices.countries()] == ["Alemania", "Canadá"]
        assert choices.countries()[0].states[0].label == "Berlin (Alemania)"
        _filters, problems = read_filters({"state": "Berlin"}, choices)
    assert "Alemania" in problems[0] and "Canadá" in problems[0]
    with translation.override("en"):
        assert [country.name for country in choices.countries()] == ["Canada", "Germany"]
        assert choices.countries()[1].states[0].label == "Berlin (Germany)"
        _filters, problems = read_filters({"state": "Berlin"}, choices)
    assert "Germany" in problems[0] and "Canada" in problems[0]


# How each registry format writes a site's country (v2 and NIH RePORTER, classic, legacy XML).
REGISTRY_COUNTRY = re.compile(
    r'"(?:country|LocationCountry|org_country)"\s*:\s*"([^"]+)"|<country>([^<]+)</country>'
)


@needs_shared_data
def test_every_country_in_the_real_registry_files_has_an_everyday_spanish_name():
    written = {
        next(group for group in found if group)
        for path in SHARED_DATA.rglob("*")
        if path.suffix in {".json", ".xml"}
        for found in REGISTRY_COUNTRY.findall(path.read_text(encoding="utf-8", errors="replace"))
    }
    assert len(written) > 50

    with translation.override("es"):
        spanish = {country: country_in_words(country) for country in written}

    assert [country for country in written if not region_for_country(country)] == []
    assert {name for name in spanish.values() if "," in name or "(" in name} == set()
    assert spanish["Korea, Republic of"] == "Corea del Sur"
    assert spanish["Russian Federation"] == "Rusia"
    assert spanish["Iran, Islamic Republic of"] == "Irán"
    assert spanish["UNITED STATES"] == "Estados Unidos"
    assert spanish["Turkey"] == "Turquía"
