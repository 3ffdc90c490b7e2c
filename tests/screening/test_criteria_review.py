"""Staff review drafted criteria in the admin: lines beside drafts, accept, edit, reject, close."""

from __future__ import annotations

import pytest
from django.urls import reverse

from screening import drafts
from screening.models import Criterion, CriterionStatus
from tests.builders import make_criterion, make_trial
from trials.models import Trial

pytestmark = pytest.mark.django_db

TEXT = """Inclusion Criteria:

* Adults aged 18 to 75 years
* eGFR of at least 30 mL/min/1.73m2
* Able to swallow tablets

Exclusion Criteria:

* Pregnant or breastfeeding
"""


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def drafted_trial(registry_id: str = "NCT05550001", **fields) -> Trial:
    trial = make_trial(registry_id, eligibility_text=TEXT, **fields)
    drafts.draft_trials([trial])
    return trial


def review_url(trial: Trial) -> str:
    return reverse("admin:screening_criteriareview_change", args=[trial.pk])


def inline_post(trial: Trial, changes: dict[int, dict] | None = None, **extra) -> dict:
    """The review form as the page sends it, with `changes` per criterion id."""
    criteria = list(trial.criteria.order_by("-status", "position", "id"))
    data = {
        "criteria-TOTAL_FORMS": str(len(criteria)),
        "criteria-INITIAL_FORMS": str(len(criteria)),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
        **extra,
    }
    for index, criterion in enumerate(criteria):
        row = {
            "id": criterion.pk,
            "trial": trial.pk,
            "source": criterion.source,
            "question": criterion.question_id,
            "kind": criterion.kind,
            "operator": criterion.operator,
            "value": _json(criterion.value),
            "any_of_group": criterion.any_of_group,
            "confirmed_by": criterion.confirmed_by,
            "reason": criterion.reason,
            "reason_es": criterion.reason_es,
        }
        row.update((changes or {}).get(criterion.pk, {}))
        data.update({f"criteria-{index}-{name}": value for name, value in row.items()})
    return data


def _json(value) -> str:
    import json

    return json.dumps(value)


def draft_of(trial: Trial, key: str) -> Criterion:
    return trial.criteria.get(question__key=key)


def test_the_review_page_shows_drafts_beside_their_lines_and_the_unchecked_lines(alice_client):
    trial = drafted_trial()

    response = alice_client.get(review_url(trial))

    assert response.status_code == 200
    html = response.text
    assert "eGFR of at least 30 mL/min/1.73m2" in html
    assert "egfr (Draft)" in html
    assert "pregnant (Draft)" in html
    assert "registry fields" in html  # the age line: the trial's age limits check it
    assert 'class="unchecked">not checked' in html  # swallowing tablets
    assert "Save and mark the criteria reviewed" in html


def test_the_review_page_is_titled_for_the_trial_and_its_cards_only_review(alice_client):
    trial = drafted_trial(brief_title="A lupus study")

    html = alice_client.get(review_url(trial)).text

    assert "<title>A lupus study | Review criteria: NCT05550001 |" in html
    assert "<h1>Review criteria: NCT05550001</h1>" in html
    assert "<h2>A lupus study</h2>" in html
    assert "Change criteria review" not in html
    # No "+" or pencil beside a card's question: the bank is edited under Questions.
    assert 'class="related-widget-wrapper-link' not in html


def test_ticking_accept_makes_a_draft_reviewed_and_leaves_the_others(alice_client):
    trial = drafted_trial()
    egfr = draft_of(trial, "egfr")

    response = alice_client.post(
        review_url(trial), inline_post(trial, {egfr.pk: {"accept": "on"}}, _continue="Save")
    )

    assert response.status_code == 302
    assert draft_of(trial, "egfr").status == CriterionStatus.REVIEWED
    assert draft_of(trial, "pregnant").status == CriterionStatus.DRAFT


