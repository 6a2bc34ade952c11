"""The service's real sweep against N local feeds, versus a naive feedparser loop.

A server process on loopback (127.0.1.1-50, one port) serves N distinct RSS
feeds of 20 items (~80 KB) with ETag/304 and 100 ms of injected latency. The
code under test is the service itself: a config file with N `[[feeds]]`, an
SQLite database, `App.running()` (the real `Fetcher`, the parser worker
processes, the batched storage writes) and `Pipeline.sweep()` plus outbox
delivery, exactly as one scheduler tick runs them. Three sweeps, each with
every feed made due:

    cold    the first poll of every feed: all 200 answers, every feed parsed,
            every entry stored. Entries older than the backlog age (all of them
            here) are recorded as backlog: stored, never classified or alerted.
    steady  10% of the feeds changed (20 new entries each, stored and
            classified), the rest answer 304.
    idle    every feed answers 304.

The naive baseline is a sequential `feedparser.parse(url, etag=...)` over a
100-feed subset, scaled to N (no storage, no classification).

    .venv/bin/python benchmarks/feeds_bench.py            # N=2,000
    .venv/bin/python benchmarks/feeds_bench.py --large    # N=10,000
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import io
import json
import multiprocessing as mp
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rich.console import Console
from sqlalchemy import func, select, update

from bot.app import App
from bot.config import load_config
from bot.storage.schema import feeds as feeds_table
from bot.storage.schema import stories as stories_table

HOSTS = [f"127.0.1.{i}" for i in range(1, 51)]
ITEMS, ITEM_BYTES = 20, 4000
WORDS = ["openstack", "foundation", "member", "joins", "leaves", "gold", "platinum", "cloud",
         "nova", "neutron", "cinder", "swift", "keystone", "board", "summit", "community",
         "contributor", "company", "announces", "infrastructure", "release", "upstream"]


# --- server process -------------------------------------------------------------------------


def changed(feed: int, epoch: int) -> bool:
    """Whether `feed` changes when the server enters `epoch` (about 10% each time)."""
    return int(hashlib.sha1(f"{feed}:{epoch}".encode()).hexdigest()[:8], 16) % 10 == 0


def version(feed: int, epoch: int) -> int:
    return sum(changed(feed, e) for e in range(1, epoch + 1))


_TEXT = " ".join(random.Random(0).choice(WORDS) for _ in range(200_000))


def render(feed: int, ver: int) -> bytes:
    """Feed `feed` at version `ver`: distinct text per item, cheap to make (the server
    shares the 2 cores with the client, so it must not spend them rendering)."""
    rnd = random.Random(feed * 1000 + ver)
    items = []
    for n in range(ITEMS):
        start = rnd.randrange(len(_TEXT) - ITEM_BYTES)
        words = _TEXT[start:start + ITEM_BYTES]
        items.append(
            f"<item><title>Feed {feed} story {n} v{ver}</title>"
            f"<link>https://site{feed}.example.org/{ver}/{n}</link>"
            f'<guid isPermaLink="false">f{feed}-v{ver}-{n}</guid>'
            f"<pubDate>Tue, 05 Mar 2024 09:{n:02d}:00 GMT</pubDate>"
            f"<description>&lt;p&gt;{words}&lt;/p&gt;</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Feed {feed}</title><link>https://site{feed}.example.org/</link>"
            f"{''.join(items)}</channel></rss>").encode()


def serve(port_out: mp.connection.Connection, latency: float) -> None:
    from aiohttp import web

    state = {"epoch": 0}

    async def feed(request: web.Request) -> web.Response:
        await asyncio.sleep(latency)
        num = int(request.match_info["num"])
        ver = version(num, state["epoch"])
        etag = f'"{num}-{ver}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=render(num, ver), headers={"ETag": etag,
                                                "Content-Type": "application/rss+xml"})

    async def epoch(request: web.Request) -> web.Response:
        state["epoch"] = int(request.match_info["n"])
        return web.Response(text="ok")

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/feed/{num}", feed)
        app.router.add_get("/_epoch/{n}", epoch)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        first = web.TCPSite(runner, HOSTS[0], 0, backlog=1024)
        await first.start()
        port = runner.addresses[0][1]
        for host in HOSTS[1:]:
            await web.TCPSite(runner, host, port, backlog=1024).start()
        port_out.send(port)
        await asyncio.Event().wait()

    asyncio.run(main())


# --- measuring ------------------------------------------------------------------------------


@dataclass
class Sweep:
    name: str
    wall_s: float = 0.0
    cpu_s: float = 0.0
    cpu_main_s: float = 0.0
    peak_rss_mb: float = 0.0
    peak_main_mb: float = 0.0
    server_cpu_s: float = 0.0
    feeds: int = 0
    ok: int = 0
    not_modified: int = 0
    errors: int = 0
    stored: int = 0
    classified: int = 0
    first_errors: list[str] = field(default_factory=list)


class Meter:
    """CPU and peak RSS of this process and its children (the parser workers), not the
    feed server's. Children that exited and were reaped count through our own
    `children_*` CPU times."""

    server_pid = 0

    def __init__(self) -> None:
        self.proc = psutil.Process()
        self.peak = self.peak_main = 0.0
        self._task: asyncio.Task[None] | None = None

    def _children(self) -> list[psutil.Process]:
        return [c for c in self.proc.children(recursive=True) if c.pid != self.server_pid]

    def _each(self, measure: Callable[[psutil.Process], float]) -> float:
        total = 0.0
        for child in self._children():
            with contextlib.suppress(psutil.NoSuchProcess):
                total += measure(child)
        return total

    def cpu(self) -> float:
        own = self.proc.cpu_times()
        return (own.user + own.system + own.children_user + own.children_system
                + self._each(lambda p: sum(p.cpu_times()[:2])))

    def cpu_main(self) -> float:
        times = self.proc.cpu_times()
        return float(times.user + times.system)

    def rss(self) -> float:
        return self.proc.memory_info().rss + self._each(lambda p: p.memory_info().rss)

    async def _sample(self) -> None:
        while True:
            self.peak = max(self.peak, self.rss())
            self.peak_main = max(self.peak_main, self.proc.memory_info().rss)
            await asyncio.sleep(0.05)

    def start(self) -> None:
        self.peak = self.rss()
        self._task = asyncio.create_task(self._sample())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)


def write_config(folder: Path, n: int, port: int, concurrency: int, workers: int) -> Path:
    path = folder / "bench.toml"
    lines = [
        f"[storage]\nurl = 'sqlite:///{folder / 'bench.db'}'",
        f"[watch]\nallow_private_networks = true\nconcurrency = {concurrency}",
        f"per_host_concurrency = {max(1, concurrency // len(HOSTS))}",
        f"parse_workers = {workers}" if workers else "",
        "[[destinations]]\nname = 'console'\nplatform = 'console'",
    ]
    lines += [f"[[feeds]]\nurl = 'http://{HOSTS[i % len(HOSTS)]}:{port}/feed/{i}'\n"
              "fetch_articles = false" for i in range(n)]
    path.write_text("\n".join(lines) + "\n")
    return path


async def set_epoch(base: str, epoch: int) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as session, session.get(f"{base}/_epoch/{epoch}") as r:
        r.raise_for_status()


def counts(app: App) -> tuple[int, int]:
    """Stories stored, and stories classified, so far."""
    with app.db.engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(stories_table)).scalar_one()
        classified = conn.execute(select(func.count()).select_from(stories_table)
                                  .where(stories_table.c.status == "classified")).scalar_one()
    return stored, classified


async def real_sweeps(app: App, control: str) -> list[Sweep]:
    results = []
    async with app.running(("watch", "deliver")) as run:
        pipeline, sender = run.pipeline, run.sender
        assert pipeline is not None and sender is not None
        for epoch, name in ((0, "cold"), (1, "steady 10%"), (1, "idle 304")):
            await set_epoch(control, epoch)
            with app.db.engine.begin() as conn:  # make every feed due now
                conn.execute(update(feeds_table).values(next_check_at=datetime.now(UTC)))
            stored0, classified0 = counts(app)
            stats, meter = Sweep(name), Meter()
            server = psutil.Process(Meter.server_pid)
            cpu0, main0, server0 = meter.cpu(), meter.cpu_main(), sum(server.cpu_times()[:2])
            meter.start()
            t0 = time.perf_counter()
            sweep = await pipeline.sweep()
            await sender.deliver_pending()
            stats.wall_s = time.perf_counter() - t0
            await meter.stop()
            stats.cpu_s, stats.cpu_main_s = meter.cpu() - cpu0, meter.cpu_main() - main0
            stats.server_cpu_s = sum(server.cpu_times()[:2]) - server0
            stats.peak_rss_mb, stats.peak_main_mb = meter.peak / 2**20, meter.peak_main / 2**20
            stats.feeds, stats.not_modified, stats.errors = (
                sweep.feeds, sweep.not_modified, sweep.failed)
            stats.ok = sweep.feeds - sweep.not_modified - sweep.failed
            stats.first_errors = sweep.errors[:3]
            stored, classified = counts(app)
            stats.stored, stats.classified = stored - stored0, classified - classified0
            results.append(stats)
    return results


def naive_sweep(name: str, urls: list[str], etags: dict[str, str], scale: float) -> Sweep:
    import feedparser

    stats, proc = Sweep(name), psutil.Process()
    cpu0, t0 = sum(proc.cpu_times()[:2]), time.perf_counter()
    for url in urls:
        parsed = feedparser.parse(url, etag=etags.get(url))
        if parsed.get("status") == 304:
            stats.not_modified += 1
        elif parsed.entries:
            stats.ok += 1
            stats.stored += len(parsed.entries)
        else:
            stats.errors += 1
        etags[url] = parsed.get("etag", etags.get(url))
    stats.feeds = len(urls)
    stats.wall_s = (time.perf_counter() - t0) * scale
    stats.cpu_s = (sum(proc.cpu_times()[:2]) - cpu0) * scale
    stats.peak_rss_mb = proc.memory_info().rss / 2**20
    return stats


async def run(n: int, naive_n: int, concurrency: int, workers: int, port: int,
              folder: Path) -> dict[str, Any]:
    control = f"http://{HOSTS[0]}:{port}"
    load_before = os.getloadavg()[0]  # other work on the machine skews every wall time
    config_path = write_config(folder, n, port, concurrency, workers)
    app = App.open(load_config(config_path), console=Console(file=io.StringIO()),
                   config_path=config_path)
    try:
        pipeline = await real_sweeps(app, control)
        processes = app.config.watch.parser_processes
    finally:
        app.close()
    urls = [f"http://{HOSTS[i % len(HOSTS)]}:{port}/feed/{i}" for i in range(naive_n)]
    etags: dict[str, str] = {}
    naive: list[Sweep] = []
    for epoch, name in ((1, "cold"), (2, "steady 10%"), (2, "idle 304")):
        await set_epoch(control, epoch)
        naive.append(naive_sweep(name, urls, etags, n / naive_n))
    return {"n": n, "naive_subset": naive_n, "concurrency": concurrency,
            "load_average_before": load_before,
            "parser_processes": processes, "db_mb": (folder / "bench.db").stat().st_size / 2**20,
            "pipeline": [asdict(s) for s in pipeline], "naive_scaled": [asdict(s) for s in naive]}


def report(data: dict[str, Any]) -> str:
    pipe, naive = data["pipeline"], data["naive_scaled"]
    lines = [f"N={data['n']} feeds, {data['concurrency']} concurrent fetches, "
             f"{data['parser_processes']} parser processes, SQLite "
             f"({data['db_mb']:.0f} MB after the run), load average "
             f"{data['load_average_before']:.1f} before; naive = sequential "
             f"feedparser.parse(url) over {data['naive_subset']} feeds "
             f"x {int(data['n']) / int(data['naive_subset']):g}",
             f"{'sweep':<11} {'wall s':>7} {'cpu s':>7} {'main':>6} {'server':>6} "
             f"{'peak MB':>8} {'main':>5} "
             f"{'200':>6} {'304':>6} {'err':>4} {'stored':>7} {'classif':>7} | "
             f"{'naive wall s':>12} {'naive cpu s':>11} {'speedup':>8}"]
    for p, q in zip(pipe, naive, strict=True):
        lines.append(
            f"{p['name']:<11} {p['wall_s']:7.2f} {p['cpu_s']:7.2f} {p['cpu_main_s']:6.2f} "
            f"{p['server_cpu_s']:6.2f} {p['peak_rss_mb']:8.0f} {p['peak_main_mb']:5.0f} "
            f"{p['ok']:6d} {p['not_modified']:6d} {p['errors']:4d} "
            f"{p['stored']:7d} {p['classified']:7d} | {q['wall_s']:12.1f} {q['cpu_s']:11.1f} "
            f"{q['wall_s'] / p['wall_s']:7.0f}x")
        lines.extend(f"  error: {e}" for e in p["first_errors"])
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--large", action="store_true", help="N=10,000 instead of 2,000")
    parser.add_argument("-n", type=int, help="number of feeds (overrides --large)")
    parser.add_argument("--naive", type=int, default=100, help="naive subset size")
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--workers", type=int, default=0,
                        help="[watch] parse_workers (default 0: one per CPU core)")
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    n = args.n or (10_000 if args.large else 2_000)
    ctx = mp.get_context("spawn")
    recv, send = ctx.Pipe(duplex=False)
    server = ctx.Process(target=serve, args=(send, args.latency), daemon=True)
    server.start()
    Meter.server_pid = server.pid or 0
    try:
        port = recv.recv()
        with tempfile.TemporaryDirectory(prefix="feeds_bench_") as tmp:
            data = asyncio.run(run(n, min(args.naive, n), args.concurrency, args.workers, port,
                                   Path(tmp)))
    finally:
        server.terminate()
        server.join()
    print(report(data))
    if args.json:
        args.json.write_text(json.dumps(data, indent=2))


if __name__ == "__main__":
    main()
