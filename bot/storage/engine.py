"""Opening a database: URL checks, dialect settings, migration, clear errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import make_url

from bot.storage.migrations import migrate


class DatabaseError(Exception):
    """The database could not be opened or migrated; the message says why."""


@dataclass(frozen=True)
class Database:
    engine: Engine
    url: str
    schema_version: int

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str, *, echo: bool = False) -> Database:
    """Create the engine, check it answers, and migrate it to the current schema."""
    engine = _create_engine(url, echo=echo)
    try:
        with engine.begin() as conn:
            version = migrate(conn)
    except exc.SQLAlchemyError as err:
        engine.dispose()
        raise DatabaseError(f"cannot open database {mask_url(url)}: {_reason(err)}") from err
    except RuntimeError as err:
        engine.dispose()
        raise DatabaseError(f"cannot use database {mask_url(url)}: {err}") from err
    return Database(engine=engine, url=url, schema_version=version)


def mask_url(url: str) -> str:
    """The URL with any password hidden, fit for logs and error messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except exc.ArgumentError:
        return "<unparsable database URL>"


def _create_engine(url: str, *, echo: bool) -> Engine:
    try:
        parsed = make_url(url)
    except exc.ArgumentError as err:
        raise DatabaseError(f"not a database URL: {url!r}") from err
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, parsed.database, echo=echo)
    if backend == "postgresql":
        if parsed.drivername == "postgresql":  # plain postgresql:// means psycopg 3 here
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, echo=echo, pool_pre_ping=True)
    raise DatabaseError(f"unsupported database {backend!r}: use sqlite:/// or postgresql://")


def _sqlite_engine(url: str, database: str | None, *, echo: bool) -> Engine:
    if database and database != ":memory:":
        parent = Path(database).expanduser().resolve().parent
        if not parent.is_dir():
            raise DatabaseError(f"cannot open database {url}: folder {parent} does not exist")
    engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False,
                                                         "timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        # Let pysqlite's implicit BEGIN go; we issue BEGIN IMMEDIATE ourselves so
        # writers queue on the lock instead of failing half-way (see below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _reason(err: exc.SQLAlchemyError) -> str:
    orig = getattr(err, "orig", None)
    text = str(orig if orig is not None else err).strip().splitlines()
    return text[0] if text else type(err).__name__
