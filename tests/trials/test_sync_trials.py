"""sync_trials against recorded registry pages: paging, retries, giving up cleanly, leavers."""

import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import responses
from django.conf import settings
from django.core.management import CommandError, call_command

from trials.importers.registry_client import USER_AGENT, RegistryClient
from trials.importers.sync import search_terms, sync_ctgov
from trials.models import Condition, Trial

RECORDED = Path(__file__).parent / "recorded" / "sync"
CTGOV = settings.CTGOV_API_URL.rstrip("/")

pytestmark = pytest.mark.django_db


def page(name: str) -> dict:
    return json.loads((RECORDED / name).read_text())


def ctgov_pages(*, failures=(), without=()):
    """A callback serving the two recorded pages by pageToken; `failures` are (status, headers)
    answered first, in order, to the first requests of the run."""
    pending = list(failures)

    def answer(request):
        if pending:
            status, headers = pending.pop(0)
            return status, headers, "<html>busy</html>"
        token = parse_qs(urlparse(request.url).query).get("pageToken")
        found = page("ctgov_page_2.json" if token else "ctgov_page_1.json")
        found["studies"] = [
            study
            for study in found["studies"]
            if study["protocolSection"]["identificationModule"]["nctId"] not in without
        ]
        return 200, {}, json.dumps(found)

    return answer


def reporter_page(request):
    return 200, {}, (RECORDED / "reporter_page.json").read_text()


def registries(**ctgov):
    responses.add_callback(responses.GET, CTGOV, callback=ctgov_pages(**ctgov))
    responses.add_callback(responses.POST, settings.REPORTER_API_URL, callback=reporter_page)


@responses.activate
def test_sync_pages_through_every_condition_and_imports_with_the_import_rules(capsys):
    registries()

    call_command("sync_trials")

    assert set(Trial.objects.values_list("registry_id", flat=True)) >= {
        "NCT09000001",
        "NCT09000002",
        "NCT09000003",
        "5R01AR090001-02",
        "1R21AI090002-01",
    }
    lupus = Trial.objects.get(registry_id="NCT09000001")
    assert list(lupus.conditions.values_list("slug", flat=True)) == ["sle"]
    assert lupus.published is False  # synced trials wait for an editor, as imports do
    ctgov_calls = [call for call in responses.calls if call.request.method == "GET"]
    # One search per condition, two pages each (the second asked for by its token).
    searches = len(search_terms(Condition.objects.all()))
    assert len(ctgov_calls) == 2 * searches
    first, second = (parse_qs(urlparse(c.request.url).query) for c in ctgov_calls[:2])
    assert first["pageSize"] == ["100"] and "pageToken" not in first
    assert second["pageToken"] == ["NF0g5JGBlPMm"]
    assert first["query.cond"] == [search_terms(Condition.objects.filter(slug="sle"))["sle"]]
    assert all(call.request.headers["User-Agent"] == USER_AGENT for call in responses.calls)
    reporter_call = next(call for call in responses.calls if call.request.method == "POST")
    assert json.loads(reporter_call.request.body)["offset"] == 0
    assert "3 created" in capsys.readouterr().out


def test_each_condition_is_searched_by_its_name_and_synonyms():
    lupus = Condition.objects.get(slug="sle")

    query = search_terms([lupus])["sle"]

    assert query.startswith(f'"{lupus.name}"')
    for synonym in lupus.synonym_list:
        assert f'"{synonym}"' in query or '"' in synonym


@responses.activate
def test_a_429_and_a_500_mid_run_are_retried_honouring_retry_after():
    waits = []
    responses.add_callback(
        responses.GET,
        CTGOV,
        callback=ctgov_pages(failures=[(429, {"Retry-After": "7"}), (500, {})]),
    )
    client = RegistryClient(delay=0.5, attempts=4, backoff=2.0, sleep=waits.append)

    report = sync_ctgov(client)

    assert report.result.created == 3
    assert waits[:4] == [7.0, 0.5, 4.0, 0.5]  # Retry-After, pause, back-off (2 x 2), pause


@responses.activate
def test_a_run_that_keeps_failing_gives_up_cleanly_and_writes_nothing(capsys):
    Trial.objects.all().delete()
    failures = [(200, {})] * 0 + [(503, {})] * 50
    responses.add_callback(responses.GET, CTGOV, callback=ctgov_pages(failures=failures))
    responses.add_callback(responses.POST, settings.REPORTER_API_URL, callback=reporter_page)

    with pytest.raises(CommandError) as raised:
        call_command("sync_trials", "--only", "ctgov")

    assert "answered HTTP 503" in str(raised.value)
    assert "Nothing was changed" in str(raised.value)
    assert Trial.objects.count() == 0


@responses.activate
def test_a_failure_on_a_later_page_writes_nothing_of_the_earlier_ones():
    calls = {"n": 0}

    def answer(request):
        calls["n"] += 1
        if "pageToken" in request.url:
            return 500, {}, "down"
        return 200, {}, json.dumps(page("ctgov_page_1.json"))

    responses.add_callback(responses.GET, CTGOV, callback=answer)

    with pytest.raises(CommandError):
        call_command("sync_trials", "--only", "ctgov")

    assert not Trial.objects.filter(registry_id__startswith="NCT0900").exists()


@responses.activate
def test_a_study_that_leaves_the_search_is_marked_not_deleted_and_unmarked_when_back():
    registries()
    call_command("sync_trials", "--only", "ctgov")
    responses.reset()
    registries(without={"NCT09000002"})

    call_command("sync_trials", "--only", "ctgov")

    gone = Trial.objects.get(registry_id="NCT09000002")
    assert gone.left_registry_search_on is not None
    assert Trial.objects.get(registry_id="NCT09000001").left_registry_search_on is None

    responses.reset()
    registries()
    call_command("sync_trials", "--only", "ctgov")

    gone.refresh_from_db()
    assert gone.left_registry_search_on is None


def test_import_publish_publishes_only_records_about_our_conditions(tmp_path, admin_client):
    (tmp_path / "page.json").write_text((RECORDED / "ctgov_page_1.json").read_text())
    (tmp_path / "other.json").write_text((RECORDED / "ctgov_page_2.json").read_text())

    call_command("import_trials", str(tmp_path), "--publish", "--warnings")

    assert Trial.objects.get(registry_id="NCT09000001").published is True
    fatigue = Trial.objects.get(registry_id="NCT09000003")
    assert fatigue.published is False
    listed = admin_client.get("/admin/trials/trial/", {"why": "not_ours"}).content.decode()
    assert "NCT09000003" in listed and "NCT09000001" not in listed
    assert "Matches none of our conditions (registry: Fatigue)" in listed
