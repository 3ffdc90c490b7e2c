"""Results shared with a doctor: made only on request, read by link, deleted, expired, purged."""

import datetime
import html
import math
import re
from collections import Counter
from io import StringIO
from urllib.parse import unquote, urlsplit

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from screening import loading, shared_results
from screening.models import SharedResult
from tests.builders import make_criterion, make_drafted_trial, make_trial
from tests.pages import tags
from tests.screening.steps import HTMX, text, walk

pytestmark = pytest.mark.django_db

RESULTS = "screening:results"
SHARE = "screening:share_results"
CREATED = "screening:share_created"


@pytest.fixture
def three_kinds():
    """One trial per group for a 34-year-old with lupus who is not sure of her eGFR."""
    make_trial("NCT00000101", conditions=("sle",), plain_title="A likely study")
    ask = make_trial("NCT00000102", conditions=("sle",), plain_title="A study to ask about")
    make_criterion(
        ask,
        "egfr",
        "gte",
        30,
        confirmed_by="doctor",
        reason="This study needs a kidney test (eGFR) of 30 or more.",
    )
    make_trial(
        "NCT00000103", conditions=("sle",), min_age_value=50, plain_title="A study for older people"
    )


def answer_all(client):
    return walk(client, {"age": "34", "conditions": ["sle"]})


def share(client, **extra):
    """Press "Share with my doctor" and return the shared result it made."""
    response = client.post(reverse(SHARE), **extra)
    assert response.status_code in (200, 303), text(response)[:300]
    return response


def only_shared() -> SharedResult:
    (shared,) = SharedResult.objects.all()
    return shared


def links(response) -> tuple[str, str]:
    """The shared link and the deletion link, as the patient sees them (absolute)."""
    body = html.unescape(response.content.decode())
    shared = re.search(r'id="shared-url"[^>]*value="([^"]+)"', body, re.S)
    delete = re.search(r'id="shared-delete-url"[^>]*value="([^"]+)"', body, re.S)
    assert shared and delete, "the page shows no shared link"
    return shared.group(1), delete.group(1)


def path_of(url: str) -> str:
    return urlsplit(url).path


# -- nothing is stored until the patient asks ---------------------------------------------


def test_the_results_page_offers_sharing_and_stores_nothing(client, three_kinds):
    answer_all(client)

    response = client.get(reverse(RESULTS))

    assert response.status_code == 200
    page = text(response)
    assert "Share with my doctor" in page
    assert "We do not keep your answers." in page
    assert f'action="{reverse(SHARE)}"' in response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert SharedResult.objects.count() == 0


def test_sharing_needs_a_post(client, three_kinds):
    answer_all(client)

    response = client.get(reverse(SHARE))

    assert response.status_code == 405
    assert SharedResult.objects.count() == 0


def test_sharing_needs_the_csrf_token(client, three_kinds):
    from django.test import Client

    answer_all(client)
    careful = Client(enforce_csrf_checks=True)
    careful.cookies = client.cookies

    response = careful.post(reverse(SHARE))

    assert response.status_code == 403
    assert SharedResult.objects.count() == 0


def test_sharing_with_no_answers_says_so_kindly_and_stores_nothing(client, three_kinds):
    response = client.post(reverse(SHARE))
    assert response.status_code == 303
    response = client.get(response["Location"])

    assert response.status_code == 200
    assert "There is nothing to share yet. Answer the questions first" in text(response)
    assert SharedResult.objects.count() == 0


def test_sharing_with_no_answers_by_htmx_says_so_in_place(client, three_kinds):
    response = client.post(reverse(SHARE), **HTMX)

    assert response.status_code == 200
    assert "There is nothing to share yet." in text(response)
    assert 'id="share-results"' in response.content.decode()
    assert SharedResult.objects.count() == 0


# -- making a shared copy -----------------------------------------------------------------


