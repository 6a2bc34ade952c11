"""Issue #8: three `stackwatch run` processes share 2,000 feeds on one PostgreSQL.

Real processes, a real PostgreSQL, a local feed server that records when each
feed was requested, and the fake Slack Web API (with Socket Mode) as the chat
platform. The workers run several sweeps; then the one holding the chat
singleton is frozen (SIGSTOP, so its leases can be read exactly) and killed
(SIGKILL) in the middle of a sweep. Checked: no feed is fetched twice within
its interval (the killed worker's leased feeds only after their lease ended,
and within a few seconds of it), every alert reaches Slack exactly once,
before and after the kill, the chat connection moves to a survivor, and the
registry shows the dead worker as gone.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import psutil
import pytest
from sqlalchemy import Engine, select

from bot import queries
from bot.storage import open_database
from bot.storage.schema import feeds, processes
from tests.fakeslack import FakeSlack
from tests.feedserver import FeedServer

pytestmark = [pytest.mark.postgres, pytest.mark.timeout(120)]

FEEDS, WORKERS = 2000, 3
FIRST_JOINS, LATER_JOINS = 20, 10
INTERVAL, LEASE, TICK, HEARTBEAT = 6, 5, 1, 1
#: how late a request may be recorded relative to the worker's clock (loop latency)
SLACK_S = 0.5
#: how long after a dead worker's lease ends a survivor may take to poll the feed
PICKUP_S = 5.0
CHANNEL = "C0SCALE01"
NAMES = ["Nimbus", "Quarry", "Copper", "Harbor", "Falcon", "Granite", "Juniper", "Lattice",
         "Meridian", "Obsidian", "Pinnacle", "Radiant", "Sable", "Tundra", "Umber", "Vertex",
         "Willow", "Zephyr", "Aurora", "Basalt", "Cobalt", "Delta", "Ember", "Fjord",
         "Glacier", "Helix", "Indigo", "Jasper", "Kestrel", "Lumen"]


def path(i: int) -> str:
    return f"/f/{i:04d}.xml"


def rss(i: int, joiner: str | None = None) -> bytes:
    """A one-item feed of old news (backlog on the first poll); `joiner` adds a join story."""
    items = (f"<item><title>Feed {i} weekly notes</title><link>http://x.test/{i}</link>"
             f"<guid>old-{i}</guid><pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate>"
             "<description>Nothing to see.</description></item>")
    if joiner:
        now = format_datetime(datetime.now(UTC))
        items = (f"<item><title>{joiner} Grid joins OpenStack</title>"
                 f"<link>http://x.test/{i}/{joiner}</link><guid>{joiner}-{i}</guid>"
                 f"<pubDate>{now}</pubDate><description>{joiner} Grid Ltd has joined the "
                 "OpenStack Foundation as a Gold member, the company said on Monday. "
                 f"{joiner} Grid will contribute engineers to the Nova project.</description>"
                 "</item>") + items
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Outlet {i}</title>"
            f"<link>http://x.test/</link>{items}</channel></rss>").encode()


def serve_feed(server: FeedServer, i: int, joiner: str | None = None, version: int = 1) -> str:
    return server.serve(path(i), rss(i, joiner), etag=f'"{i}-v{version}"')


def write_config(tmp_path: Path, db_url: str, server: FeedServer, slack: FakeSlack) -> Path:
    lines = [
        f"[storage]\nurl = '{db_url}'",
        f"[watch]\nallow_private_networks = true\ntick_seconds = {TICK}\n"
        f"default_interval_minutes = {INTERVAL / 60!r}\njitter_fraction = 0.0\n"
        f"timeout_seconds = 3\nlease_seconds = {LEASE}\nconcurrency = 50\n"
        "per_host_concurrency = 50",
        "[delivery]\ninterval_seconds = 1\nlease_seconds = 10",
        f"[cluster]\nheartbeat_seconds = {HEARTBEAT}\ntakeover_seconds = 1",
        f"[slack]\nmode = 'socket'\napi_base_url = '{slack.base_url}'",
        f"[[destinations]]\nname = 'news'\nplatform = 'slack'\nchannel = '{CHANNEL}'",
    ]
    lines += [f"[[feeds]]\nurl = '{server.url(path(i))}'\nfetch_articles = false"
              for i in range(FEEDS)]
    config = tmp_path / "stackwatch.toml"
    config.write_text("\n".join(lines) + "\n")
    return config


async def start_worker(config: Path, log: Path) -> asyncio.subprocess.Process:
    with log.open("wb") as out:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", "--config", str(config),
            stdout=out, stderr=asyncio.subprocess.STDOUT,
            env={"PATH": "/usr/bin:/bin", "SLACK_BOT_TOKEN": "xoxb-scale",
                 "SLACK_APP_TOKEN": "xapp-scale"})


async def until(check: Callable[[], Any], timeout: float, what: str) -> Any:
    """Poll `check` (run in a thread when it touches the database) until it is truthy."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if asyncio.iscoroutine(found):
            found = await found
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(0.2)


