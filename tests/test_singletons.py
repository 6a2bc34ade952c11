"""Singletons: one holder at a time on PostgreSQL, takeover when its session dies.

A holder's death is played by terminating its lock connection's backend from
outside (what PostgreSQL does when the process is killed or the network drops);
the process-level test (tests/test_scale.py) SIGKILLs real workers.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy import create_engine, text

from bot.app import App
from bot.chat import ChatSupervisor, build_chat_adapters
from bot.config import parse_config
from bot.singletons import SINGLETONS, LocalLocks, PostgresLocks, Singletons, locks_for
from bot.storage import open_database
from tests.fakeslack import FakeSlack

RETRY = 0.1


async def until(check: Callable[[], bool], timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not check():
            await asyncio.sleep(0.02)


def kill_lock_session(pg_admin_url: str, worker: str) -> int:
    """Terminate the backend holding `worker`'s locks; return how many were terminated."""
    engine = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            return len(conn.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = :name"), {"name": f"stackwatch singletons {worker}"}
            ).all())
    finally:
        engine.dispose()


async def test_the_lone_sqlite_process_holds_every_singleton() -> None:
    ran: list[str] = []

    async def job() -> None:
        ran.append("notices")

    elector = Singletons(SINGLETONS, LocalLocks(), retry=RETRY)
    guarded = elector.guarded("notices", job)
    await guarded()
    assert ran == []  # nothing held before start
    await elector.start()
    try:
        assert elector.held == frozenset(SINGLETONS)
        await guarded()
        assert ran == ["notices"]
    finally:
        await elector.stop()
    assert elector.held == frozenset()


def test_unknown_singleton_names_are_refused() -> None:
    with pytest.raises(ValueError, match=r"unknown singleton.*'chat', 'notices', 'websub'"):
        Singletons(["chat", "notice"], LocalLocks())
    with pytest.raises(ValueError, match="unknown singleton 'websubs'"):
        Singletons([], LocalLocks()).guarded("websubs", asyncio.sleep)


@pytest.mark.postgres
async def test_one_holder_then_takeover_when_its_session_dies(pg_url: str,
                                                              pg_admin_url: str) -> None:
    db = open_database(pg_url)
    a = Singletons(SINGLETONS, PostgresLocks(db.engine, "A"), retry=RETRY)
    b = Singletons(SINGLETONS, PostgresLocks(db.engine, "B"), retry=RETRY)
    runs = {"A": 0, "B": 0}

    def job(who: str) -> Callable[[], Awaitable[None]]:
        async def count() -> None:
            runs[who] += 1
        return count

    try:
        await a.start()
        await b.start()
        assert a.held == frozenset(SINGLETONS) and b.held == frozenset()
        await asyncio.sleep(RETRY * 3)  # B keeps trying and keeps failing
        assert b.held == frozenset()
        for _ in range(3):
            await a.guarded("notices", job("A"))()
            await b.guarded("notices", job("B"))()
        assert runs == {"A": 3, "B": 0}

        seen = a.version
        assert kill_lock_session(pg_admin_url, "A") == 1
        await asyncio.wait_for(a.wait_change(seen), 5)  # A notices on its next check
        await until(lambda: b.held == frozenset(SINGLETONS))
        assert not (a.held & b.held)
        await asyncio.sleep(RETRY * 3)  # A reconnects and competes again, without success
        assert a.held == frozenset()

        await b.stop()  # graceful: released at once, A takes over on its next try
        await until(lambda: a.held == frozenset(SINGLETONS))
    finally:
        await a.stop()
        await b.stop()
        db.dispose()


@pytest.mark.postgres
async def test_locks_for_picks_the_backend(pg_url: str, tmp_path: Path) -> None:
    sqlite = open_database(f"sqlite:///{tmp_path / 'sw.db'}")
    pg = open_database(pg_url)
    try:
        assert isinstance(locks_for(sqlite.engine, "w"), LocalLocks)
        locks = locks_for(pg.engine, "w")
        assert isinstance(locks, PostgresLocks)
        locks.close()
    finally:
        sqlite.dispose()
        pg.dispose()


