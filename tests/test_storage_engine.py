"""Opening, migrating and refusing databases, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from bot.storage import DatabaseError, open_database
from bot.storage.migrations import HEAD
from bot.storage.schema import schema_version


def test_fresh_database_is_created_at_head(db_url: str) -> None:
    db = open_database(db_url)
    try:
        tables = set(inspect(db.engine).get_table_names())
        assert {"feeds", "stories", "verdicts", "events", "event_sources",
                "deliveries", "schema_version"} <= tables
        assert db.schema_version == HEAD
    finally:
        db.dispose()


def test_reopening_does_not_migrate_twice(db_url: str) -> None:
    open_database(db_url).dispose()
    db = open_database(db_url)
    with db.engine.connect() as conn:
        versions = conn.execute(select(schema_version.c.version)).scalars().all()
    db.dispose()
    assert versions == [HEAD]


def test_corrupt_sqlite_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match="file is not a database"):
        open_database(f"sqlite:///{path}")


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(f"sqlite:///{tmp_path / 'nope' / 'x.db'}")


def test_unreachable_postgres_is_a_clear_error_without_password() -> None:
    url = "postgresql://u:s3cret@127.0.0.1:1/db?connect_timeout=2"
    with pytest.raises(DatabaseError) as caught:
        open_database(url)
    assert "s3cret" not in str(caught.value)
    assert "127.0.0.1" in str(caught.value)


def test_unsupported_scheme_is_refused() -> None:
    with pytest.raises(DatabaseError, match="unsupported database"):
        open_database("mysql://x@localhost/db")


def test_newer_schema_is_refused(db_url: str) -> None:
    db = open_database(db_url)
    with db.engine.begin() as conn:
        conn.execute(schema_version.insert().values(
            version=HEAD + 1, description="future", applied_at=datetime.now(UTC)))
    db.dispose()
    with pytest.raises(DatabaseError, match="newer than this stackwatch"):
        open_database(db_url)
