"""The process registry and what `status` makes of it, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, inspect, select

from bot import feedstate, outbox, processes
from bot.commands import CommandContext, run_text
from bot.processes import GONE_AFTER, PRUNE_AFTER, ProcessInfo
from bot.storage import open_database
from bot.storage.migrations import HEAD, MIGRATIONS, _process_registry
from bot.storage.schema import processes as processes_table
from bot.storage.schema import schema_version
from tests.ledger_helpers import add_story

T0 = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
BEAT = timedelta(seconds=10)


def info(worker: str, *roles: str, pid: int = 100) -> ProcessInfo:
    return ProcessInfo(worker=worker, roles=roles or ("watch", "deliver", "chat"),
                       version="9.9", started_at=T0, host="node-1", pid=pid)


def status_at(engine: Engine, now: datetime) -> tuple[str, dict[str, str]]:
    reply = run_text("status", CommandContext(engine=engine, clock=lambda: now, started_at=T0,
                                              version="9.9", heartbeat=BEAT))
    return reply.text, {item.title.split(" ")[0]: item.detail for item in reply.items}


def test_live_processes_with_roles_singletons_and_leases(engine: Engine) -> None:
    processes.register(engine, info("a"), now=T0, singletons=["chat", "notices"])
    processes.register(engine, info("b", "watch", pid=101), now=T0)
    specs = [feedstate.FeedSpec(f"http://127.0.0.1/f{i}", "", "feed", 600) for i in range(5)]
    feedstate.sync_feeds(engine, specs, T0)
    feedstate.claim_due_feeds(engine, now=T0, worker="b", limit=3, lease=timedelta(minutes=5))
    add_story(engine, "s1", [("Cisco", "joined")], when=T0)
    outbox.claim_heads(engine, now=T0, worker="a", lease=timedelta(minutes=2))

    text, found = status_at(engine, T0 + timedelta(seconds=5))
    assert "processes 2 live, 0 gone" in text
    assert "held by no live process" not in text
    assert found["a"].startswith("up 0h 0m; roles watch, deliver, chat; holds chat, notices")
    assert "leases 0 feeds, 1 alerts" in found["a"]
    assert "roles watch; holds no singleton; leases 3 feeds, 0 alerts" in found["b"]
    assert "heartbeat 5s ago" in found["b"] and "v9.9" in found["b"]


def test_silent_process_is_gone_its_leases_orphaned_then_pruned(engine: Engine) -> None:
    processes.register(engine, info("a"), now=T0)
    processes.register(engine, info("b", pid=101), now=T0)
    feedstate.sync_feeds(engine, [feedstate.FeedSpec("http://127.0.0.1/f", "", "feed", 600)], T0)
    feedstate.claim_due_feeds(engine, now=T0, worker="a", limit=5, lease=timedelta(minutes=5))

    later = T0 + BEAT * GONE_AFTER + timedelta(seconds=1)
    processes.heartbeat(engine, info("b", pid=101), now=later, singletons=["chat"],
                        interval=BEAT)
    text, found = status_at(engine, later)
    assert "processes 1 live, 1 gone" in text
    assert "held by no live process: 1 feeds, 0 alerts (leases end by 12:05:00 UTC)" in text
    assert found["a"].startswith("GONE, silent for 31s")
    assert "leases 1 feeds" in found["a"] and "holds chat" in found["b"]
    assert list(found) == ["b", "a"]  # live ones first

    after_lease = T0 + timedelta(minutes=6)
    assert "held by no live process" not in status_at(engine, after_lease)[0]

    much_later = T0 + BEAT * (PRUNE_AFTER + 1)
    processes.heartbeat(engine, info("b", pid=101), now=much_later, singletons=[],
                        interval=BEAT)
    assert list(status_at(engine, much_later)[1]) == ["b"]


def test_heartbeat_recreates_a_pruned_row_and_deregister_removes_it(engine: Engine) -> None:
    processes.heartbeat(engine, info("a"), now=T0, singletons=["websub"], interval=BEAT)
    _, found = status_at(engine, T0)
    assert "holds websub" in found["a"]
    processes.deregister(engine, "a")
    assert status_at(engine, T0)[1] == {}


def test_a_database_from_before_the_registry_gains_it(db_url: str) -> None:
    """The upgrade path: a database at the version before the registry existed."""
    [registry] = [m.version for m in MIGRATIONS if m.apply is _process_registry]
    db = open_database(db_url)
    with db.engine.begin() as conn:  # rewind it to what that version looked like
        processes_table.drop(conn)
        conn.execute(schema_version.delete().where(schema_version.c.version >= registry))
    db.dispose()
    db = open_database(db_url)
    try:
        assert db.schema_version == HEAD >= registry
        assert "processes" in inspect(db.engine).get_table_names()
        with db.engine.connect() as conn:
            versions = conn.execute(select(schema_version.c.version)).scalars().all()
        assert sorted(versions) == list(range(1, HEAD + 1))
        processes.register(db.engine, info("a"), now=T0)
        assert "processes 1 live" in status_at(db.engine, T0)[0]
    finally:
        db.dispose()
