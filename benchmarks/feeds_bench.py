"""Fetch+parse throughput of `watchers` against N local feeds, versus a naive loop.

A server process on loopback (127.0.1.1-50, one port) serves N distinct RSS
feeds of 20 items (~80 KB) with ETag/304 and 100 ms of injected latency.
The pipeline under test is `watchers.http.Fetcher` (bounded concurrency, per
host slots) feeding `watchers.feeds.parse_feed` in a 2-process pool with
back-pressure: at most `2 * workers` bodies are queued at the pool, and a
fetcher holding a body waits for a slot before fetching more, so bodies in
memory stay under `concurrency + 2 * workers`. Three sweeps:
cold (no validators), steady (10% of feeds changed), idle (all 304).

The naive baseline is a sequential `feedparser.parse(url, etag=...)` over a
100-feed subset, scaled to N. No database is involved.

    .venv/bin/python benchmarks/feeds_bench.py            # N=2,000
    .venv/bin/python benchmarks/feeds_bench.py --large    # N=10,000
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import json
import multiprocessing as mp
import random
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from watchers.errors import WatchError
from watchers.http import Fetcher, FetchLimits, make_session

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
    cache: dict[tuple[int, int], bytes] = {}

    async def feed(request: web.Request) -> web.Response:
        await asyncio.sleep(latency)
        num = int(request.match_info["num"])
        ver = version(num, state["epoch"])
        etag = f'"{num}-{ver}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        body = cache.get((num, ver))
        if body is None:
            body = cache[(num, ver)] = render(num, ver)
        return web.Response(body=body, headers={"ETag": etag,
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


# --- client ---------------------------------------------------------------------------------


def parse_in_worker(body: bytes, url: str, content_type: str | None) -> int:
    from watchers.feeds import parse_feed

    return len(parse_feed(body, url, content_type).entries)


@dataclass
class Feed:
    url: str
    etag: str | None = None


@dataclass
class Sweep:
    name: str
    wall_s: float = 0.0
    cpu_s: float = 0.0
    cpu_main_s: float = 0.0
    peak_rss_mb: float = 0.0
    ok: int = 0
    not_modified: int = 0
    errors: int = 0
    entries: int = 0
    max_waiting_parses: int = 0
    first_errors: list[str] = field(default_factory=list)


class Meter:
    """CPU and peak RSS of this process and its children (the parser pool), not the server."""

    server_pid = 0

    def __init__(self) -> None:
        self.proc = psutil.Process()
        self.peak = 0.0
        self._task: asyncio.Task[None] | None = None

    def _each(self, measure: Callable[[psutil.Process], float]) -> float:
        total = measure(self.proc)
        for child in self.proc.children(recursive=True):
            if child.pid == self.server_pid:
                continue
            with contextlib.suppress(psutil.NoSuchProcess):
                total += measure(child)
        return total

    def cpu(self) -> float:
        return self._each(lambda p: sum(p.cpu_times()[:2]))

    def cpu_main(self) -> float:
        times = self.proc.cpu_times()
        return float(times.user + times.system)

    def rss(self) -> float:
        return self._each(lambda p: p.memory_info().rss)

    async def _sample(self) -> None:
        while True:
            self.peak = max(self.peak, self.rss())
            await asyncio.sleep(0.05)

    def start(self) -> None:
        self.peak = self.rss()
        self._task = asyncio.create_task(self._sample())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)


async def pipeline_sweep(name: str, feeds: list[Feed], fetcher: Fetcher,
                         pool: ProcessPoolExecutor, workers: int, concurrency: int) -> Sweep:
    stats, meter = Sweep(name), Meter()
    parse_slots = asyncio.Semaphore(2 * workers)  # back-pressure on bodies awaiting a parser
    waiting = 0
    queue: asyncio.Queue[Feed] = asyncio.Queue()
    for feed in feeds:
        queue.put_nowait(feed)
    loop = asyncio.get_running_loop()

    async def worker() -> None:
        nonlocal waiting
        while not queue.empty():
            feed = queue.get_nowait()
            try:
                result = await fetcher.fetch(feed.url, etag=feed.etag)
            except WatchError as exc:
                stats.errors += 1
                if len(stats.first_errors) < 3:
                    stats.first_errors.append(str(exc))
                continue
            feed.etag = result.etag
            if result.body is None:
                stats.not_modified += 1
                continue
            waiting += 1
            stats.max_waiting_parses = max(stats.max_waiting_parses, waiting)
            async with parse_slots:
                waiting -= 1
                count = await loop.run_in_executor(
                    pool, parse_in_worker, result.body, result.final_url, result.content_type)
            stats.entries += count  # not `+= await`: that reads before awaiting
            stats.ok += 1

    cpu0, main0, t0 = meter.cpu(), meter.cpu_main(), time.perf_counter()
    meter.start()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    stats.wall_s = time.perf_counter() - t0
    await meter.stop()
    stats.cpu_s, stats.peak_rss_mb = meter.cpu() - cpu0, meter.peak / 2**20
    stats.cpu_main_s = meter.cpu_main() - main0
    return stats


def naive_sweep(name: str, feeds: list[Feed], scale: float) -> Sweep:
    import feedparser

    stats, proc = Sweep(name), psutil.Process()
    cpu0, t0 = sum(proc.cpu_times()[:2]), time.perf_counter()
    for feed in feeds:
        parsed = feedparser.parse(feed.url, etag=feed.etag)
        if parsed.get("status") == 304:
            stats.not_modified += 1
        elif parsed.entries:
            stats.ok += 1
            stats.entries += len(parsed.entries)
        else:
            stats.errors += 1
        feed.etag = parsed.get("etag", feed.etag)
    stats.wall_s = (time.perf_counter() - t0) * scale
    stats.cpu_s = (sum(proc.cpu_times()[:2]) - cpu0) * scale
    stats.peak_rss_mb = proc.memory_info().rss / 2**20
    return stats


async def set_epoch(base: str, epoch: int) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as session, session.get(f"{base}/_epoch/{epoch}") as r:
        r.raise_for_status()


async def run(n: int, naive_n: int, concurrency: int, workers: int, port: int) -> dict[str, Any]:
    feeds = [Feed(f"http://{HOSTS[i % len(HOSTS)]}:{port}/feed/{i}") for i in range(n)]
    control = f"http://{HOSTS[0]}:{port}"
    limits = FetchLimits(allowed_networks=("127.0.0.0/8",), max_connections=concurrency)
    results: list[Sweep] = []
    ctx = mp.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        warm = [pool.submit(parse_in_worker, render(0, 0), "http://w/", None)
                for _ in range(workers)]
        [f.result() for f in warm]
        async with make_session(limits) as session:
            fetcher = Fetcher(session, limits)
            for epoch, name in ((0, "cold"), (1, "steady 10%"), (1, "idle 304")):
                await set_epoch(control, epoch)
                results.append(await pipeline_sweep(name, feeds, fetcher, pool, workers,
                                                    concurrency))
    naive_feeds = [Feed(f.url) for f in feeds[:naive_n]]
    naive: list[Sweep] = []
    for epoch, name in ((1, "cold"), (2, "steady 10%"), (2, "idle 304")):
        await set_epoch(control, epoch)
        naive.append(naive_sweep(name, naive_feeds, n / naive_n))
    return {"n": n, "naive_subset": naive_n, "concurrency": concurrency, "workers": workers,
            "pipeline": [asdict(s) for s in results], "naive_scaled": [asdict(s) for s in naive]}


def report(data: dict[str, Any]) -> str:
    pipe, naive = data["pipeline"], data["naive_scaled"]
    lines = [f"N={data['n']} feeds, {data['concurrency']} concurrent fetches, "
             f"{data['workers']} parser processes; naive = sequential feedparser.parse(url) "
             f"over {data['naive_subset']} feeds x {int(data['n']) // int(data['naive_subset'])}",
             f"{'sweep':<11} {'wall s':>7} {'cpu s':>7} {'main':>6} {'peak MB':>8} "
             f"{'200':>6} {'304':>6} {'err':>4} {'entries':>8} {'wait':>5} | "
             f"{'naive wall s':>12} {'naive cpu s':>11} {'speedup':>8}"]
    for p, q in zip(pipe, naive, strict=True):
        lines.append(
            f"{p['name']:<11} {p['wall_s']:7.2f} {p['cpu_s']:7.2f} {p['cpu_main_s']:6.2f} "
            f"{p['peak_rss_mb']:8.0f} "
            f"{p['ok']:6d} {p['not_modified']:6d} {p['errors']:4d} {p['entries']:8d} "
            f"{p['max_waiting_parses']:5d} | {q['wall_s']:12.1f} {q['cpu_s']:11.1f} "
            f"{q['wall_s'] / p['wall_s']:7.0f}x")
        lines.extend(f"  error: {e}" for e in p["first_errors"])
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--large", action="store_true", help="N=10,000 instead of 2,000")
    parser.add_argument("-n", type=int, help="number of feeds (overrides --large)")
    parser.add_argument("--naive", type=int, default=100, help="naive subset size")
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
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
        data = asyncio.run(run(n, min(args.naive, n), args.concurrency, args.workers, port))
    finally:
        server.terminate()
        server.join()
    print(report(data))
    if args.json:
        args.json.write_text(json.dumps(data, indent=2))


if __name__ == "__main__":
    main()