def test_sharing_without_javascript_redirects_to_the_links(client, three_kinds):
    answer_all(client)

    response = client.post(reverse(SHARE))

    assert response.status_code == 303
    assert response["Location"] == reverse(CREATED)
    page = client.get(reverse(CREATED))
    assert page.status_code == 200
    assert "Your results are ready to share" in text(page)
    shared = only_shared()
    shared_url, delete_url = links(page)
    assert shared_url == f"http://testserver/shared/{shared.key}/"
    assert path_of(delete_url).startswith(f"/shared/{shared.key}/delete/")
    assert page["Cache-Control"] == "private, no-store"


def test_sharing_with_htmx_shows_the_links_in_place(client, three_kinds):
    answer_all(client)

    response = client.post(reverse(SHARE), **HTMX)

    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="share-results"')
    assert "<html" not in body
    assert "autofocus" in body
    shared_url, _delete_url = links(response)
    assert shared_url == f"http://testserver/shared/{only_shared().key}/"
    assert response["Cache-Control"] == "private, no-store"


def test_the_links_show_the_expiry_date_and_how_to_delete(client, three_kinds):
    answer_all(client)
    share(client)

    page = text(client.get(reverse(CREATED)))

    expires = timezone.localtime(only_shared().expires_at)
    assert f"The link stops working on {expires:%-d %B %Y}." in page
    assert "Delete it any time" in page
    assert "This second link is only for you. Keep it" in page
    assert "Delete my shared results now" in page


def test_the_share_panel_has_a_selectable_link_an_email_and_a_qr_code(client, three_kinds):
    answer_all(client)
    share(client)

    response = client.get(reverse(CREATED))

    body = response.content.decode()
    shared_url, _delete_url = links(response)
    assert re.search(
        r'<input id="shared-url" class="share__url" type="text" value="[^"]+" readonly', body
    )
    assert "Private link to your results" in text(response)
    mailto = html.unescape(re.search(r'href="(mailto:[^"]+)"', body).group(1))
    assert " " not in mailto and "+" not in mailto.split("body=")[1]
    assert "subject=My%20answers%20and%20results%20from%20Find%20a%20Trial" in mailto
    assert shared_url in unquote(mailto)
    assert "delete" not in unquote(mailto)
    assert "<svg" in body and "QR code that opens this page" in body
    # The trial pages' handout button has no place here.
    assert "Print a one-page handout" not in body


def test_the_results_page_shows_the_same_links_again_after_sharing(client, three_kinds):
    answer_all(client)
    share(client)
    made = links(client.get(reverse(CREATED)))

    response = client.get(reverse(RESULTS))

    assert links(response) == made
    assert response["Cache-Control"] == "private, no-store"


def test_sharing_twice_with_the_same_answers_keeps_one_copy(client, three_kinds):
    answer_all(client)
    share(client)
    share(client, **HTMX)

    assert SharedResult.objects.count() == 1


def test_sharing_after_changing_an_answer_makes_a_new_copy(client, three_kinds):
    from tests.screening.steps import answer

    answer_all(client)
    share(client)
    answer(client, "age", "55", edit="1")

    results = client.get(reverse(RESULTS))
    assert "Share with my doctor" in text(results)
    assert 'id="shared-url"' not in results.content.decode()
    share(client)

    assert SharedResult.objects.count() == 2


def test_a_shared_copy_holds_the_answers_and_verdicts_and_nothing_else(client, three_kinds):
    answer_all(client)
    share(client, HTTP_USER_AGENT="Test browser 1.0", REMOTE_ADDR="203.0.113.9")

    shared = only_shared()

    assert {"question": "How old are you?", "answer": "34 years"} in shared.answers
    by_trial = {entry["trial"]: entry for entry in shared.verdicts}
    assert by_trial["NCT00000101"]["verdict"] == "likely_eligible"
    assert by_trial["NCT00000101"]["title"] == "A likely study"
    assert by_trial["NCT00000102"]["verdict"] == "ask_doctor"
    assert by_trial["NCT00000102"]["checklist"]
    assert by_trial["NCT00000103"]["verdict"] == "not_eligible"
    assert (
        "This study is for people aged 50 years or older. You said you are 34."
        in (by_trial["NCT00000103"]["reasons"])
    )
    assert shared.counts == {"likely_eligible": 1, "ask_doctor": 1, "not_eligible": 1}
    assert shared.expires_at - shared.created_at == datetime.timedelta(days=30)
    stored = repr([getattr(shared, field.attname) for field in SharedResult._meta.concrete_fields])
    assert "203.0.113.9" not in stored and "Test browser" not in stored
    assert client.cookies["sessionid"].value not in stored
    assert {field.name for field in SharedResult._meta.concrete_fields} == {
        "key",
        "deletion_token_hash",
        "answers",
        "verdicts",
        "counts",
        "created_at",
        "expires_at",
    }


