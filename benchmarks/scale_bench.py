"""Sweeping N feeds with 1, 2 and 4 `stackwatch` processes on one PostgreSQL.

A throwaway PostgreSQL (tests/pgserver.py) and a feed server process on
127.0.0.1 serving N small RSS feeds (one item, ETag/304, no injected latency).
For each process count P a fresh database is synced with the N feeds, then P
worker processes (each `App.open` with role `watch`, set up before the clock
starts) run `App.run_once()` together, behind a barrier:

- first:   every feed answers 200 with an old item (stored as backlog);
- changed: every feed has a new item (stored and classified; nothing flagged);
- idle:    every feed answers 304.

A fourth run, claim-only, takes the fetching out: each process claims batches
of 50 (`claim_due_feeds`) and records them (`record_successes`, one statement
per batch, as the sweep's batched writer does) straight away, which is the
coordination cost alone. In every run the workers time their
`claim_due_feeds`, `record_successes` and `record_failure` calls (wall clock
and the calling thread's CPU); PostgreSQL's own CPU is read from its processes.
Each worker parses in a thread of its own (`parse_workers = 1`), so its CPU
time is all in one process.

Reported per run: wall time from the barrier to the last worker done, feeds
per second, worker CPU per feed (all threads), PostgreSQL CPU per feed, and
claim+record time per feed (wall, CPU); the speed-up is against P=1 in the
same run. The machine has 2 cores: beyond 2 processes, parallelism cannot add
CPU, so the figures show what sharing the work costs, not a linear speed-up.

    .venv/bin/python benchmarks/scale_bench.py              # N=10,000, P=1,2,4
    .venv/bin/python benchmarks/scale_bench.py --feeds 1000 --procs 1 2
"""

from __future__ import annotations

import argparse
import asyncio
import io
import multiprocessing as mp
import os
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, text, update

SWEEPS = ("first", "changed", "idle")
CONCURRENCY = 50


# --- feed server process ----------------------------------------------------------------------


def serve_feeds(port_box: Any, ready: Any) -> None:
    """N feeds at /f/{i}; POST /bump gives every feed a new item (a new version)."""
    from aiohttp import web

    version = {"v": 0}

    def body(i: int, v: int) -> bytes:
        when = ("Tue, 05 Mar 2024 09:30:00 GMT" if v == 0
                else datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT"))
        return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Outlet {i}</title>"
                f"<link>http://x.test/</link><item><title>Feed {i} notes v{v}</title>"
                f"<link>http://x.test/{i}/{v}</link><guid>{i}-{v}</guid><pubDate>{when}"
                "</pubDate><description>Weekly notes about storage and networking."
                "</description></item></channel></rss>").encode()

    async def feed(request: web.Request) -> web.Response:
        i, v = int(request.match_info["i"]), version["v"]
        etag = f'"{i}-{v}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body(i, v), headers={"ETag": etag},
                            content_type="application/rss+xml")

    async def bump(request: web.Request) -> web.Response:
        version["v"] += 1
        return web.Response(text=str(version["v"]))

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/f/{i}", feed)
        app.router.add_post("/bump", bump)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, backlog=4096)
        await site.start()
        port_box.value = runner.addresses[0][1]
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(main())


# --- worker processes -------------------------------------------------------------------------


def config_for(db_url: str, port: int, feeds: int) -> Any:
    from bot.config import parse_config

    lines = [f"[storage]\nurl = '{db_url}'",
             "[watch]\nallow_private_networks = true\njitter_fraction = 0.0\n"
             f"concurrency = {CONCURRENCY}\nper_host_concurrency = {CONCURRENCY}\n"
             "parse_workers = 1\n"
             "timeout_seconds = 30\nlease_seconds = 300\nbacklog_max_age_days = 3",
             "[[destinations]]\nname = 'console'\nplatform = 'console'"]
    lines += [f"[[feeds]]\nurl = 'http://127.0.0.1:{port}/f/{i}'\nfetch_articles = false"
              for i in range(feeds)]
    return parse_config("\n".join(lines) + "\n", environ={})


@dataclass
class Timer:
    """Wall and calling-thread CPU spent in the wrapped storage calls (any thread)."""

    wall: float = 0.0
    cpu: float = 0.0
    calls: int = 0

    def wrap(self, func: Callable[..., Any]) -> Callable[..., Any]:
        lock = threading.Lock()

        def timed(*args: Any, **kwargs: Any) -> Any:
            w0, c0 = time.perf_counter(), time.thread_time()
            try:
                return func(*args, **kwargs)
            finally:
                with lock:
                    self.wall += time.perf_counter() - w0
                    self.cpu += time.thread_time() - c0
                    self.calls += 1
        return timed


def worker(db_url: str, port: int, feeds: int, mode: str, barrier: Any, out: Any,
           finished: Any) -> None:
    from rich.console import Console

    from bot import feedstate
    from bot.app import App

    app = App.open(config_for(db_url, port, feeds), console=Console(file=io.StringIO()),
                   roles=("watch",))
    claim, record = Timer(), Timer()
    feedstate.claim_due_feeds = claim.wrap(feedstate.claim_due_feeds)
    feedstate.record_successes = record.wrap(feedstate.record_successes)
    feedstate.record_failure = record.wrap(feedstate.record_failure)
    barrier.wait()
    start, cpu0 = time.time(), time.process_time()
    if mode == "claim-only":
        done = claim_only(app, feedstate)
    else:
        report = asyncio.run(app.run_once())
        done = report.sweep.feeds
        assert report.sweep.failed == 0, report.sweep.errors[:3]
    out.put({"start": start, "end": time.time(), "cpu": time.process_time() - cpu0,
             "feeds": done, "claim_wall": claim.wall, "claim_cpu": claim.cpu,
             "record_wall": record.wall, "record_cpu": record.cpu})
    finished.wait()  # keep the database sessions until PostgreSQL's CPU has been read
    app.close()


