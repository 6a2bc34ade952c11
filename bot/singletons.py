"""Singletons: work that one process at a time must do, whichever processes are running.

The Discord gateway connection and the Slack Socket Mode connections (`chat`),
WebSub subscription renewals (`websub`) and admin notices (`notices`) must not
run twice when several `stackwatch run` processes share a PostgreSQL database.
Each process that competes keeps one dedicated connection and takes a
session-level `pg_try_advisory_lock(key)` per singleton. The lock lives exactly
as long as that session: when the holder dies (SIGKILL, crash, lost network)
PostgreSQL ends its session and frees the lock, and another process takes it on
its next try, every `retry` seconds. Between tries the holder checks its
connection; if it broke, it gives up everything it held at once (another
process may already have taken over) and competes again after reconnecting.

On SQLite the single process allowed per file (`bot.storage.lock`) holds every
singleton it competes for.

Use `holds(name)` to ask, `guarded(name, job)` to wrap a scheduler job so it
runs only in the holder, and `wait_change()` to react to gains and losses.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Protocol

from sqlalchemy import Connection, Engine, create_engine, exc, text
from sqlalchemy.pool import NullPool

from bot.storage.dialect import advisory_key

log = logging.getLogger(__name__)

#: every singleton there is; a process competes for the ones its roles need
SINGLETONS = ("chat", "notices", "websub")


def lock_key(name: str) -> int:
    """The advisory-lock key of singleton `name`."""
    return advisory_key(f"singleton:{name}")


class LockSessionLost(Exception):
    """The connection holding the locks is gone, and with it every lock it held."""


class Locks(Protocol):
    """Where singleton locks live. Blocking calls: the elector runs them in a thread."""

    def try_acquire(self, names: Sequence[str]) -> set[str]:
        """Take whichever of `names` are free; raise `LockSessionLost` if the session broke."""
        ...

    def check(self) -> None:
        """Raise `LockSessionLost` unless the session (and so every held lock) is intact."""
        ...

    def close(self) -> None:
        """Release everything (ending the session does that on PostgreSQL)."""
        ...


class LocalLocks:
    """SQLite: one process per database file already, so every singleton is ours."""

    def try_acquire(self, names: Sequence[str]) -> set[str]:
        return set(names)

    def check(self) -> None:
        return None

    def close(self) -> None:
        return None


class PostgresLocks:
    """Session-level advisory locks on one dedicated connection, outside the pool.

    TCP keepalives make a dead peer show up within about half a minute even when
    no packet is lost cleanly, and `idle_session_timeout` is switched off for this
    connection: a server default that closed idle sessions would drop the locks.
    """

    def __init__(self, engine: Engine, worker: str, *, connect_timeout: int = 10) -> None:
        self._engine = create_engine(
            engine.url, poolclass=NullPool, isolation_level="AUTOCOMMIT",
            connect_args={"application_name": f"stackwatch singletons {worker}"[:63],
                          "connect_timeout": connect_timeout, "keepalives": 1,
                          "keepalives_idle": 10, "keepalives_interval": 5,
                          "keepalives_count": 3})
        self._conn: Connection | None = None
        self._held: set[str] = set()
        self._mutex = threading.Lock()  # a cancelled tick's thread may still be running

    def try_acquire(self, names: Sequence[str]) -> set[str]:
        with self._mutex:
            return self._try_acquire(names)

    def check(self) -> None:
        with self._mutex:
            self._check()

    def close(self) -> None:
        with self._mutex:
            self._drop()
            self._engine.dispose()

    def _try_acquire(self, names: Sequence[str]) -> set[str]:
        try:
            conn = self._connection()
            for name in names:
                if name not in self._held and conn.execute(
                        text("SELECT pg_try_advisory_lock(:k)"), {"k": lock_key(name)}).scalar():
                    self._held.add(name)
        except exc.SQLAlchemyError as err:
            self._drop()
            raise LockSessionLost(str(err).splitlines()[0]) from err
        return set(self._held)

    def _check(self) -> None:
        if self._conn is None:
            raise LockSessionLost("no lock connection")
        try:
            self._conn.execute(text("SELECT 1"))
        except exc.SQLAlchemyError as err:
            self._drop()
            raise LockSessionLost(str(err).splitlines()[0]) from err

    def _connection(self) -> Connection:
        if self._conn is None:
            self._conn, self._held = self._engine.connect(), set()
            version = self._conn.execute(text("SHOW server_version_num")).scalar_one()
            if int(version) >= 140000:
                self._conn.execute(text("SET idle_session_timeout = 0"))
        return self._conn

    def _drop(self) -> None:
        conn, self._conn, self._held = self._conn, None, set()
        if conn is not None:
            with contextlib.suppress(exc.SQLAlchemyError):
                conn.close()  # ending the session releases its locks


def locks_for(engine: Engine, worker: str) -> Locks:
    """PostgreSQL advisory locks, or the lone SQLite process's implicit ones."""
    return PostgresLocks(engine, worker) if engine.dialect.name == "postgresql" else LocalLocks()


