"""The real registry records in ../shared/data, imported and published, page by page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from trials.importers.service import import_paths
from trials.models import Trial

SHARED_DATA = Path(settings.BASE_DIR).parent / "shared" / "data"

needs_shared_data = pytest.mark.skipif(
    not SHARED_DATA.is_dir(), reason="the shared registry files are not on this machine"
)


def import_real_catalogue() -> None:
    """Every shared record, published, as a bulk load for a demo would leave them."""
    result = import_paths([SHARED_DATA])
    assert result.errors == []
    Trial.objects.update(published=True)


@pytest.fixture(scope="module")
def real_catalogue(django_db_setup, django_db_blocker):
    """The catalogue imported once for a whole test module, rolled back after it.

    Each test still runs in its own transaction inside this one, so what a test writes is
    undone before the next.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        import_real_catalogue()
        yield
        transaction.set_rollback(True)


def trial_pages(client: Client) -> Iterator[tuple[Trial, str]]:
    """Each trial and the HTML of its public page."""
    for trial in Trial.objects.order_by("registry_id"):
        response = client.get(trial.get_absolute_url())
        assert response.status_code == 200, trial.registry_id
        yield trial, response.content.decode()


def places_pages(client: Client) -> Iterator[tuple[Trial, str]]:
    """Each trial and the HTML of its places page (every site, with its contacts)."""
    for trial in Trial.objects.order_by("registry_id"):
        response = client.get(reverse("trials:places", args=[trial.registry_id]))
        assert response.status_code == 200, trial.registry_id
        yield trial, response.content.decode()


def visible_text(html: str) -> str:
    """The words of a page's main content, as a person reads them."""
    main = html.split("<main", 1)[-1]
    main = re.sub(r"<script.*?</script>", " ", main, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())
