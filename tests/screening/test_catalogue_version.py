"""The catalogue's version moves with every write the questionnaire could show, however made."""

from __future__ import annotations

import psycopg
import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection

from screening import catalogue_version, loading
from screening.models import Coverage, Criterion, Question
from tests.builders import make_contact, make_criterion, make_site, make_trial
from trials.models import Condition, Contact, Site, Trial

pytestmark = pytest.mark.django_db

# What the open trials' load and the result cards read, listed here on their own.
READ = [
    model._meta.db_table
    for model in (Trial, Trial.conditions.through, Site, Contact, Condition, Criterion, Coverage)
] + [Question._meta.db_table]


@pytest.fixture
def one_of_everything():
    """A row in every watched table (questions and conditions come with the migrations)."""
    trial = make_trial("NCT00000901", conditions=("sle",))
    make_site(trial)
    make_contact(trial)
    make_criterion(trial, "egfr", "gte", 30)
    Coverage.objects.update_or_create(trial=trial, defaults={"listed": 3, "checked": 1})
    return trial


def _write_one_row_unseen_by_django(table: str) -> None:
    """An UPDATE that changes nothing, in plain SQL: no save(), no signal, no updated_at."""
    with connection.cursor() as cursor:
        pk = connection.introspection.get_primary_key_column(cursor, table)
    quoted, key = connection.ops.quote_name(table), connection.ops.quote_name(pk)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quoted} SET {key} = {key} WHERE {key} = (SELECT MIN({key}) FROM {quoted})"
        )
        assert cursor.rowcount == 1, table


@pytest.mark.parametrize("table", READ)
def test_a_write_in_plain_sql_to_any_table_the_questionnaire_reads_moves_the_version(
    one_of_everything, table
):
    before = loading.data_version()
    _write_one_row_unseen_by_django(table)
    assert loading.data_version() != before


def test_a_trial_unpublished_in_plain_sql_leaves_the_questionnaire_at_once(one_of_everything):
    assert [trial.trial_id for trial in loading.cached_open_trials()] == ["NCT00000901"]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE trials_trial SET published = %s", [False])
    assert loading.cached_open_trials() == []


def test_a_trial_deleted_outright_leaves_the_questionnaire_at_once(one_of_everything):
    loading.cached_open_trials()
    one_of_everything.delete()
    assert loading.cached_open_trials() == []


def test_migrate_puts_back_a_trigger_a_table_lost(one_of_everything):
    """SQLite rebuilds a table to alter it, and the rebuilt table has no triggers."""
    _drop_triggers_of("trials_site")
    before = loading.data_version()
    _write_one_row_unseen_by_django("trials_site")
    assert loading.data_version() == before  # unwatched now: this is what migrate mends

    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    moved = loading.data_version()
    _write_one_row_unseen_by_django("trials_site")
    assert before != moved != loading.data_version()


def test_installing_again_keeps_one_trigger_per_table_and_event():
    catalogue_version.install(connection)
    catalogue_version.install(connection)
    expected = 3 if connection.vendor == "sqlite" else 1  # per row and event, or per statement
    assert _triggers() == {table: expected for table in READ}


def _triggers() -> dict[str, int]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT tbl_name, COUNT(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE %s GROUP BY tbl_name",
                [f"{catalogue_version.TRIGGER}%"],
            )
        else:
            cursor.execute(
                "SELECT tgrelid::regclass::text, COUNT(*) FROM pg_trigger WHERE tgname = %s "
                "GROUP BY tgrelid",
                [catalogue_version.TRIGGER],
            )
        return dict(cursor.fetchall())


def _drop_triggers_of(table: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for event in ("insert", "update", "delete"):
                cursor.execute(f"DROP TRIGGER {catalogue_version.TRIGGER}_{table}_{event}")
        else:
            cursor.execute(f"DROP TRIGGER {catalogue_version.TRIGGER} ON {table}")


# -- PostgreSQL: writers at once, and what readers see -------------------------------------


def _connect() -> psycopg.Connection:
    """A connection of our own to the test database, beside Django's, as another process has."""
    return psycopg.connect(**connection.get_connection_params())


def _version(reader: psycopg.Connection) -> int:
    return reader.execute(f"SELECT SUM(number) FROM {catalogue_version.TABLE}").fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_postgresql_moves_the_version_when_a_change_is_committed_and_writers_never_wait():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time")
    connection.ensure_connection()
    with _connect() as sync, _connect() as editor, _connect() as reader:
        reader.autocommit = True
        start = _version(reader)
        # A long registry sync has written and not committed yet.
        sync.execute("UPDATE trials_trial SET brief_title = brief_title WHERE false")
        assert _version(reader) == start  # nobody sees a change before its data

        # An editor saves meanwhile: they do not wait for the sync to finish.
        editor.execute("SET lock_timeout = '2s'")
        editor.execute("UPDATE trials_site SET city = city WHERE false")
        editor.commit()
        edited = _version(reader)
        assert edited > start

        sync.execute("DELETE FROM trials_contact WHERE false")
        sync.commit()
        assert _version(reader) > edited

        # A savepoint rolled back takes its move with it.
        with editor.transaction():
            done = _version(reader)
            with pytest.raises(psycopg.errors.DivisionByZero), editor.transaction():
                editor.execute("UPDATE trials_trial SET brief_title = brief_title WHERE false")
                editor.execute("SELECT 1 / 0")
        assert _version(reader) == done


@pytest.mark.django_db(transaction=True)
def test_postgresql_a_long_transaction_writes_the_counter_once_and_sees_each_of_its_writes():
    """A sync writes thousands of statements in one transaction: the counter row is written by
    its first only (every row version written would be scanned by each later statement)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite updates its one counter row in place")
    connection.ensure_connection()
    with _connect() as sync, _connect() as reader:
        reader.autocommit = True
        start = _version(reader)
        seen = set()
        for _ in range(50):
            sync.execute("UPDATE trials_site SET city = city WHERE false")
            seen.add(sync.execute(READ_VERSION).fetchone())
        assert len(seen) == 50  # the writer sees a new version after each of its statements
        sync.commit()
        assert _version(reader) == start + 1


# What catalogue_version.read() asks, on a connection of our own.
READ_VERSION = f"SELECT SUM(number), {catalogue_version._MOVES} FROM {catalogue_version.TABLE}"
