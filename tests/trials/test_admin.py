"""The Django admin as our editors use it."""

import datetime

import pytest
import responses
from django.urls import reverse
from django.utils import timezone

from tests.builders import make_trial
from trials.models import Contact, Site, Trial


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def test_it_lists_trials_with_coordinator_columns(alice_client):
    make_trial("NCT01000001", brief_title="Belimumab in lupus kidneys", sites=2)

    response = alice_client.get(reverse("admin:trials_trial_changelist"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "NCT01000001" in html
    assert "Belimumab in lupus kidneys" in html
    assert "Lupus (SLE)" in html


def test_changelist_queries_do_not_grow_with_trials(alice_client, django_assert_max_num_queries):
    for _ in range(3):
        make_trial(sites=1)
    # 14 = the page's 12 and the staff session read and refreshed in the database.
    with django_assert_max_num_queries(14) as few:
        alice_client.get(reverse("admin:trials_trial_changelist"))
    for _ in range(20):
        make_trial(sites=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        alice_client.get(reverse("admin:trials_trial_changelist"))


@pytest.mark.parametrize("term", ["NCT01000002", "nct01000002", "anifrolumab", "nephritis"])
def test_search_finds_by_id_title_and_condition(alice_client, term):
    make_trial("NCT01000002", brief_title="Anifrolumab study", conditions=("lupus-nephritis",))
    make_trial("NCT01000003", brief_title="Something else", conditions=("psoriasis",))

    response = alice_client.get(reverse("admin:trials_trial_changelist"), {"q": term})

    assert "NCT01000002" in response.content.decode()
    assert "NCT01000003" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"status__exact": "recruiting"}, "NCT01000010", "NCT01000011"),
        ({"published__exact": "0"}, "NCT01000011", "NCT01000010"),
        ({"attention": "criteria"}, "NCT01000011", "NCT01000010"),
        ({"attention": "unmapped"}, "NCT01000011", "NCT01000010"),
    ],
)
def test_filters(alice_client, params, shown, hidden):
    make_trial("NCT01000010", status="recruiting", published=True)
    make_trial(
        "NCT01000011",
        status="completed",
        published=False,
        criteria_need_review=True,
        unmapped_conditions=["Chilblain lupus"],
    )

    html = alice_client.get(reverse("admin:trials_trial_changelist"), params).content.decode()

    assert shown in html
    assert hidden not in html


def test_condition_filter(alice_client):
    make_trial("NCT01000020", conditions=("sjogrens",))
    make_trial("NCT01000021", conditions=("psoriasis",))
    sjogrens = Trial.objects.get(registry_id="NCT01000020").conditions.get()

    html = alice_client.get(
        reverse("admin:trials_trial_changelist"), {"conditions__id__exact": sjogrens.pk}
    ).content.decode()

    assert "NCT01000020" in html
    assert "NCT01000021" not in html


