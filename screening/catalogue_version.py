"""The catalogue's version: a number the database moves itself on every change to what the
questionnaire and its result cards read.

Triggers on each table read (watched_tables) move a small counter table on every write, so a
trial deleted outright, a bulk `update()` or raw SQL is seen as surely as a save in the admin,
and reading the version is one tiny query instead of eight index lookups (about 0.11 ms against
0.6 ms on PostgreSQL, as Django asks it, on every questionnaire request).

- PostgreSQL: a trigger per statement. A writing transaction's first statement takes one of
  SLOTS counter rows that no other transaction holds (`FOR UPDATE SKIP LOCKED`) and adds one
  to it, so a long registry sync does not make an editor's save wait; the version is their
  sum. A change and its move are committed together, so no process can read the new version
  with the old data. The transaction's later statements only count themselves in a setting
  local to it, which the same transaction reads with the sum (a test, or a request that saves
  then screens): writing the counter row on every statement left a dead row version each
  time, which every later statement of a long transaction scanned (20,000 statements took
  3.4 s, a sync of thousands of trials in one transaction would have taken hours).
- SQLite: a trigger per row on one counter row, updated in place (SQLite has neither
  statement triggers nor concurrent writers).

The triggers are (re)installed after every `migrate` (post_migrate), not by a migration: SQLite
rebuilds a table to alter it, which drops its triggers, and a later migration could otherwise
leave a table unwatched without anyone noticing.
"""

from __future__ import annotations

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

from screening.models import Coverage, Criterion, Question
from trials.models import Condition, Contact, Site, Trial

TABLE = "findatrial_catalogue_version"
TRIGGER = "findatrial_catalogue_changed"
# Counter rows on PostgreSQL: as many transactions can write the catalogue at once without
# waiting for one another (imports, syncs, editors).
SLOTS = 16
# The statements the current transaction has made to watched tables, on PostgreSQL.
_MOVES = "COALESCE(NULLIF(current_setting('findatrial.catalogue_moves', true), ''), '0')"


def watched_tables() -> list[str]:
    """Every table whose rows the open trials' load (screening.loading) or a result card's facts
    (screening.result_cards) read."""
    models = [Trial, Trial.conditions.through, Site, Contact, Condition, Criterion, Coverage]
    return [model._meta.db_table for model in (*models, Question)]


def read(connection: BaseDatabaseWrapper) -> tuple[int, int]:
    """The current version, as this connection's transaction sees it: one query."""
    moves = f"CAST({_MOVES} AS bigint)" if connection.vendor == "postgresql" else "0"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT CAST(SUM(number) AS bigint), {moves} FROM {TABLE}")
        number, moved = cursor.fetchone()
    return (number or 0, moved)


def install(connection: BaseDatabaseWrapper) -> None:
    """Creates the counter and puts the triggers on every watched table that exists, replacing
    any made before (so a changed trigger reaches every database); safe to run again. It moves
    the version once, since a table rebuilt without its trigger may have changed unseen."""
    statements = {"postgresql": _postgresql, "sqlite": _sqlite}.get(connection.vendor)
    if statements is None:
        raise NotImplementedError(
            f"the catalogue version has no triggers for {connection.vendor}: "
            "use PostgreSQL, or SQLite for development"
        )
    existing = set(connection.introspection.table_names())
    tables = [table for table in watched_tables() if table in existing]
    with connection.cursor() as cursor:
        for statement in statements(tables, connection.ops.quote_name):
            cursor.execute(statement)
        cursor.execute(f"UPDATE {TABLE} SET number = number + 1 WHERE slot = 0")


def install_after_migrate(sender, using: str, **kwargs) -> None:
    install(connections[using])


def _postgresql(tables: list[str], quote) -> list[str]:
    return [
        f"CREATE TABLE IF NOT EXISTS {TABLE} "
        "(slot smallint PRIMARY KEY, number bigint NOT NULL DEFAULT 0)",
        f"INSERT INTO {TABLE} (slot) SELECT generate_series(0, {SLOTS - 1}) ON CONFLICT DO NOTHING",
        # The count lives in a setting local to the transaction (set_config's `true`): it is
        # forgotten at commit, and rolled back with a savepoint, as the counter row and its
        # lock are.
        f"""
        CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            moves bigint := {_MOVES};
            held smallint;
        BEGIN
            IF moves = 0 THEN
                SELECT slot INTO held FROM {TABLE} ORDER BY slot LIMIT 1
                    FOR UPDATE SKIP LOCKED;
                UPDATE {TABLE} SET number = number + 1
                    WHERE slot = COALESCE(held, 0);  -- every slot held: wait for the first
            END IF;
            PERFORM set_config('findatrial.catalogue_moves', (moves + 1)::text, true);
            RETURN NULL;
        END
        $$
        """,
        *(
            statement
            for table in tables
            for statement in (
                f"DROP TRIGGER IF EXISTS {TRIGGER} ON {quote(table)}",
                f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {quote(table)} FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()",
            )
        ),
    ]


def _sqlite(tables: list[str], quote) -> list[str]:
    return [
        f"CREATE TABLE IF NOT EXISTS {TABLE} "
        "(slot integer PRIMARY KEY, number integer NOT NULL DEFAULT 0)",
        f"INSERT OR IGNORE INTO {TABLE} (slot) VALUES (0)",
        *(
            statement
            for table in tables
            for event in ("INSERT", "UPDATE", "DELETE")
            for name in [f"{TRIGGER}_{table}_{event.lower()}"]
            for statement in (
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} AFTER {event} ON {quote(table)} "
                f"BEGIN UPDATE {TABLE} SET number = number + 1 WHERE slot = 0; END",
            )
        ),
    ]
