"""ClinicalTrials.gov's "unknown status" rule, and status labels: one rule everywhere."""

import datetime

import pytest
from django.urls import reverse

from tests.builders import make_trial
from trials.choices import unconfirmed_cutoff
from trials.models import Kind, Status, Trial, is_unknown_status

TODAY = datetime.date(2026, 12, 5)


def stale(**changes) -> dict:
    """An open study last confirmed in June 2017 that was due to end in June 2018."""
    facts = {
        "status": Status.RECRUITING,
        "verified_on": datetime.date(2017, 6, 1),
        "completion_date": datetime.date(2018, 6, 1),
        "primary_completion_date": None,
        "today": TODAY,
    }
    facts.update(changes)
    return facts


def test_an_open_study_unconfirmed_for_two_years_and_past_its_end_is_unknown():
    assert is_unknown_status(**stale())


@pytest.mark.parametrize(
    "changes",
    [
        {"verified_on": datetime.date(2025, 1, 1)},  # confirmed within two years
        {"completion_date": datetime.date(2027, 1, 1)},  # not over yet
        {"status": Status.COMPLETED},  # not open: its own label says enough
        {"verified_on": None},  # nothing to say it is stale
        {"completion_date": None},  # no end date at all
    ],
)
def test_otherwise_the_registry_status_stands(changes):
    assert not is_unknown_status(**stale(**changes))


def test_the_primary_completion_date_counts_when_there_is_no_completion_date():
    assert is_unknown_status(
        **stale(completion_date=None, primary_completion_date=datetime.date(2018, 1, 1))
    )
    assert not is_unknown_status(
        **stale(completion_date=None, primary_completion_date=datetime.date(2027, 1, 1))
    )


def test_two_years_are_counted_in_calendar_years():
    assert unconfirmed_cutoff(datetime.date(2026, 12, 5)) == datetime.date(2024, 12, 5)
    assert unconfirmed_cutoff(datetime.date(2028, 2, 29)) == datetime.date(2026, 2, 28)
    on_the_day = stale(verified_on=datetime.date(2024, 12, 5), completion_date=TODAY)
    assert not is_unknown_status(**on_the_day)


@pytest.mark.django_db
def test_the_query_and_the_property_are_the_same_rule():
    kinds = [
        make_trial(status_verified_on=datetime.date(2017, 6, 1)),
        make_trial(
            status_verified_on=datetime.date(2017, 6, 1),
            completion_date=datetime.date(2018, 6, 1),
        ),
        make_trial(
            status_verified_on=datetime.date(2017, 6, 1),
            primary_completion_date=datetime.date(2018, 6, 1),
        ),
        make_trial(
            status_verified_on=datetime.date(2026, 6, 1),
            completion_date=datetime.date(2026, 7, 1),
        ),
        make_trial(status=Status.COMPLETED),
        make_trial(kind=Kind.NIH_PROJECT, status=Status.FUNDED_PROJECT),
    ]
    for today in (datetime.date(2018, 1, 1), TODAY):
        by_query = set(Trial.objects.open_to_enrolment(today).values_list("pk", flat=True))
        by_property = {trial.pk for trial in kinds if trial.is_open_on(today)}
        assert by_query == by_property
    assert len(by_query) == 2  # the first and the fourth


@pytest.mark.django_db
def test_a_stale_study_says_we_could_not_confirm_it_and_offers_no_check(client):
    trial = make_trial(
        plain_title="A pregnancy registry",
        status_verified_on=datetime.date(2017, 6, 1),
        completion_date=datetime.date(2018, 6, 1),
    )

    body = client.get(trial.get_absolute_url()).content.decode()

    assert "We could not confirm this study is still open (last confirmed June 2017)" in body
    assert "status--open" not in body
    assert "Check if this study may fit you" not in body
    assert "Not confirmed open" in body


@pytest.mark.django_db
def test_the_list_counts_and_sorts_a_stale_study_as_not_open(client):
    make_trial(
        plain_title="A stale study",
        status_verified_on=datetime.date(2017, 6, 1),
        completion_date=datetime.date(2018, 6, 1),
    )

    body = client.get(reverse("trials:list"), {"condition": "sle", "open": "1"}).content.decode()

    assert "A stale study" not in body


@pytest.mark.django_db
def test_expanded_access_that_is_available_does_not_say_it_takes_no_one(client):
    trial = make_trial(kind=Kind.EXPANDED_ACCESS, status=Status.AVAILABLE)

    body = client.get(trial.get_absolute_url()).content.decode()

    assert "Available" in body
    assert "not taking new people" not in body
    assert "Your doctor can ask the company whether you could get it." in body


@pytest.mark.django_db
def test_an_nih_project_shows_its_dates_and_says_when_it_has_ended(client):
    ended = make_trial(
        kind=Kind.NIH_PROJECT,
        status=Status.FUNDED_PROJECT,
        start_date=datetime.date(2023, 3, 1),
        completion_date=datetime.date(2024, 2, 29),
    )
    running = make_trial(
        kind=Kind.NIH_PROJECT,
        status=Status.FUNDED_PROJECT,
        start_date=datetime.date(2024, 9, 1),
        completion_date=datetime.date(2099, 8, 31),
    )

    ended_page = client.get(ended.get_absolute_url()).content.decode()
    running_page = client.get(running.get_absolute_url()).content.decode()

    assert "From March 2023 to February 2024" in ended_page
    assert "Funded research that has ended" in ended_page
    assert "(this funding has ended)" in ended_page
    assert "From September 2024 to August 2099" in running_page
    assert "has ended" not in running_page
