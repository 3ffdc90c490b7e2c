"""Statuses across every real registry record: nothing stale shown or counted as open."""

import pytest

from screening import loading
from tests.trials.real_catalogue import (
    needs_shared_data,
    real_catalogue,  # noqa: F401 (the module's fixture)
    trial_pages,
    visible_text,
)
from trials.models import Kind, Status, Trial

pytestmark = [pytest.mark.django_db, needs_shared_data, pytest.mark.usefixtures("real_catalogue")]


def test_no_real_study_in_unknown_status_is_shown_or_screened_as_open(client):
    unknown = {trial.registry_id for trial in Trial.objects.all() if trial.is_unknown_status}
    shown_open, unsaid = [], []

    for trial, html in trial_pages(client):
        if trial.registry_id in unknown:
            if "status--open" in html or "Check if this study may fit you" in html:
                shown_open.append(trial.registry_id)
            if "We could not confirm this study is still open (last confirmed" not in html:
                unsaid.append(trial.registry_id)

    screened = {trial.trial_id for trial in loading.open_trials()}
    assert len(unknown) > 60
    assert shown_open == []
    assert unsaid == []
    assert screened & unknown == set()
    assert len(screened) > 10


def test_the_2017_pregnancy_registry_says_when_it_was_last_confirmed(client):
    text = visible_text(client.get("/trials/NCT00513591/").content.decode())

    assert "We could not confirm this study is still open (last confirmed June 2017)" in text
    assert "Recruiting" not in text


def test_expanded_access_and_nih_projects_say_what_they_are(client):
    contradictions, ended_unsaid = [], []

    for trial, html in trial_pages(client):
        available = trial.kind == Kind.EXPANDED_ACCESS and trial.status == Status.AVAILABLE
        if available and "not taking new people" in html:
            contradictions.append(trial.registry_id)
        if trial.is_nih_project and trial.has_ended and "(this funding has ended)" not in html:
            ended_unsaid.append(trial.registry_id)

    assert Trial.objects.filter(kind=Kind.EXPANDED_ACCESS, status=Status.AVAILABLE).exists()
    assert contradictions == []
    assert ended_unsaid == []
