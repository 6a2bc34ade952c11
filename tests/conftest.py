"""Shared fixtures: a database URL (and engine) for each backend, a real PostgreSQL included."""

from __future__ import annotations

import gc
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from bot.storage import open_database
from tests.pgserver import find_pg_bin, postgres_server

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """A PostgreSQL superuser URL; the server lives for the whole session."""
    given = os.environ.get("STACKWATCH_TEST_PG_URL")
    if given:
        yield given
        return
    if find_pg_bin() is None:
        if os.environ.get("STACKWATCH_REQUIRE_POSTGRES"):
            pytest.fail("STACKWATCH_REQUIRE_POSTGRES is set but PostgreSQL is not installed")
        pytest.skip("PostgreSQL is not installed here (set STACKWATCH_REQUIRE_POSTGRES in CI)")
    with postgres_server() as url:
        yield url


def _fresh_pg_database(admin_url: str) -> str:
    name = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL to an empty database, once for SQLite and once for PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'stackwatch.db'}"
    admin: str = request.getfixturevalue("pg_admin_url")
    return _fresh_pg_database(admin)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on a migrated, empty database, for each backend."""
    db = open_database(db_url)
    yield db.engine
    db.dispose()


@pytest.fixture
def pg_url(pg_admin_url: str) -> str:
    """A URL to an empty PostgreSQL database (for tests about PostgreSQL-only behaviour)."""
    return _fresh_pg_database(pg_admin_url)


@pytest.fixture(scope="module", autouse=True)
def _freeze_what_earlier_modules_left() -> None:
    """Move every object alive when a test module starts (imports, earlier modules' leftovers)
    out of the collector's sight, so the collection after each test walks only what this
    module made: a few milliseconds, where a walk of everything grew to 30 ms per test."""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _collect_garbage_after_each_test(_freeze_what_earlier_modules_left: None) -> Iterator[None]:
    """Collect garbage when each test ends, so an object it leaked (an unclosed aiohttp
    session, say) warns in that test's teardown instead of in whichever later test the
    collector happens to run."""
    yield
    gc.collect()