class Singletons:
    """Competes for `names` every `retry` seconds and knows which ones this process holds."""

    def __init__(self, names: Iterable[str], locks: Locks, *, retry: float = 5.0,
                 on_change: Callable[[frozenset[str]], Awaitable[None]] | None = None) -> None:
        self.names = tuple(dict.fromkeys(names))
        unknown = set(self.names) - set(SINGLETONS)
        if unknown:
            raise ValueError(f"unknown singleton(s) {sorted(unknown)}; known: {SINGLETONS}")
        self.retry = retry
        self._locks = locks
        self._on_change = on_change
        self._held: frozenset[str] = frozenset()
        self._version = 0
        self._changed = asyncio.Condition()
        self._task: asyncio.Task[None] | None = None
        self._lost_reported = False

    @property
    def held(self) -> frozenset[str]:
        return self._held

    @property
    def version(self) -> int:
        """Bumped on every gain or loss; pass it to `wait_change`."""
        return self._version

    def holds(self, name: str) -> bool:
        return name in self._held

    async def start(self) -> None:
        """Try once now (so a lone process holds its singletons from the start), then keep
        trying in the background."""
        if not self.names:
            return
        await self.tick()
        self._task = asyncio.create_task(self._loop(), name="singletons")

    async def stop(self) -> None:
        """Stop competing and release everything held."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await asyncio.to_thread(self._locks.close)
        await self._set(frozenset())

    async def tick(self) -> None:
        """One round: check what is held, try to take what is not."""
        try:
            if self._held:
                await asyncio.to_thread(self._locks.check)
            missing = [name for name in self.names if name not in self._held]
            held = frozenset(await asyncio.to_thread(self._locks.try_acquire, missing)
                             if missing else self._held)
            self._lost_reported = False
        except LockSessionLost as err:
            if self._held or not self._lost_reported:
                log.warning("singleton lock connection lost (%s); giving up %s",
                            err, sorted(self._held) or "nothing")
            self._lost_reported = True
            held = frozenset()
        await self._set(held)

    async def wait_change(self, seen: int) -> int:
        """Wait until the held set changes after version `seen`; return the new version."""
        async with self._changed:
            await self._changed.wait_for(lambda: self._version != seen)
            return self._version

    def guarded(self, name: str, job: Callable[[], Awaitable[None]]
                ) -> Callable[[], Awaitable[None]]:
        """`job` wrapped to run only while this process holds singleton `name`."""
        if name not in SINGLETONS:
            raise ValueError(f"unknown singleton {name!r}; known: {SINGLETONS}")

        async def run_if_held() -> None:
            if self.holds(name):
                await job()

        run_if_held.__name__ = f"{name}_singleton_{getattr(job, '__name__', 'job')}"
        return run_if_held

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.retry)
            try:
                await self.tick()
            except Exception:  # a bug here must not end the elections for good
                log.exception("singleton election failed; retrying")

    async def _set(self, held: frozenset[str]) -> None:
        if held == self._held:
            return
        gained, lost = held - self._held, self._held - held
        self._held = held
        log.info("singletons now held: %s (gained %s, lost %s)",
                 sorted(held), sorted(gained), sorted(lost))
        async with self._changed:
            self._version += 1
            self._changed.notify_all()
        if self._on_change is not None:
            try:
                await self._on_change(held)
            except Exception:  # reporting the change is secondary to making it
                log.exception("singleton change callback failed")
