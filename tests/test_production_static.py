"""Pages render with the production static setup: collectstatic, then hashed names."""

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.urls import reverse

from tests.builders import make_trial

# What production uses (findatrial.settings with DEBUG off).
MANIFEST_STORAGE = "findatrial.static_files.StaticFiles"


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": MANIFEST_STORAGE},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


@pytest.mark.parametrize(
    "url",
    [
        reverse("trials:home"),
        reverse("trials:list"),
        reverse("trials:detail", args=["NCT03000001"]),
        reverse("trials:handout", args=["NCT03000001"]),
        reverse("trials:shortlist") + "?ids=NCT03000001",
        reverse("screening:check"),
        reverse("screening:results"),
    ],
)
def test_pages_render_with_hashed_static_files(client, db, collected, url):
    make_trial("NCT03000001", sites=1, contacts=1)

    response = client.get(url, follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert staticfiles_storage.url("css/site.css") in html  # a hashed name, e.g. site.3f2a….css
    assert "/static/css/site.css" not in html


def test_not_found_page_renders_with_hashed_static_files(client, db, collected):
    response = client.get("/trials/NCT00000000/")

    assert response.status_code == 404
    assert "find that page" in response.content.decode()


def test_each_address_is_the_hashed_one_every_time_and_a_missing_file_still_fails(db, collected):
    first = staticfiles_storage.url("css/site.css")
    assert first.startswith("/static/css/site.") and first != "/static/css/site.css"
    assert staticfiles_storage.url("css/site.css") == first
    assert staticfiles_storage.url("css/site.css", force=True) == first
    for _ in range(2):  # an error is not kept as an answer
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            staticfiles_storage.url("css/nowhere.css")