def test_the_deletion_token_is_stored_only_as_a_hash(client, three_kinds):
    answer_all(client)
    share(client)
    _shared_url, delete_url = links(client.get(reverse(CREATED)))

    token = path_of(delete_url).rstrip("/").rsplit("/", 1)[1]
    shared = only_shared()

    assert token not in repr(shared.__dict__)
    assert len(shared.deletion_token_hash) == 64


def test_a_shared_copy_keeps_only_the_first_studies_of_a_group_and_counts_all(client, monkeypatch):
    for number in range(5):
        make_trial(f"NCT0000020{number}", conditions=("sle",))
    monkeypatch.setattr(shared_results, "MOST_PER_GROUP", 2)
    answer_all(client)
    share(client)

    shared = only_shared()

    assert len(shared.verdicts) == 2
    assert shared.counts["likely_eligible"] == 5
    page = text(client.get(reverse("screening:shared_result", args=[shared.key])))
    assert "5 studies · showing the first 2" in page


def test_sharing_takes_the_same_number_of_queries_for_1_or_20_trials(client):
    make_trial("NCT00000301", conditions=("sle",))
    with_one = _share_queries(client)
    for number in range(19):
        make_trial(f"NCT0000040{number:02d}", conditions=("sle",))
    with_twenty = _share_queries(client.__class__())

    assert SharedResult.objects.count() == 2
    assert with_one == with_twenty
    assert with_one <= 15


def _share_queries(client) -> int:
    answer_all(client)
    loading.clear_cache()
    with CaptureQueriesContext(connection) as captured:
        response = client.post(reverse(SHARE))
    assert response.status_code == 303
    return len(captured)


# -- reading a shared copy ----------------------------------------------------------------


@pytest.fixture
def shared_by_patient(client, three_kinds):
    """A patient's shared results; returns (the shared result, its deletion link's path)."""
    answer_all(client)
    share(client)
    _shared_url, delete_url = links(client.get(reverse(CREATED)))
    return only_shared(), path_of(delete_url)


def shared_groups(response) -> tuple[str, str, str]:
    """The words of the likely, ask-a-doctor and not-eligible groups of a shared page."""
    body = response.content.decode()
    parts = re.split(r'id="(?:likely_eligible|ask_doctor|not_eligible|given)-title"', body)
    return tuple(
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", part)).split()) for part in parts[2:5]
    )


def test_the_shared_page_shows_the_date_answers_and_verdicts(client, shared_by_patient):
    shared, _delete = shared_by_patient
    doctor = client.__class__()

    response = doctor.get(reverse("screening:shared_result", args=[shared.key]))

    assert response.status_code == 200
    page = text(response)
    likely, ask, not_eligible = shared_groups(response)
    given = timezone.localtime(shared.created_at)
    assert f"the answers they gave on {given:%-d %B %Y}" in page
    assert "It is a pre-screen they did themselves. It is not a diagnosis and not a referral." in (
        page
    )
    assert "How old are you? 34 years" in page
    assert "A likely study" in likely and "1 study" in likely
    assert "A study to ask about" in ask
    assert "What a doctor could check" in ask
    assert "A study for older people" in not_eligible
    assert "This study is for people aged 50 years or older. You said you are 34." in (not_eligible)
    assert f'href="{reverse("trials:detail", args=["NCT00000101"])}" rel="noreferrer"' in (
        response.content.decode()
    )
    # Read-only: nothing to change, and no way to delete it from here.
    assert "Change" not in page and "/delete/" not in response.content.decode()


