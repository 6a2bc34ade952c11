"""The service sweep with parser worker processes: a crashing, hanging, bogus, throttled or
gone feed costs itself, never the sweep; page sources and malformed feeds go through the same
path."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy import select, update

from bot.app import App
from bot.config import parse_config
from bot.storage.schema import feeds, stories
from tests import cpujobs
from tests.feedserver import MALFORMED, FeedServer, big_feed

pytestmark = pytest.mark.timeout(60)

LISTING = b"""<html><body><main>
<div class="story"><a href="/news/acme-joins">Acme joins OpenStack</a></div>
<div class="story"><a href="/news/initech-leaves">Initech leaves OpenStack</a></div>
<a href="/about">About us</a></main></body></html>"""


def fresh_feed(salt: str) -> bytes:
    """A feed whose items are recent (so they are new, not backlog, on a first poll)."""
    when = format_datetime(datetime.now(UTC) - timedelta(hours=1))
    return big_feed(3, salt=salt).replace(b"Tue, 05 Mar 2024 09:30:00 GMT", when.encode())


async def test_sweep_survives_crashing_hanging_and_bogus_feeds(tmp_path: Path) -> None:
    async with FeedServer() as server:
        urls = {
            "good": server.serve("/good.xml", fresh_feed("A"), etag='"g1"'),
            "crash": server.serve("/crash.xml", big_feed(2) + cpujobs.CRASH),
            "hang": server.serve("/hang.xml", big_feed(2) + cpujobs.HANG),
            "html": server.serve("/html", b"<html><p>no feed here</p></html>",
                                 content_type="text/html"),
            "malformed": server.serve("/malformed.xml", MALFORMED),
            "page": server.serve("/news/", LISTING, content_type="text/html"),
            "busy": server.url("/status/429?retry_after=3600"),
            "gone": server.url("/status/410"),
        }
        feed_tables = "".join(
            f"[[feeds]]\nurl = '{url}'\nname = '{name}'\nfetch_articles = false\n"
            + ("kind = 'page'\nlink_pattern = '/news/.+'\n" if name == "page" else "")
            for name, url in urls.items())
        config = parse_config(
            f"[storage]\nurl = 'sqlite:///{tmp_path / 'sw.db'}'\n"
            "[watch]\nallow_private_networks = true\nparse_workers = 2\n"
            "parse_timeout_seconds = 1\n" + feed_tables)
        app = App.open(config, console=Console(file=io.StringIO()))
        try:
            async with app.running(("watch",)) as run:
                pipeline = run.pipeline
                assert pipeline is not None
                pipeline.parse = cpujobs.parse_or_crash
                started = datetime.now(UTC)
                stats = await pipeline.sweep()
                assert (stats.feeds, stats.failed) == (8, 5)
                with app.db.engine.connect() as conn:
                    busy_next = conn.execute(select(feeds.c.next_check_at)
                                             .where(feeds.c.name == "busy")).scalar_one()
                assert busy_next >= started + timedelta(seconds=3600)  # Retry-After honoured
                with app.db.engine.begin() as conn:
                    conn.execute(update(feeds).values(next_check_at=datetime.now(UTC)))
                again = await pipeline.sweep()  # the pool recovered: the good feed is a 304
                assert again.feeds == 8 and again.not_modified >= 1
            with app.db.engine.connect() as conn:
                errors = dict(conn.execute(select(feeds.c.name, feeds.c.last_error)).all())
                titles = conn.execute(select(feeds.c.name, stories.c.title)
                                      .join(stories, stories.c.feed_id == feeds.c.id)).all()
        finally:
            app.close()
    assert "parser failed: worker process died" in errors["crash"]
    assert "parser failed: job ran longer than 1s" in errors["hang"]
    assert "not an RSS, Atom or JSON feed" in errors["html"]
    assert errors["busy"].endswith("HTTP 429 Too Many Requests")
    assert errors["gone"].endswith("HTTP 410 Gone")
    assert errors["good"] is None and errors["malformed"] is None and errors["page"] is None
    by_feed: dict[str, set[str]] = {}
    for name, title in titles:
        by_feed.setdefault(name, set()).add(title)
    assert by_feed == {"good": {"Story 0A", "Story 1A", "Story 2A"},
                       "malformed": {"One"},
                       "page": {"Acme joins OpenStack", "Initech leaves OpenStack"}}


async def test_a_claim_kept_waiting_past_half_its_lease_is_left_for_the_next_holder(
        tmp_path: Path) -> None:
    """One fetch slot, a slow first feed: the feeds queued behind it would be fetched with
    less than half their lease left, so another worker could claim them mid-fetch. They are
    skipped (not fetched at all) and polled by a later claim once the lease ran out."""
    async with FeedServer() as server:
        slow = server.url("/slow?delay=0.7")
        quick = [server.serve(f"/q{n}.xml", fresh_feed(f"Q{n}")) for n in range(2)]
        config = parse_config(
            f"[storage]\nurl = 'sqlite:///{tmp_path / 'sw.db'}'\n"
            "[watch]\nallow_private_networks = true\nparse_workers = 1\nconcurrency = 1\n"
            "lease_seconds = 1\ntimeout_seconds = 0.95\njitter_fraction = 0.0\n"
            + "".join(f"[[feeds]]\nurl = '{url}'\nfetch_articles = false\n"
                      for url in (slow, *quick)))
        app = App.open(config, console=Console(file=io.StringIO()))
        try:
            with app.db.engine.begin() as conn:  # the slow feed is claimed first
                conn.execute(update(feeds).where(feeds.c.url == slow)
                             .values(next_check_at=datetime.now(UTC) - timedelta(minutes=1)))
            async with app.running(("watch",)) as run:
                assert run.pipeline is not None
                stats = await run.pipeline.sweep()
                assert (stats.feeds, stats.lapsed) == (1, 2)
                assert [len(server.hits(f"/q{n}.xml")) for n in range(2)] == [0, 0]
                await asyncio.sleep(1.0)  # their leases run out
                again = await run.pipeline.sweep()
                assert again.feeds == 2 and again.lapsed == 0
                assert [len(server.hits(f"/q{n}.xml")) for n in range(2)] == [1, 1]
        finally:
            app.close()