def alerts_by_company(slack: FakeSlack) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for message in slack.messages:
        if message["channel"] == CHANNEL:
            counts[message["text"]] += 1
    return dict(counts)


def requests_by_feed(server: FeedServer) -> dict[str, list[tuple[float, int]]]:
    """(time, client port) of every request, per feed, in order."""
    found: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for hit in server.requests:
        found[hit.path].append((hit.at, hit.peer_port))
    return {p: sorted(hits) for p, hits in found.items()}


def ports_of(pid: int, server_port: int) -> set[int]:
    """The client ports of a (stopped) process's connections to the feed server."""
    return {c.laddr.port for c in psutil.Process(pid).net_connections("tcp")
            if c.raddr and c.raddr.port == server_port}


def polls_of_every_feed(server: FeedServer) -> int:
    counts: dict[str, int] = defaultdict(int)
    for hit in server.requests:
        counts[hit.path] += 1
    return min(counts.get(path(i), 0) for i in range(FEEDS))


def registry(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        return {row.worker: row for row in conn.execute(select(processes))}


def leases_of(engine: Engine, worker: str) -> dict[str, float]:
    """Paths of the feeds `worker` holds right now, with when each lease ends."""
    with engine.connect() as conn:
        rows = conn.execute(select(feeds.c.url, feeds.c.lease_until)
                            .where(feeds.c.claimed_by == worker)).all()
    return {"/" + url.split("/", 3)[3]: row_until.timestamp() for url, row_until in rows}


@pytest.fixture
def engine(pg_url: str) -> Iterator[Engine]:
    """The shared database, migrated before the workers start (as an operator would)."""
    db = open_database(pg_url)
    yield db.engine
    db.dispose()


async def test_three_workers_share_the_feeds_and_survive_a_kill(
        tmp_path: Path, pg_url: str, engine: Engine) -> None:
    async with FeedServer() as server, FakeSlack() as slack:
        joiners = dict(zip(range(0, FEEDS, FEEDS // FIRST_JOINS), NAMES, strict=False))
        for i in range(FEEDS):
            serve_feed(server, i, joiners.get(i))
        config = write_config(tmp_path, pg_url, server, slack)
        workers = [await start_worker(config, tmp_path / f"worker{n}.log")
                   for n in range(WORKERS)]
        try:
            await run_scenario(server, slack, engine, workers, joiners)
        finally:
            for proc in workers:
                if proc.returncode is None:
                    proc.kill()
                    await proc.wait()
        for n, proc in enumerate(workers):
            log = (tmp_path / f"worker{n}.log").read_text()
            if proc.returncode != -signal.SIGKILL:
                assert proc.returncode == 0, log[-3000:]
                assert "Traceback" not in log, log[-3000:]


async def run_scenario(server: FeedServer, slack: FakeSlack, engine: Engine,
                       workers: list[asyncio.subprocess.Process],
                       joiners: dict[int, str]) -> None:
    # -- several sweeps by three workers ---------------------------------------------------
    await until(lambda: asyncio.to_thread(lambda: len(registry(engine)) == WORKERS), 30,
                "three registered workers")
    expected = {f"{name} Grid joined OpenStack" for name in joiners.values()}
    await until(lambda: set(alerts_by_company(slack)) >= expected, 40, "the first alerts")
    await until(lambda: polls_of_every_feed(server) >= 2, 40, "two polls of every feed")

    # -- freeze the chat holder while it holds feeds, read its leases, kill it -------------
    rows = await asyncio.to_thread(registry, engine)
    [holder] = [row for row in rows.values() if "chat" in row.singletons.split(",")]
    assert {row.pid for row in rows.values()} == {proc.pid for proc in workers}
    assert len(slack.calls_to("apps.connections.open")) == 1  # only the holder connected
    victim = next(proc for proc in workers if proc.pid == holder.pid)
    leased: dict[str, float] = {}
    deadline = time.monotonic() + 20
    while not leased:
        assert time.monotonic() < deadline, "the chat holder never held a feed"
        os.kill(victim.pid, signal.SIGSTOP)
        killed_at = time.time()
        leased = await asyncio.to_thread(leases_of, engine, holder.worker)
        # Its requests already on the wire are recorded a little after this instant:
        # its connections tell them apart from the survivors'.
        victim_ports = ports_of(victim.pid, server.port)
        if not leased:
            os.kill(victim.pid, signal.SIGCONT)
            await asyncio.sleep(0.05)
    victim.kill()
    await victim.wait()

    # -- news after the kill: some of it in feeds the dead worker held ---------------------
    more = sorted(int(p[3:7]) for p in leased if int(p[3:7]) not in joiners)
    more = more[:LATER_JOINS // 2]
    more += [i for i in range(1, FEEDS, 7) if i not in joiners and i not in more]
    later = dict(zip(more[:LATER_JOINS], NAMES[FIRST_JOINS:], strict=True))
    for i, name in later.items():
        serve_feed(server, i, name, version=2)
    expected |= {f"{name} Grid joined OpenStack" for name in later.values()}

    await until(lambda: len(slack.calls_to("apps.connections.open")) == 2, 10,
                "a survivor to take the chat connection over")
    def picked_up() -> bool:
        polls = requests_by_feed(server)
        return all(any(at > killed_at and port not in victim_ports for at, port in polls[p])
                   for p in leased)

    await until(picked_up, max(leased.values()) - time.time() + 15,
                "every feed the dead worker held to be polled by a survivor")
    await until(lambda: set(alerts_by_company(slack)) >= expected, 30, "the later alerts")
    round_done = max(leased.values()) + 0.5
    await until(lambda: all(hits[-1][0] > round_done
                            for hits in requests_by_feed(server).values()),
                INTERVAL * 3, "a full round of polls by the survivors")
    cluster = await asyncio.to_thread(queries.cluster, engine, now=datetime.now(UTC),
                                      gone_after=timedelta(seconds=HEARTBEAT * 3))
    for proc in workers:
        if proc is not victim:
            proc.send_signal(signal.SIGTERM)
    for proc in workers:
        await asyncio.wait_for(proc.wait(), 20)

    # -- what the feed server and Slack saw ------------------------------------------------
    assert alerts_by_company(slack) == dict.fromkeys(expected, 1)  # each alert exactly once
    polls = requests_by_feed(server)
    assert len(polls) == FEEDS
    early, late, pickups = [], [], {}
    for feed_path in leased:  # the survivors' first poll of each feed the dead worker held
        pickups[feed_path] = next(at for at, port in polls[feed_path]
                                  if at > killed_at and port not in victim_ports)
        if pickups[feed_path] < leased[feed_path] - SLACK_S:  # never while its lease ran
            early.append((feed_path, pickups[feed_path], leased[feed_path]))
        if pickups[feed_path] > leased[feed_path] + PICKUP_S:  # and soon after it ended
            late.append((feed_path, pickups[feed_path] - leased[feed_path]))
    for feed_path, hits in polls.items():
        for (before, _), (after, _) in itertools.pairwise(hits):
            if after != pickups.get(feed_path) and after - before < INTERVAL - SLACK_S:
                early.append((feed_path, before, after))
    assert early == [], f"polled again too soon: {early}"
    assert late == [], f"the dead worker's feeds picked up late (s after its lease): {late}"
    views = {view.worker: view for view in cluster.processes}
    assert not views[holder.worker].alive
    assert sum(view.alive for view in views.values()) == WORKERS - 1
    assert any("chat" in view.singletons for view in views.values() if view.alive)
