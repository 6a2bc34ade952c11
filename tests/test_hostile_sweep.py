"""One sweep of the real service over every hostile feed at once, plus one good feed.

`stackwatch run --once` runs as a subprocess (parsing in-process, the strictest
case for memory) against a feed server on 127.0.0.2, the only address its
config allows; an "intranet" server on 127.0.0.1 stands for everything the
guard must keep it away from. The good feed's alert must reach both chat fakes,
every hostile feed must end as feed state (an error, or parsed harmlessly),
nothing may reach the intranet, mentions must arrive inert, and the process's
peak RSS, read from the kernel by `wait4`, must stay under 200 MB.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.storage import open_database
from bot.storage.schema import feeds, stories
from tests import servicehelpers as sh
from tests.fakediscord import FakeDiscord
from tests.fakeslack import FakeSlack
from tests.feedserver import (
    BILLION_LAUGHS,
    CONTROL_CHARS,
    EXTERNAL_ENTITY,
    FeedServer,
    big_feed,
)

MEMORY_LIMIT = 200 * 1024 * 1024
GIB = 1 << 30
SCRIPTED = (b"<html><head><script>fetch('/steal?c='+document.cookie)</script></head>"
            b"<body onload=\"alert(1)\"><h1>Not a feed</h1></body></html>")
INVALID_UTF8 = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                b"<title>Bad \xff\xfe bytes</title><item><title>Broken \xc3\x28 text \xed\xa0\x80"
                b"</title><link>https://bad.example/1</link><description>\xf8\x88\x80\x80\x80"
                b"</description></item></channel></rss>")


def item(guid: str, title: str, text: str, link: str) -> tuple[str, str, str, str]:
    return guid, title, text, link


def feed(title: str, items: list[tuple[str, str, str, str]]) -> bytes:
    body = sh.rss(title, [(g, t, x) for g, t, x, _ in items])
    for guid, _, _, link in items:  # the story's own link, wherever it points
        body = body.replace(f"https://news.example/{guid}".encode(), link.encode())
    return body


def escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


MENTIONS_TITLE = "<!channel> Pingcorp joins OpenStack <@U123> @everyone"
MENTIONS_TEXT = ("@everyone Pingcorp has joined the OpenStack Foundation as a Gold member "
                 "<!channel> <!here> <@U123> <@&123456789012345678>, the company said on Monday.")


def serve_hostile(server: FeedServer, intranet: FeedServer) -> dict[str, str]:
    """Every hostile feed, by name -> URL."""
    secret = intranet.serve("/secret", b"<rss version='2.0'><channel><title>secret</title>"
                                       b"</channel></rss>")
    script_text = ("Scriptco has joined the OpenStack Foundation as a Gold member, the company "
                   "said on Monday.<script>alert(document.cookie)</script>"
                   "<iframe src='javascript:alert(1)'></iframe><img src=x onerror=alert(2)>")
    private_links = [
        item("p1", "Linkco joins OpenStack", "Linkco has joined the OpenStack Foundation.",
             secret),
        item("p2", "Metaco joins OpenStack", "Metaco has joined the OpenStack Foundation.",
             "http://169.254.169.254/latest/meta-data/iam/security-credentials/"),
        item("p3", "Tenco joins OpenStack", "Tenco has joined the OpenStack Foundation.",
             "http://10.0.0.1/admin"),
        item("p4", "Sixco joins OpenStack", "Sixco has joined the OpenStack Foundation.",
             f"http://[::1]:{intranet.port}/secret"),
        item("p5", "Hopco joins OpenStack", "Hopco has joined the OpenStack Foundation.",
             server.url(f"/redirect-to?url={secret}")),
    ]
    return {
        "laughs": server.serve("/laughs.xml", BILLION_LAUGHS),
        "xxe": server.serve("/xxe.xml", EXTERNAL_ENTITY),
        "gzip bomb": server.url("/gzip-bomb"),
        "1 GiB body": server.url(f"/big?size={GIB}"),
        "1 GiB declared": server.url(f"/big-declared?size={GIB}"),
        "10,000 entries": server.serve("/ten-thousand.xml", big_feed(10_000).replace(
            b"Tue, 05 Mar 2024 09:30:00 GMT", format_datetime(datetime.now(UTC)).encode())
            .replace(b"https://big.example.org/s/", server.url("/article/").encode())),
        "html page": server.serve("/page.html", SCRIPTED, content_type="text/html"),
        "scripts": server.serve("/scripts.xml", feed("Scripts", [item(
            "s1", "Scriptco joins OpenStack", escape_xml(script_text),
            "javascript:alert(1)")])),
        "mentions": server.serve("/mentions.xml", feed("Pings", [item(
            "m1", escape_xml(MENTIONS_TITLE), escape_xml(MENTIONS_TEXT),
            "https://news.example/m1")])),
        "control chars": server.serve("/control.xml", CONTROL_CHARS),
        "invalid utf-8": server.serve("/utf8.xml", INVALID_UTF8),
        "private links": server.serve("/links.xml", feed("Links", private_links)),
        "intranet feed": secret,
        "redirect to metadata": server.url(
            "/redirect-to?url=http://169.254.169.254/latest/meta-data/"),
        "slow": server.url("/slow?delay=30"),
    }


#: Feeds whose short stories send the pipeline to their article links (the others link to
#: made-up hosts: no DNS look-ups leave this machine).
FETCH_ARTICLES = {"10,000 entries", "scripts", "private links"}
#: Feeds that must end as a feed error, and a word of the reason.
MUST_FAIL = {"gzip bomb": "bytes", "1 GiB body": "bytes", "1 GiB declared": "bytes",
             "html page": "", "intranet feed": "non-public", "redirect to metadata": "non-public",
             "slow": ""}


def config_text(db: Path, slack: FakeSlack, discord: FakeDiscord, urls: dict[str, str]) -> str:
    feed_tables = "".join(f"[[feeds]]\nurl = '{url}'\nname = '{name}'\n"
                          "destinations = ['slack-news', 'discord-news']\n"
                          f"fetch_articles = {'true' if name in FETCH_ARTICLES else 'false'}\n"
                          for name, url in urls.items())
    return (f"[storage]\nurl = 'sqlite:///{db}'\n"
            "[watch]\nallowed_networks = ['127.0.0.2/32']\ntimeout_seconds = 3\n"
            "lease_seconds = 10\nparse_workers = 1\n"
            + sh.chat_config(slack, discord) + feed_tables)


#: Runs `argv[2:]` as its own child and writes that child's peak RSS in bytes (the kernel's,
#: via wait4) to `argv[1]`. A child's peak counts the pages of the process that forked it
#: until its exec, so forked from this test process (177 MB late in the suite, more as the
#: suite grows) it would read this process's size, not the service's: a small one forks it.
PEAK_RSS_LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(str(usage.ru_maxrss * 1024))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_once_measured(config: Path) -> tuple[int, str, int, float]:
    """Exit status, output, peak RSS in bytes and seconds of `stackwatch run --once`."""
    started = time.monotonic()
    peak_file = config.with_name("peak-rss")
    with subprocess.Popen([sys.executable, "-c", PEAK_RSS_LAUNCHER, str(peak_file),
                           sys.executable, "-m", "bot.cli", "run", "--once", "--config",
                           str(config)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          env=sh.ENV) as proc:
        assert proc.stdout is not None
        out = proc.stdout.read().decode(errors="replace")
    return proc.returncode, out, int(peak_file.read_text()), time.monotonic() - started


def feed_states(db: Path) -> dict[str, Any]:
    database = open_database(f"sqlite:///{db}")
    try:
        with database.engine.connect() as conn:
            rows = {r.name: r for r in conn.execute(select(feeds))}
            stored = list(conn.execute(select(stories)))
        return {"feeds": rows, "texts": [f"{r.title} {r.text}" for r in stored],
                "stories": Counter(r.feed_id for r in stored)}
    finally:
        database.dispose()


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


@pytest.mark.timeout(60)
async def test_one_sweep_over_every_hostile_feed(tmp_path: Path) -> None:
    db, config = tmp_path / "sw.db", tmp_path / "sw.toml"
    async with FeedServer(host="127.0.0.2") as server, FeedServer() as intranet, \
            FakeSlack() as slack:
        discord = await FakeDiscord().start()
        try:
            urls = serve_hostile(server, intranet)
            urls["good"] = server.serve("/good.xml", sh.rss("Good wire", [
                ("g1", *sh.join_story("Goodcorp"))]))
            config.write_text(config_text(db, slack, discord, urls))
            code, out, peak, seconds = await asyncio.to_thread(run_once_measured, config)
        finally:
            await discord.stop()
    print(f"hostile sweep: {seconds:.1f}s, peak RSS {peak / 2**20:.0f} MB")
    assert code == 0, out
    assert "Traceback" not in out, out
    assert intranet.requests == [], "the guard let a request through to the intranet"
    refused = [line for line in out.splitlines()
               if "article fetch failed" in line and "non-public address" in line]
    for address, times in (("169.254.169.254", 1), ("10.0.0.1", 1), ("::1", 1),
                           ("127.0.0.1", 2)):  # directly, and at the end of a redirect
        assert sum(f"non-public address {address}" in line for line in refused) == times
    assert [hit.path for hit in server.requests].count("/redirect-to") == 2

    state = feed_states(db)
    polled = state["feeds"]
    assert set(polled) == set(urls)
    assert all(row.last_checked_at is not None for row in polled.values())  # none was skipped
    for name, reason in MUST_FAIL.items():
        assert polled[name].error_count == 1 and reason in polled[name].last_error, name
    for name in set(urls) - set(MUST_FAIL):
        assert polled[name].error_count == 0, (name, polled[name].last_error)
    assert state["stories"][polled["10,000 entries"].id] == 10_000
    assert polled["10,000 entries"].items_seen == 10_000  # new, so classified too
    articles = [hit for hit in server.requests if hit.path.startswith("/article/")]
    assert len(articles) == 50  # the per-poll cap: the rest are judged on the feed's text
    everything = "\n".join(state["texts"])
    assert "lollollol" not in everything and "root:" not in everything  # nothing expanded
    assert "\x00" not in everything and "\x1b" not in everything

    slack_bodies = [c.body for c in slack.calls_to("chat.postMessage")]
    slack_text = "\n".join(s for body in slack_bodies for s in strings(body))
    discord_posts = discord.posts("/messages")
    discord_text = "\n".join(s for post in discord_posts for s in strings(post.json))
    for text in (slack_text, discord_text):
        for company in ("Goodcorp", "Pingcorp", "Scriptco"):
            assert f"{company} joined OpenStack" in text
        assert "<script" not in text and "javascript:" not in text and "onerror" not in text
    assert all(body.get("link_names") is None and body.get("parse") is None
               for body in slack_bodies)
    for ping in ("<!channel>", "<!here>", "<@U123>"):  # Slack's mention syntax
        assert ping not in slack_text, ping
    assert "&lt;!channel&gt;" in slack_text and json.dumps(slack_bodies).count("<@") == 0
    for ping in ("@everyone", "@here", "<@U123>", "<@&123456789012345678>"):  # Discord's
        assert ping not in discord_text, ping
    assert "@\u200beveryone" in discord_text
    assert all(post.json["allowed_mentions"] == {"parse": []} for post in discord_posts)
    assert peak < MEMORY_LIMIT, f"peak RSS {peak / 2**20:.0f} MB"
