"""The whole pipeline, as `stackwatch run --once` runs it, against a feed server on loopback."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from rich.console import Console

from bot.app import App
from bot.commands import run_text
from bot.config import parse_config
from bot.storage.schema import feeds
from tests.feedserver import FeedServer

NOW = datetime.now(UTC)

ARTICLES = {
    "quarry": ("Quarrytech signs on as OpenStack Foundation Gold member",
               "Quarrytech, a storage start-up from Leeds, said on Tuesday that it has joined "
               "the OpenStack Foundation as a Gold member. The company will contribute to the "
               "Cinder and Manila projects. Its chief executive said the membership reflects "
               "years of work with OpenStack operators."),
    "walmart": ("Walmart expands its OpenStack cloud",
                "Walmart now runs more than 300,000 cores on OpenStack, the retailer said at the "
                "summit. The company described how its engineers automate upgrades. Walmart did "
                "not announce any change to its foundation membership."),
    "bluefjord": ("Bluefjord Systems quits OpenStack",
                  "Bluefjord Systems has withdrawn from the OpenStack Foundation and will not "
                  "renew its membership, the company confirmed. Bluefjord said it will focus "
                  "its engineering on Kubernetes instead."),
}


def rss(base: str) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{base}/a/{slug}.html</link><guid>{slug}</guid>"
        f"<pubDate>{format_datetime(NOW - timedelta(hours=i))}</pubDate>"
        f"<description>{body[:60]}</description></item>"
        for i, (slug, (title, body)) in enumerate(ARTICLES.items()))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
            f"<link>{base}/</link>{items}</channel></rss>").encode()


def page(title: str, body: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><nav>Home | Cloud</nav>"
            f"<article><h1>{title}</h1><p>{body}</p></article>"
            "<aside><h3>Related articles</h3><ul><li><a href='/x'>IBM joins OpenStack</a></li>"
            "</ul></aside></body></html>").encode()


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    async with FeedServer() as srv:
        base = srv.url("").rstrip("/")
        srv.serve("/feed.xml", rss(base), etag='"v1"')
        for slug, (title, body) in ARTICLES.items():
            srv.serve(f"/a/{slug}.html", page(title, body), content_type="text/html")
        yield srv


def make_app(db_url: str, server: FeedServer, out: io.StringIO) -> App:
    config = parse_config(f"""
[storage]
url = "{db_url}"
[watch]
allow_private_networks = true
timeout_seconds = 5
[[feeds]]
url = "{server.url('/feed.xml')}"
name = "Wire"
[[feeds]]
url = "{server.url('/status/500')}"
name = "Broken"
""")
    return App.open(config, console=Console(file=out, width=200, color_system=None))


async def test_sweep_alerts_once_and_uses_conditional_get(db_url: str,
                                                          server: FeedServer) -> None:
    out = io.StringIO()
    app = make_app(db_url, server, out)
    try:
        report = await app.run_once()
        assert report.sweep.feeds == 2 and report.sweep.failed == 1
        assert report.sweep.new_stories == 3
        text = out.getvalue()
        assert "Quarrytech joined OpenStack" in text
        assert "Bluefjord Systems left OpenStack" in text
        assert "Walmart" not in text and "IBM" not in text
        assert report.delivery.sent == 2
        # The short feed teaser was replaced by the article page's text.
        assert len(server.hits("/a/quarry.html")) == 1

        # The next sweep is not due yet; force it and the server answers 304.
        with app.db.engine.begin() as conn:
            conn.execute(feeds.update().values(next_check_at=NOW - timedelta(seconds=1)))
        again = await app.run_once()
        assert again.sweep.not_modified == 1 and again.sweep.new_stories == 0
        assert again.delivery.sent == 0
        assert server.hits("/feed.xml")[-1].headers.get("If-None-Match") == '"v1"'

        joined = run_text("who-joined", app.command_context())
        assert [i.title for i in joined.items] == ["Quarrytech joined"]
        health = {i.title: i.detail for i in run_text("feeds", app.command_context()).items}
        assert "failing x2" in health["Broken"] and "500" in health["Broken"]
        assert health["Wire"].startswith("ok")
    finally:
        app.close()
