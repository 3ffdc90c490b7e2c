"""What search engines are told: sitemap.xml and robots.txt."""

from xml.etree import ElementTree

from django.urls import reverse

from tests.builders import make_trial

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


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


def test_robots_keeps_personal_pages_out_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /check/" in lines
    assert "Disallow: /shared/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
