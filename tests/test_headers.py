"""Security headers: a strict CSP, a Permissions-Policy, HSTS behind one production switch."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.builders import make_trial

pytestmark = pytest.mark.django_db

PAGES = ["/", "/trials/", "/trials/NCT06737380/", "/trials/NCT06737380/handout/", "/check/"]
PAGES += ["/trials/list/?ids=NCT06737380", "/no/such/page/", "/robots.txt"]


@pytest.fixture
def published(db):
    return make_trial("NCT06737380", sites=2, contacts=1)


def policy(response) -> dict[str, list[str]]:
    directives = [part.strip().split() for part in response["Content-Security-Policy"].split(";")]
    return {name: values for name, *values in directives}


@pytest.mark.parametrize("address", PAGES)
def test_every_page_has_a_strict_content_security_policy(client, published, address):
    response = client.get(address)

    csp = policy(response)
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("address", PAGES[:6])
def test_no_page_carries_inline_code_the_policy_would_block(client, published, address):
    html = client.get(address).content.decode()

    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)  # onclick= and friends
    for script in re.findall(r"<script[^>]*>", html):
        assert "src=" in script or 'type="application/ld+json"' in script, script


def test_htmx_is_told_to_inject_no_style_and_eval_nothing(client, published):
    html = client.get("/check/").content.decode()

    config = '{"includeIndicatorStyles": false, "allowEval": false}'
    assert f"<meta name=\"htmx-config\" content='{config}'>" in html
    assert html.index('name="htmx-config"') < html.index("htmx-2")
    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
    assert ".htmx-request .htmx-indicator" in css


def test_features_we_never_use_are_denied(client):
    features = dict(
        part.strip().split("=")
        for part in client.get("/robots.txt")["Permissions-Policy"].split(",")
    )

    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def run_with(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    """Run `code` in a fresh Python with the real (production) settings and `env`."""
    # Not the test run's own: its settings module, nor the browser tests' async switch.
    ours = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {key: value for key, value in os.environ.items() if key not in ours}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "findatrial.settings", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "findatrial.example",
    "HTTPS": "1",
    "DEBUG": "",
}


def test_check_deploy_is_clean_with_production_settings():
    done = run_with(
        PRODUCTION,
        "import django; from django.core.management import call_command; django.setup();"
        "call_command('check', deploy=True, fail_level='WARNING')",
    )

    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_without_the_https_switch_check_deploy_warns_about_hsts_and_redirects():
    done = run_with(
        {**PRODUCTION, "HTTPS": ""},
        "import django; from django.core.management import call_command; django.setup();"
        "call_command('check', deploy=True)",
    )

    assert "security.W004" in done.stderr + done.stdout
    assert "security.W008" in done.stderr + done.stdout


def test_the_https_switch_redirects_plain_http_and_sends_hsts_behind_the_proxy():
    done = run_with(
        PRODUCTION,
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "c = Client(HTTP_HOST='findatrial.example')\n"
        "plain = c.get('/robots.txt')\n"
        "print(plain.status_code, plain['Location'])\n"
        "tls = c.get('/robots.txt', HTTP_X_FORWARDED_PROTO='https')\n"
        "print(tls.status_code, tls['Strict-Transport-Security'])\n"
        "print('upgrade-insecure-requests' in tls['Content-Security-Policy'])\n",
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "301 https://findatrial.example/robots.txt",
        "200 max-age=63072000; includeSubDomains; preload",
        "True",
    ]