def claim_only(app: Any, feedstate: Any) -> int:
    """Claim and record without fetching: what sharing the feeds costs by itself."""
    done = 0
    while batch := feedstate.claim_due_feeds(
            app.db.engine, now=datetime.now(UTC), worker=app.worker, limit=CONCURRENCY,
            lease=timedelta(minutes=5)):
        now = datetime.now(UTC)
        feedstate.record_successes(app.db.engine, [feedstate.Success(
            feed.id, now=now, next_at=now + timedelta(hours=1), etag=feed.etag,
            last_modified=None, content_hash=feed.content_hash, new_items=0)
            for feed in batch])
        done += len(batch)
    return done


# --- driver -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    procs: int
    sweep: str
    feeds: int
    wall: float
    worker_cpu: float
    pg_cpu: float
    claim_wall: float
    claim_cpu: float
    record_wall: float
    record_cpu: float


def pg_cpu() -> dict[int, float]:
    """CPU seconds used so far by each PostgreSQL process (server and sessions)."""
    used = {}
    for proc in psutil.process_iter(["name"]):
        if proc.info["name"] != "postgres":
            continue
        try:
            times = proc.cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        used[proc.pid] = times.user + times.system
    return used


def run(ctx: Any, db_url: str, port: int, feeds: int, procs: int, mode: str) -> Row:
    barrier, out, finished = ctx.Barrier(procs + 1), ctx.Queue(), ctx.Event()
    workers = [ctx.Process(target=worker,
                           args=(db_url, port, feeds, mode, barrier, out, finished))
               for _ in range(procs)]
    for w in workers:
        w.start()
    barrier.wait(timeout=300)
    before = pg_cpu()
    results = [out.get(timeout=1800) for _ in workers]
    after = pg_cpu()
    finished.set()
    pg_used = sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())
    for w in workers:
        w.join()
    done = sum(r["feeds"] for r in results)
    if done != feeds:
        raise RuntimeError(f"{mode} with {procs} processes swept {done} feeds, not {feeds}")
    wall = max(r["end"] for r in results) - min(r["start"] for r in results)
    return Row(procs, mode, done, wall, sum(r["cpu"] for r in results), pg_used,
               *(sum(r[k] for r in results)
                 for k in ("claim_wall", "claim_cpu", "record_wall", "record_cpu")))


def make_due(db_url: str) -> None:
    from bot.storage.schema import feeds

    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(update(feeds).values(next_check_at=datetime.now(UTC) - timedelta(seconds=1),
                                          claimed_by=None, lease_until=None))
    engine.dispose()


def bump(port: int) -> None:
    import urllib.request

    urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/bump",
                                                  method="POST"), timeout=10).read()


@contextmanager
def fresh_database(admin_url: str) -> Iterator[str]:
    name = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def measure(ctx: Any, admin_url: str, port: int, feeds: int, procs: int) -> list[Row]:
    from bot.storage import open_database

    rows = []
    with fresh_database(admin_url) as db_url:
        open_database(db_url).dispose()  # migrated before the workers race to it
        bump_to = {"first": None, "changed": port, "idle": None}
        for sweep in SWEEPS:
            if bump_to[sweep]:
                bump(port)
            make_due(db_url)
            rows.append(run(ctx, db_url, port, feeds, procs, sweep))
            print_row(rows[-1], None)
        make_due(db_url)
        rows.append(run(ctx, db_url, port, feeds, procs, "claim-only"))
        print_row(rows[-1], None)
    return rows


def ms(seconds: float, feeds: int) -> str:
    return f"{1000 * seconds / feeds:.2f}"


def print_row(row: Row, base: Row | None) -> None:
    speedup = f"{base.wall / row.wall:.2f}x" if base else ""
    print(f"| {row.procs} | {row.sweep} | {row.wall:.1f} | {row.feeds / row.wall:,.0f} | "
          f"{ms(row.worker_cpu, row.feeds)} | {ms(row.pg_cpu, row.feeds)} | "
          f"{ms(row.claim_wall + row.record_wall, row.feeds)} / "
          f"{ms(row.claim_cpu + row.record_cpu, row.feeds)} | {speedup} |", flush=True)


HEADER = ("| processes | sweep | wall s | feeds/s | worker CPU ms/feed | PostgreSQL CPU ms/feed "
          "| claim+record ms/feed (wall / CPU) | speed-up vs 1 |\n"
          "|---|---|---|---|---|---|---|---|")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=10_000)
    parser.add_argument("--procs", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    from tests.pgserver import postgres_server

    ctx = mp.get_context("spawn")
    port_box, ready = ctx.Value("i", 0), ctx.Event()
    server = ctx.Process(target=serve_feeds, args=(port_box, ready), daemon=True)
    server.start()
    ready.wait(30)
    print(f"{args.feeds:,} feeds, {os.cpu_count()} cores; per sweep, all processes together",
          flush=True)
    with postgres_server() as admin_url:
        results: dict[int, list[Row]] = {}
        print(HEADER)
        for procs in args.procs:
            results[procs] = measure(ctx, admin_url, port_box.value, args.feeds, procs)
    server.terminate()
    print("\nSummary (speed-up against the first process count):\n" + HEADER)
    first = results[args.procs[0]]
    for procs in args.procs:
        for row, base in zip(results[procs], first, strict=True):
            print_row(row, base)


if __name__ == "__main__":
    main()