# --- the chat adapters follow the `chat` singleton ---------------------------------------


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as slack:
        yield slack


def chat_app(url: str, fake: FakeSlack) -> App:
    config = parse_config(f"""
        [storage]
        url = "{url}"
        [slack]
        mode = "socket"
        api_base_url = "{fake.base_url}"
        """, environ={"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-test"})
    # Chat commands never use the classifier, so none is compiled here (App.open would).
    return App(config=config, db=open_database(url), classifier=None,  # type: ignore[arg-type]
               console=Console(file=io.StringIO()))


@pytest.mark.postgres
async def test_chat_runs_in_the_holder_only_and_moves_when_it_dies(
        pg_url: str, pg_admin_url: str, fake_slack: FakeSlack) -> None:
    apps = [chat_app(pg_url, fake_slack) for _ in range(2)]
    electors = [Singletons(["chat"], locks_for(app.db.engine, app.worker), retry=RETRY)
                for app in apps]
    supervisors = [ChatSupervisor(lambda app=app: build_chat_adapters(app), elector)  # type: ignore[misc]
                   for app, elector in zip(apps, electors, strict=True)]
    tasks: list[asyncio.Task[None]] = []
    try:
        for elector, supervisor in zip(electors, supervisors, strict=True):
            await elector.start()
            tasks.append(asyncio.create_task(supervisor.run()))
        await fake_slack.wait_calls("apps.connections.open", 1)
        await asyncio.sleep(RETRY * 5)
        assert len(fake_slack.calls_to("apps.connections.open")) == 1  # one connection only
        holder = 0 if electors[0].holds("chat") else 1
        assert [bool(s.running) for s in supervisors] == [holder == 0, holder == 1]
        first_socket = fake_slack._ws
        assert first_socket is not None

        assert kill_lock_session(pg_admin_url, apps[holder].worker) == 1
        await fake_slack.wait_calls("apps.connections.open", 2)
        await until(lambda: first_socket.closed)  # the old holder let go of its connection
        assert not supervisors[holder].running and supervisors[1 - holder].running
        # apps.connections.open comes before the socket: wait for the new one to connect.
        await until(lambda: fake_slack._ws is not first_socket)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for elector in electors:
            await elector.stop()
        for app in apps:
            app.close()
    assert not any(s.running for s in supervisors)


async def test_a_cancel_while_chat_is_stopping_still_closes_every_connection(
        tmp_path: Path, fake_slack: FakeSlack) -> None:
    """The service cancels the chat task on shutdown, maybe while it is already stopping
    the adapters (the `chat` singleton was just lost) or being cancelled twice. Every adapter
    must still close its connections: an interrupted close left the SDK's aiohttp session
    for the garbage collector ("Unclosed client session", in whichever test came next) and
    the other adapters running."""
    app = chat_app(f"sqlite:///{tmp_path / 'sw.db'}", fake_slack)
    elector = Singletons(["chat"], LocalLocks(), retry=RETRY)
    supervisor = ChatSupervisor(lambda: build_chat_adapters(app) + build_chat_adapters(app),
                                elector)
    await elector.start()
    running = asyncio.create_task(supervisor.run())
    try:
        await until(lambda: len(fake_slack.sockets) == 2)
        sessions = [adapter._socket.client.aiohttp_client_session  # type: ignore[attr-defined]
                    for adapter in supervisor.running]
        running.cancel()
        await asyncio.sleep(0)  # stopping: the first adapter awaits its websocket's close
        assert not running.done()
        running.cancel()
        with pytest.raises(asyncio.CancelledError):
            await running
        assert supervisor.running == []
        assert [session.closed for session in sessions] == [True, True]
        await until(lambda: all(ws.closed for ws in fake_slack.sockets))
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
        await elector.stop()
        app.close()
