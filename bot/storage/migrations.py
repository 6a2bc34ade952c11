"""Schema versions and the steps between them.

A fresh database gets the current schema in one `create_all` and is stamped
with the newest version (what Alembic calls "create_all then stamp head"); an
older database runs each pending step in order. A step is a function of one
`Connection` inside the migration transaction, so it is atomic on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, inspect, select, text, update

from bot.storage.schema import (
    events,
    metadata,
    notices,
    processes,
    schema_version,
    websub_subscriptions,
)
from classifiers.companykey import company_key


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _initial(conn: Connection) -> None:
    metadata.create_all(conn)


def _notices(conn: Connection) -> None:
    notices.create(conn, checkfirst=True)  # with its index


def _process_registry(conn: Connection) -> None:
    processes.create(conn, checkfirst=True)


def _websub(conn: Connection) -> None:
    websub_subscriptions.create(conn, checkfirst=True)  # with its index


def _rekey_companies(conn: Connection) -> None:
    """Events keyed before the ledger and the backtest shared one `company_key`
    (which now also drops "AS", "s.r.o.", "Pty Ltd"... ) get today's key, so a
    new report of the same company merges into its old event."""
    rows = conn.execute(select(events.c.id, events.c.company, events.c.company_key)).all()
    for row in rows:
        key = company_key(row.company)
        if key != row.company_key:
            conn.execute(update(events).where(events.c.id == row.id).values(company_key=key))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: feeds, stories, verdicts, events, sources, deliveries", _initial),
    Migration(2, "admin notices queue", _notices),
    Migration(3, "process registry: processes", _process_registry),
    Migration(4, "WebSub subscriptions", _websub),
    Migration(5, "events.company_key from the shared matching key", _rekey_companies),
)

HEAD = MIGRATIONS[-1].version

# Any 64-bit number unique to this application; serialises concurrent migrators.
_PG_LOCK_KEY = 0x5357_4D49_4752


def migrate(conn: Connection) -> int:
    """Bring the schema to HEAD inside the caller's transaction; return the version."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    if not inspect(conn).has_table(schema_version.name):
        metadata.create_all(conn)
        _stamp(conn, HEAD, "created at head")
        return HEAD
    current = conn.execute(select(schema_version.c.version).order_by(
        schema_version.c.version.desc()).limit(1)).scalar_one_or_none() or 0
    if current > HEAD:
        raise RuntimeError(
            f"database schema is version {current}, newer than this stackwatch ({HEAD}); "
            "upgrade stackwatch")
    for step in MIGRATIONS:
        if step.version > current:
            step.apply(conn)
            _stamp(conn, step.version, step.description)
    return HEAD


def _stamp(conn: Connection, version: int, description: str) -> None:
    conn.execute(insert(schema_version).values(
        version=version, description=description, applied_at=datetime.now(UTC)))
