"""The system check that says when the translation catalogues are not compiled."""

import os

from django.core import checks
from django.test import override_settings

from findatrial.checks import catalogues_compiled


def _warnings(folder):
    with override_settings(LOCALE_PATHS=[folder]):
        return [message.id for message in catalogues_compiled()]


def test_a_po_without_its_mo_is_named_by_the_check(tmp_path):
    po = tmp_path / "es" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n')

    assert _warnings(tmp_path) == ["findatrial.W001"]


def test_an_mo_older_than_its_po_is_named_and_a_fresh_one_is_not(tmp_path):
    po = tmp_path / "es" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n')
    mo = po.with_suffix(".mo")
    mo.write_bytes(b"")
    os.utime(mo, (po.stat().st_mtime - 60, po.stat().st_mtime - 60))
    assert _warnings(tmp_path) == ["findatrial.W001"]

    os.utime(mo, (po.stat().st_mtime + 60, po.stat().st_mtime + 60))
    assert _warnings(tmp_path) == []


def test_the_project_catalogues_pass_the_check_once_compiled():
    # The test session compiles them first (tests/conftest.py), as `make install` does.
    assert "findatrial.W001" not in [m.id for m in checks.run_checks(tags=["translation"])]