def test_the_shared_page_says_how_many_of_each_studys_requirements_were_checked(client):
    make_drafted_trial()
    make_trial("NCT00000112", conditions=("sle",), plain_title="A study we never counted")
    answer_all(client)
    share(client)

    page = client.__class__().get(reverse("screening:shared_result", args=[only_shared().key]))

    _likely, ask, _not = shared_groups(page)
    assert "A drafted study" in ask
    assert "We checked 3 of the 4 requirements this study lists." in ask
    assert text(page).count("We checked") == 1  # a study never counted says nothing


def test_the_shared_page_is_kept_out_of_search_engines_caches_and_referrers(
    client, shared_by_patient
):
    shared, _delete = shared_by_patient

    response = client.__class__().get(reverse("screening:shared_result", args=[shared.key]))

    assert tags(response.content.decode(), "meta", name="robots", content="noindex, nofollow")
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Cache-Control"] == "private, no-store"


def test_reading_a_shared_page_takes_one_query(
    client, shared_by_patient, django_assert_num_queries
):
    shared, _delete = shared_by_patient
    doctor = client.__class__()

    with django_assert_num_queries(1):
        response = doctor.get(reverse("screening:shared_result", args=[shared.key]))

    assert response.status_code == 200


def missing_page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 404
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, no-store"
    return text(response)


def test_unknown_malformed_and_expired_links_give_the_same_kind_page(client, shared_by_patient):
    shared, _delete = shared_by_patient
    SharedResult.objects.filter(pk=shared.pk).update(expires_at=timezone.now())
    unknown = "A" * 32

    pages = {
        missing_page(client, f"/shared/{unknown}/"),
        missing_page(client, f"/shared/{shared.key}/"),  # expired
        missing_page(client, "/shared/not-a-real-link/"),
        missing_page(client, "/shared/%00%27%3B--/"),
        missing_page(client, "/shared/" + "x" * 500 + "/"),
    }

    assert len(pages) == 1
    assert "This link does not work" in pages.pop()


def test_there_is_no_page_that_lists_shared_results(client, shared_by_patient):
    shared, _delete = shared_by_patient

    for url in ("/shared/", "/shared/all/", "/check/results/shared/all/"):
        response = client.get(url)
        assert response.status_code == 404
        assert shared.key not in response.content.decode()
    assert SharedResult not in admin.site._registry


def test_links_are_random_and_not_made_from_the_answers(client, three_kinds):
    answer_all(client)
    share(client)
    client.session  # noqa: B018
    other = client.__class__()
    answer_all(other)
    share(other)

    first, second = SharedResult.objects.all()

    assert first.key != second.key
    assert first.answers == second.answers
    for key in (first.key, second.key):
        assert shared_results.is_well_formed(key)
        # 32 URL-safe base64 characters: 192 random bits, well over 128.
        assert len(key) * 6 >= 128 + 64
    assert first.deletion_token_hash != second.deletion_token_hash


def test_keys_look_random():
    keys = [
        shared_results.create_shared_result(answers=[("Q", "A")], verdicts=[], counts={})[0].key
    ]
    keys += [
        shared_results.create_shared_result(answers=[("Q", "A")], verdicts=[], counts={})[0].key
        for _ in range(199)
    ]
    characters = Counter("".join(keys))
    total = sum(characters.values())
    entropy_per_character = -sum(
        count / total * math.log2(count / total) for count in characters.values()
    )

    assert len(set(keys)) == 200
    assert entropy_per_character > 5.8  # of at most 6 bits for 64 symbols


# -- deleting -----------------------------------------------------------------------------


def test_the_deletion_link_asks_first_then_deletes_at_once(client, shared_by_patient):
    shared, delete_path = shared_by_patient

    confirm = client.get(delete_path)
    assert confirm.status_code == 200
    assert "Delete your shared results?" in text(confirm)
    # Its form must carry an Origin for the CSRF check: the referrer goes to our site only.
    assert confirm["Referrer-Policy"] == "same-origin"
    assert '<meta name="referrer"' not in confirm.content.decode()
    assert SharedResult.objects.filter(pk=shared.pk).exists()

    deleted = client.post(delete_path)

    assert deleted.status_code == 200
    assert "Your shared results are deleted" in text(deleted)
    assert deleted["Referrer-Policy"] == "no-referrer"
    assert not SharedResult.objects.filter(pk=shared.pk).exists()
    missing_page(client, reverse("screening:shared_result", args=[shared.key]))
    missing_page(client, delete_path)
    assert "Share with my doctor" in text(client.get(reverse(RESULTS)))


