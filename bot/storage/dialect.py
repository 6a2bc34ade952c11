"""The few statements whose spelling differs between SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Connection, Table, text
from sqlalchemy.dialects import postgresql, sqlite


def insert_ignoring_conflicts(conn: Connection, table: Table, index_elements: list[str]) -> Any:
    """`INSERT ... ON CONFLICT (cols) DO NOTHING` for the connection's dialect."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=index_elements)
    return sqlite.insert(table).on_conflict_do_nothing(index_elements=index_elements)


def advisory_key(name: str) -> int:
    """A stable signed 64-bit PostgreSQL advisory-lock key for a name."""
    digest = hashlib.sha256(f"stackwatch:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def serialise(conn: Connection, name: str) -> None:
    """Make transactions that call this with the same `name` run one at a time.

    PostgreSQL: a transaction-scoped advisory lock, freed at commit. SQLite: nothing
    to do, `BEGIN IMMEDIATE` already lets one writer in at a time.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": advisory_key(name)})