def test_change_page_shows_inlines_and_unmapped_conditions(alice_client):
    trial = make_trial(sites=1, contacts=1, unmapped_conditions=["Chilblain lupus"])

    response = alice_client.get(reverse("admin:trials_trial_change", args=[trial.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Hospital 0" in html
    assert "Coordinator 0" in html
    assert "Chilblain lupus" in html
    assert "View on site" in html


def test_publish_and_unpublish_actions(alice_client):
    trial = make_trial(published=False)
    url = reverse("admin:trials_trial_changelist")

    before = trial.updated_at

    alice_client.post(url, {"action": "publish", "_selected_action": [trial.pk]})
    trial.refresh_from_db()
    assert trial.published
    assert trial.updated_at > before  # what versions of pages and the questionnaire read
    published_at = trial.updated_at

    alice_client.post(url, {"action": "unpublish", "_selected_action": [trial.pk]})
    trial.refresh_from_db()
    assert not trial.published
    assert trial.updated_at > published_at


def test_mark_reviewed_records_date_and_reviewer(alice_client, alice):
    trial = make_trial()

    alice_client.post(
        reverse("admin:trials_trial_changelist"),
        {"action": "mark_reviewed", "_selected_action": [trial.pk]},
    )

    trial.refresh_from_db()
    assert trial.last_reviewed_on == timezone.localdate()
    assert trial.last_reviewed_by == alice


def test_editing_review_date_records_the_reviewer(alice_client, alice):
    trial = make_trial(plain_title="Old title")
    url = reverse("admin:trials_trial_change", args=[trial.pk])
    form = alice_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"conditions", "linked_trials"}
    }
    data.update(
        {
            "conditions": [c.pk for c in trial.conditions.all()],
            "plain_title": "New plain title",
            "last_reviewed_on": "2026-11-01",
            "sites-TOTAL_FORMS": "0",
            "sites-INITIAL_FORMS": "0",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
            "researchers-TOTAL_FORMS": "0",
            "researchers-INITIAL_FORMS": "0",
            "criteria-TOTAL_FORMS": "0",
            "criteria-INITIAL_FORMS": "0",
        }
    )
    data = {key: value for key, value in data.items() if key not in {"last_reviewed_by"}}

    response = alice_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    trial.refresh_from_db()
    assert trial.plain_title == "New plain title"
    assert trial.last_reviewed_on == datetime.date(2026, 11, 1)
    assert trial.last_reviewed_by == alice


def test_non_staff_are_sent_to_login(client):
    response = client.get(reverse("admin:trials_trial_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_contact_site_choices_are_this_trials_sites(alice_client):
    trial = make_trial(sites=1)
    Site.objects.create(trial=make_trial(), facility="Elsewhere Clinic", city="Boise")
    Contact.objects.create(trial=trial, name="Pat")

    html = alice_client.get(reverse("admin:trials_trial_change", args=[trial.pk])).content.decode()

    assert "Hospital 0, Charleston" in html
    assert "Elsewhere Clinic" not in html


V2_RECORD = {
    "protocolSection": {
        "identificationModule": {
            "nctId": "NCT05999001",
            "briefTitle": "A small test study of lupus fatigue",
        },
        "statusModule": {"overallStatus": "RECRUITING"},
        "conditionsModule": {"conditions": ["Systemic Lupus Erythematosus"]},
    }
}


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_changelist_offers_the_import_page(alice_client):
    html = alice_client.get(reverse("admin:trials_trial_changelist")).content.decode()
    assert reverse("admin:trials_trial_import") in html


def test_upload_imports_a_registry_file_unpublished(alice_client):
    import json

    response = alice_client.post(
        reverse("admin:trials_trial_import"),
        {"file": _upload("study.json", json.dumps(V2_RECORD).encode())},
        follow=True,
    )

    trial = Trial.objects.get(registry_id="NCT05999001")
    assert not trial.published
    assert [c.slug for c in trial.conditions.all()] == ["sle"]
    assert "1 created, 0 updated, 0 unchanged." in response.content.decode()


def test_upload_can_publish(alice_client):
    import json

    alice_client.post(
        reverse("admin:trials_trial_import"),
        {"file": _upload("study.json", json.dumps(V2_RECORD).encode()), "publish": "on"},
    )

    assert Trial.objects.get(registry_id="NCT05999001").published


def test_broken_upload_says_why_and_writes_nothing(alice_client):
    response = alice_client.post(
        reverse("admin:trials_trial_import"),
        {"file": _upload("broken.json", b'{"protocolSection": ')},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Broken.json: not valid JSON at line 1" in html  # the admin capitalises messages
    assert not Trial.objects.exists()


def test_upload_without_a_file_asks_for_one(alice_client):
    response = alice_client.post(reverse("admin:trials_trial_import"), {})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_import_page_needs_change_permission(client, db):
    from django.contrib.auth.models import User

    User.objects.create_user("bob", password="x", is_staff=True)
    client.login(username="bob", password="x")

    response = client.get(reverse("admin:trials_trial_import"))

    assert response.status_code == 403


@responses.activate
def test_refresh_action_updates_registry_fields_and_keeps_ours(alice_client, settings):

    trial = make_trial(
        "NCT05999001", brief_title="Old registry title", plain_title="Our plain title"
    )
    responses.get(
        settings.CTGOV_API_URL.rstrip("/") + "/NCT05999001",
        json=V2_RECORD,
    )

    response = alice_client.post(
        reverse("admin:trials_trial_changelist"),
        {"action": "refresh_from_registry", "_selected_action": [trial.pk]},
        follow=True,
    )

    trial.refresh_from_db()
    assert trial.brief_title == "A small test study of lupus fatigue"
    assert trial.plain_title == "Our plain title"
    assert "0 created, 1 updated, 0 unchanged." in response.content.decode()


@responses.activate
def test_refresh_action_reports_an_unknown_study(alice_client, settings):
    trial = make_trial("NCT05999002")
    responses.get(settings.CTGOV_API_URL.rstrip("/") + "/NCT05999002", status=404)

    response = alice_client.post(
        reverse("admin:trials_trial_changelist"),
        {"action": "refresh_from_registry", "_selected_action": [trial.pk]},
        follow=True,
    )

    assert "has no study NCT05999002" in response.content.decode()
