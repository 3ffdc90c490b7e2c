"""Shared fixtures: builders for trials and the people who use the site."""

from pathlib import Path

import pytest

from tests.builders import make_staff


def pytest_sessionstart(session):
    """The Spanish pages need compiled catalogues: `make test` builds them, a bare `pytest` too."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in Path(__file__).resolve().parent.parent.glob("locale/*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as source:
                catalog = read_po(source)
            with mo.open("wb") as target:
                write_mo(target, catalog)


@pytest.fixture(autouse=True)
def fresh_django_cache():
    """Each test starts with empty caches: pages and fragments kept by trials.freshness, and
    the site's header and footer (settings.CACHES["per_process"])."""
    from django.core.cache import caches

    for kept in caches.all():
        kept.clear()
    yield
    for kept in caches.all():
        kept.clear()


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request to /es/ leaves Spanish active in this thread (LocaleMiddleware activates the
    address's language and never deactivates it): the next test starts in English again."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture
def alice(db):
    """Alice is an editor on our staff."""
    return make_staff("alice")


@pytest.fixture
def shipped_data(transactional_db):
    """The rows our data migrations ship (conditions, question bank).

    Tests on a transactional database (the browser tests) start after other tests have
    flushed every table, so the rows that `migrate` wrote must be written again.
    """
    from importlib import import_module

    from django.apps import apps
    from django.db.migrations import RunPython

    for module in (
        "trials.migrations.0002_conditions",
        "screening.migrations.0002_question_bank",
        "screening.migrations.0005_question_terms",
        "screening.migrations.0006_refresh_question_terms",
        "screening.migrations.0007_refresh_question_terms",
        "screening.migrations.0011_question_bank_spanish",
        "trials.migrations.0011_condition_spanish_names",
    ):
        migration = import_module(module)
        for operation in migration.Migration.operations:
            if isinstance(operation, RunPython):
                operation.code(apps, None)