def test_editing_a_draft_saves_it_as_reviewed(alice_client):
    trial = drafted_trial()
    egfr = draft_of(trial, "egfr")

    alice_client.post(review_url(trial), inline_post(trial, {egfr.pk: {"value": "45"}}))

    egfr.refresh_from_db()
    assert (egfr.value, egfr.status) == (45, CriterionStatus.REVIEWED)
    assert egfr.source == "eGFR of at least 30 mL/min/1.73m2"


def test_rejecting_a_draft_deletes_it_and_keeps_the_review_flag(alice_client):
    trial = drafted_trial(criteria_need_review=True)
    pregnant = draft_of(trial, "pregnant")

    alice_client.post(review_url(trial), inline_post(trial, {pregnant.pk: {"DELETE": "on"}}))

    assert not trial.criteria.filter(question__key="pregnant").exists()
    trial.refresh_from_db()
    assert trial.criteria_need_review is True


def test_a_bad_value_is_a_clear_message_and_nothing_is_saved(alice_client):
    trial = drafted_trial()
    egfr = draft_of(trial, "egfr")

    response = alice_client.post(
        review_url(trial), inline_post(trial, {egfr.pk: {"value": '"lots"', "accept": "on"}})
    )

    assert response.status_code == 200
    assert "errornote" in response.text
    assert draft_of(trial, "egfr").status == CriterionStatus.DRAFT


def test_mark_reviewed_button_records_date_and_reviewer_and_warns_of_drafts_left(
    alice_client, alice
):
    trial = drafted_trial(criteria_need_review=True)
    egfr = draft_of(trial, "egfr")

    response = alice_client.post(
        review_url(trial),
        inline_post(trial, {egfr.pk: {"accept": "on"}}, _mark_reviewed="1"),
        follow=True,
    )

    trial.refresh_from_db()
    assert trial.criteria_reviewed_by == alice
    assert trial.criteria_reviewed_on is not None
    assert trial.criteria_need_review is False
    assert "Criteria of 1 trial marked reviewed." in response.text
    assert "2 drafts are still waiting" in response.text  # pregnant, breastfeeding


def test_changelist_filters_trials_by_the_state_of_their_criteria(alice_client):
    drafted = drafted_trial("NCT05550001")
    reviewed = make_trial("NCT05550002")
    make_criterion(reviewed, "egfr", "gte", 30)
    make_trial("NCT05550003")
    url = reverse("admin:screening_criteriareview_changelist")

    shown = {
        state: alice_client.get(url, {"criteria": state}).text
        for state in ("none", "drafts", "reviewed")
    }

    assert "NCT05550001" in shown["drafts"]
    assert "NCT05550002" not in shown["drafts"]
    assert "NCT05550002" in shown["reviewed"]
    assert "NCT05550003" in shown["none"]
    assert "NCT05550001" not in shown["none"] + shown["reviewed"]
    # Drafts and coverage as columns.
    everything = alice_client.get(url).text
    assert drafted.registry_id in everything
    assert "3 of 4" in everything  # age (registry fields), eGFR, pregnancy


def test_the_trial_admin_offers_the_same_criteria_filter(alice_client):
    drafted_trial("NCT05550001")
    make_trial("NCT05550003")

    html = alice_client.get(reverse("admin:trials_trial_changelist"), {"criteria": "drafts"}).text

    assert "NCT05550001" in html
    assert "NCT05550003" not in html


def test_actions_accept_every_draft_then_mark_reviewed(alice_client, alice):
    trial = drafted_trial()
    url = reverse("admin:screening_criteriareview_changelist")

    alice_client.post(url, {"action": "accept_drafts", "_selected_action": [trial.pk]})
    alice_client.post(url, {"action": "mark_criteria_reviewed", "_selected_action": [trial.pk]})

    assert not trial.criteria.filter(status=CriterionStatus.DRAFT).exists()
    trial.refresh_from_db()
    assert trial.criteria_reviewed_by == alice


def test_the_review_admin_neither_adds_nor_deletes_trials(alice_client):
    trial = drafted_trial()

    assert alice_client.get(reverse("admin:screening_criteriareview_add")).status_code == 403
    response = alice_client.get(reverse("admin:screening_criteriareview_delete", args=[trial.pk]))
    assert response.status_code == 403
