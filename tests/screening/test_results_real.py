"""The results page on the real catalogue in ../shared/data: a lupus patient at ZIP 29425."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.screening.steps import walk
from tests.trials.real_catalogue import SHARED_DATA, needs_shared_data
from trials.importers.service import import_paths
from trials.models import Trial

pytestmark = [pytest.mark.django_db, needs_shared_data]


def test_the_misle_trial_at_musc_shows_its_distance_and_ranks_first_in_its_group(client):
    assert import_paths([SHARED_DATA], publish=True).errors == []
    # Its record was last confirmed in 2021; as if sync_trials had just had it confirmed again.
    Trial.objects.filter(registry_id="NCT02633163").update(
        status_verified_on=datetime.date.today(),
        completion_date=datetime.date.today() + datetime.timedelta(days=365),
    )
    walk(client, {"age": "34", "sex": "female", "conditions": ["sle"], "postal_code": "29425"})

    html = client.get(reverse("screening:results")).content.decode()

    misle = html.index('href="/trials/NCT02633163/?near=29425"')
    group_start = max(
        html.rfind(f'id="{name}-title"', 0, misle) for name in ("likely", "ask", "not")
    )
    first_card = re.search(r'class="result-card__title"[^>]*><a href="([^"]+)"', html[group_start:])
    assert first_card.group(1) == "/trials/NCT02633163/?near=29425"
    card = html[misle : html.index("</article>", misle)]
    assert "Medical University of South Carolina" in card
    assert "less than 1 mile away" in card
