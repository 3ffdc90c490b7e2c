"""What search engines are told: sitemap.xml and robots.txt."""

from xml.etree import ElementTree

from django.urls import reverse

from tests.builders import make_trial

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
XHTML_NS = {"x": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_published_trials_only(client, db):
    make_trial("NCT02000001", published=True)
    make_trial("NCT02000002", published=False)

    response = client.get(reverse("sitemap"))

    assert response.status_code == 200
    locations = [
        loc.text
        for loc in ElementTree.fromstring(response.content).findall("s:url/s:loc", SITEMAP_NS)
    ]
    assert "http://testserver/trials/NCT02000001/" in locations
    assert not any("NCT02000002" in location for location in locations)
    assert "http://testserver/trials/" in locations


def test_sitemap_lists_every_page_in_english_and_spanish_with_its_twins(client, db):
    make_trial("NCT02000001", published=True)

    root = ElementTree.fromstring(client.get(reverse("sitemap")).content)

    entries = {
        url.find("s:loc", SITEMAP_NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", XHTML_NS)
        }
        for url in root.findall("s:url", SITEMAP_NS)
    }
    twins = {
        "en": "http://testserver/trials/NCT02000001/",
        "es": "http://testserver/es/trials/NCT02000001/",
        "x-default": "http://testserver/trials/NCT02000001/",
    }
    assert entries["http://testserver/trials/NCT02000001/"] == twins
    assert entries["http://testserver/es/trials/NCT02000001/"] == twins
    assert entries["http://testserver/es/"]["en"] == "http://testserver/"
    assert entries["http://testserver/es/trials/"]["x-default"] == "http://testserver/trials/"


def test_robots_lets_crawlers_read_the_questionnaires_noindex_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert not any(line.startswith("Disallow: /check") for line in lines)
    assert "Disallow: /shared/" in lines
    assert "Disallow: /es/shared/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_questionnaire_pages_say_noindex_themselves(client, db):
    response = client.get(reverse("screening:check"))

    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_home_list_and_questionnaire_each_have_their_own_description(client, db):
    from tests.pages import meta

    pages = [reverse("trials:home"), reverse("trials:list"), reverse("screening:check")]
    descriptions = [meta(client.get(url).content.decode())["description"] for url in pages]

    assert len(set(descriptions)) == 3
    assert all(len(description) > 50 for description in descriptions)
