"""Contacts across every real registry record: numbers that dial, no junk, no repeats."""

import re
from collections import Counter
from html import unescape
from itertools import chain

import pytest
from django.urls import reverse

from tests.trials.real_catalogue import (
    needs_shared_data,
    places_pages,
    real_catalogue,  # noqa: F401 (the module's fixture)
    trial_pages,
    visible_text,
)
from trials.models import Contact

pytestmark = [pytest.mark.django_db, needs_shared_data, pytest.mark.usefixtures("real_catalogue")]

E164_LINK = re.compile(r"^tel:\+[1-9]\d{6,14}(;ext=\d{1,6})?$")


def test_every_phone_on_every_real_page_dials_in_international_form(client):
    links, not_e164, junk_extensions, junk_shown = 0, [], [], []

    # Long site lists show their contacts on the places page.
    for trial, html in chain(trial_pages(client), places_pages(client)):
        for href in re.findall(r'href="(tel:[^"]*)"', html):
            links += 1
            if not E164_LINK.match(unescape(href)):
                not_e164.append((trial.registry_id, href))
        text = visible_text(html)
        junk_extensions += [
            (trial.registry_id, ext)
            for ext in re.findall(r"Call [-+() 0-9]+ extension (\S+)", text)
            if not ext.isdigit()
        ]
        for junk in ("338888888888", "#86#13903008091", "TTY dial 711", "+33)", "2015.12"):
            if junk in text:
                junk_shown.append((trial.registry_id, junk))

    assert links > 400
    assert not_e164 == []
    assert junk_extensions == []
    assert junk_shown == []


def test_the_paris_numbers_dial_france_and_say_so(client):
    text = visible_text(client.get("/trials/NCT03562065/").content.decode())
    html = client.get("/trials/NCT03562065/").content.decode()

    assert 'href="tel:+33142499742"' in html
    assert "Call 01 42 49 97 42 (a number in France)" in text
    assert "+33" not in text


def test_real_extensions_are_kept_and_dialled(client):
    html = client.get(reverse("trials:places", args=["NCT02633163"])).content.decode()

    assert 'href="tel:+14052718001;ext=34400"' in html
    assert "Call (405) 271-8001 extension 34400" in visible_text(html)


def test_no_real_page_lists_a_contact_twice_or_the_backup_first(client):
    repeated, backup_first, researchers_twice = [], [], []

    for trial, html in trial_pages(client):
        for block in re.findall(r'<ul class="contacts.*?</ul>', html, re.S):
            items = [visible_text(item) for item in re.findall(r"<li>(.*?)</li>", block, re.S)]
            if len(items) != len(set(items)):
                repeated.append(trial.registry_id)
            roles = ["backup" if "Backup study contact" in item else "main" for item in items]
            if "backup" in roles and "main" in roles[roles.index("backup") :]:
                backup_first.append(trial.registry_id)
        section = re.search(r'id="researchers-title".*?</ul>', html, re.S)
        if section:
            names = [name.casefold() for name in re.findall(r"<strong>(.*?)</strong>", section[0])]
            if len(names) != len(set(names)):
                researchers_twice.append(trial.registry_id)

    assert repeated == []
    assert backup_first == []
    assert researchers_twice == []


def test_the_registry_phone_is_kept_beside_the_one_we_read():
    paris = Contact.objects.filter(trial__registry_id="NCT03562065", registry_phone="142499742")

    assert list(paris.values_list("phone", "phone_ext", "registry_phone_ext")) == [
        ("+33142499742", "", "+33")
    ]
    unreadable = Contact.objects.filter(registry_phone="338888888888").get()
    assert (unreadable.phone, unreadable.tel_href) == ("", "")


def test_phones_per_country_are_counted_once():
    countries = Counter(
        contact.phone_country or "United States" for contact in Contact.objects.exclude(phone="")
    )

    assert countries["United States"] > 200
    assert countries["France"] >= 5
