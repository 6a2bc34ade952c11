"""The process registry: every running `stackwatch run` says who it is and that it is alive.

Several processes may share one PostgreSQL database. Each registers a row when
it starts (worker id, host, pid, roles, version), refreshes `heartbeat_at` from
a scheduler job, and deletes its row on a graceful stop. A row whose heartbeat
is older than `GONE_AFTER` intervals belongs to a process that died (SIGKILL,
power loss); it stays visible as "gone" for a while, to explain leases that
have not expired yet, and is pruned after `PRUNE_AFTER` intervals.

Nothing here decides who does what: work is shared through leases
(`bot.feedstate`, `bot.outbox`) and singletons (`bot.singletons`); the
registry is what `status` reads to show it.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, update

from bot.storage.schema import processes

#: heartbeats missed before a process counts as gone
GONE_AFTER = 3
#: heartbeats missed before a gone process's row is deleted
PRUNE_AFTER = 240


@dataclass(frozen=True)
class ProcessInfo:
    """What a process says about itself when it registers."""

    worker: str
    roles: tuple[str, ...]
    version: str
    started_at: datetime
    host: str = field(default_factory=socket.gethostname)
    pid: int = field(default_factory=os.getpid)


def register(engine: Engine, info: ProcessInfo, *, now: datetime,
             singletons: Iterable[str] = ()) -> None:
    """Insert (or replace) this process's row."""
    with engine.begin() as conn:
        conn.execute(delete(processes).where(processes.c.worker == info.worker))
        conn.execute(processes.insert().values(
            worker=info.worker, host=info.host[:255], pid=info.pid,
            roles=",".join(info.roles), version=info.version[:50],
            singletons=_joined(singletons), started_at=info.started_at, heartbeat_at=now))


def heartbeat(engine: Engine, info: ProcessInfo, *, now: datetime,
              singletons: Iterable[str], interval: timedelta) -> None:
    """Refresh this process's row (re-creating it if it was pruned) and prune dead rows."""
    with engine.begin() as conn:
        done = conn.execute(update(processes).where(processes.c.worker == info.worker).values(
            heartbeat_at=now, singletons=_joined(singletons)))
        conn.execute(delete(processes).where(
            processes.c.heartbeat_at < now - interval * PRUNE_AFTER))
    if not done.rowcount:  # pruned while this process was suspended: say hello again
        register(engine, info, now=now, singletons=singletons)


def deregister(engine: Engine, worker: str) -> None:
    """Graceful stop: the row goes at once instead of lingering as gone."""
    with engine.begin() as conn:
        conn.execute(delete(processes).where(processes.c.worker == worker))


def _joined(names: Iterable[str]) -> str:
    return ",".join(sorted(names))[:200]
