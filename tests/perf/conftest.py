"""Benchmark fixtures: the test database grows to each size once, and the figures print at the end.

Sizes default to 1,000 then 10,000 open trials; BENCH_SIZES=200,1000 picks others. Every test
that asks for `trial_count` runs at each size, smallest first (pytest groups tests by a
session fixture's parameter), so the data is built once and only ever grows.
"""

from __future__ import annotations

import resource

import pytest

from tests.perf.data import REGISTRY_PREFIX, SIZES, build_trials
from tests.perf.timing import FLOOR_LABEL, HEADER, RECORDED


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker):
    """The test database, made whether or not a test asks for `db`: the benchmarks write
    their trials outside test transactions (pytest-django only makes databases that marked
    tests need)."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    if connection.vendor != "sqlite":
        # Its own test database: never the one a test run beside it is using.
        connection.settings_dict["TEST"]["NAME"] = f"test_{connection.settings_dict['NAME']}_bench"
    with django_db_blocker.unblock():
        databases = setup_databases(verbosity=0, interactive=False)
    yield
    with django_db_blocker.unblock():
        teardown_databases(databases, verbosity=0)


@pytest.fixture(scope="session", params=SIZES, ids=lambda size: f"{size}trials")
def trial_count(request, django_db_setup, django_db_blocker) -> int:
    """The test database holds this many open, published trials (written outside any test
    transaction, so they stay for the rest of the run)."""
    from screening import loading
    from trials.models import Trial

    wanted = request.param
    with django_db_blocker.unblock():
        have = Trial.objects.filter(registry_id__startswith=REGISTRY_PREFIX).count()
        if have < wanted:
            built = build_trials(wanted - have, start=have)
            print(
                f"\n[bench] built {built['trials']:,} trials, {built['criteria']:,} criteria "
                f"({built['criteria'] / max(built['trials'], 1):.1f} a trial), "
                f"{built['sites']:,} sites, {built['links']:,} condition links "
                f"in {built['seconds']:.1f} s on {_database()}"
            )
        loading.clear_cache()
    return wanted


@pytest.fixture
def bench_db(django_db_blocker):
    """Database access without a wrapping transaction, as a real request has."""
    with django_db_blocker.unblock():
        yield


def _database() -> str:
    from django.db import connection

    return connection.vendor


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not RECORDED:
        return
    write = terminalreporter.write_line
    write("")
    write(f"Benchmark figures ({_database()}; server time inside Django's handler)")
    write(HEADER)
    floors = {f.trials: f for f in RECORDED if f.label == FLOOR_LABEL}
    for found in RECORDED:
        floor = floors.get(found.trials) if found.label.startswith(("GET", "POST")) else None
        write(found.line(floor))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    write(f"peak memory of the process (max RSS): {peak:,.0f} MiB")