def test_a_wrong_deletion_token_deletes_nothing(client, shared_by_patient):
    shared, delete_path = shared_by_patient
    wrong = reverse("screening:delete_shared_result", args=[shared.key, "B" * 32])

    missing_page(client, wrong)
    response = client.post(wrong)
    client.post(reverse("screening:delete_shared_result", args=[shared.key, "short"]))

    assert response.status_code == 404
    assert SharedResult.objects.filter(pk=shared.pk).exists()


def test_anyone_with_the_deletion_link_can_delete_without_the_session(client, shared_by_patient):
    shared, delete_path = shared_by_patient

    response = client.__class__().post(delete_path)

    assert response.status_code == 200
    assert not SharedResult.objects.exists()


def test_the_deletion_link_of_one_copy_does_not_delete_another(client, shared_by_patient):
    shared, delete_path = shared_by_patient
    other, _token = shared_results.create_shared_result(
        answers=[("Q", "A")], verdicts=[], counts={}
    )
    token = delete_path.rstrip("/").rsplit("/", 1)[1]

    response = client.post(reverse("screening:delete_shared_result", args=[other.key, token]))

    assert response.status_code == 404
    assert SharedResult.objects.count() == 2


# -- expiry and the purge -----------------------------------------------------------------


def test_a_shared_copy_expires_after_30_days():
    made = timezone.now() - datetime.timedelta(days=31)
    shared, token = shared_results.create_shared_result(
        answers=[("How old are you?", "34 years")], verdicts=[], counts={}, now=made
    )

    assert shared_results.find_shared_result(key=shared.key, now=made + datetime.timedelta(days=29))
    assert (
        shared_results.find_shared_result(key=shared.key, now=made + datetime.timedelta(days=30))
        is None
    )
    assert shared_results.find_shared_result(key=shared.key) is None
    assert not shared_results.delete_shared_result(key=shared.key, token=token)


def test_an_expired_page_is_missing(client):
    made = timezone.now() - datetime.timedelta(days=30, seconds=1)
    shared, _token = shared_results.create_shared_result(
        answers=[("Q", "A")], verdicts=[], counts={}, now=made
    )

    assert "This link does not work" in missing_page(
        client, reverse("screening:shared_result", args=[shared.key])
    )


def test_the_purge_deletes_only_expired_copies_and_says_how_many():
    now = timezone.now()
    for days_ago in (31, 45):
        shared_results.create_shared_result(
            answers=[("Q", "A")],
            verdicts=[],
            counts={},
            now=now - datetime.timedelta(days=days_ago),
        )
    fresh, _token = shared_results.create_shared_result(
        answers=[("Q", "A")], verdicts=[], counts={}, now=now - datetime.timedelta(days=29)
    )
    out = StringIO()

    call_command("purge_shared_results", stdout=out)

    assert out.getvalue().strip() == "Deleted 2 expired shared results."
    assert list(SharedResult.objects.values_list("key", flat=True)) == [fresh.key]

    again = StringIO()
    call_command("purge_shared_results", stdout=again)
    assert again.getvalue().strip() == "Deleted 0 expired shared results."
    assert SharedResult.objects.count() == 1


def test_nothing_to_share_is_refused_by_the_domain_function():
    with pytest.raises(shared_results.NothingToShare):
        shared_results.create_shared_result(answers=[], verdicts=[], counts={})

    assert SharedResult.objects.count() == 0


def test_long_words_are_cut_short_before_they_are_stored():
    shared, _token = shared_results.create_shared_result(
        answers=[("Where do you live?", "9" * 5000)] * 100, verdicts=[], counts={}
    )

    assert len(shared.answers) == shared_results.MOST_ANSWERS
    assert len(shared.answers[0]["answer"]) == shared_results.LONGEST_TEXT
