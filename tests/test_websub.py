"""WebSub: discovery and signatures (pure), then the service against a local hub on loopback:
subscribe → verification of intent → signed delivery through the pipeline, a forged
delivery, a denied subscription, lease renewal and the polling fallback; a feed leaving the
config → unsubscribe → 410, and back again → a fresh subscription."""

from __future__ import annotations

import asyncio
import io
import logging
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import aiohttp
import pytest
from rich.console import Console
from sqlalchemy import select, update

from bot.app import App
from bot.config import load_config
from bot.service import serve
from bot.storage.schema import events, feeds, stories, websub_subscriptions
from tests.feedserver import FeedServer
from tests.websubhub import Hub
from watchers.model import FetchResult, ParsedFeed
from watchers.websub import HubTopic, discover, link_rels, sign, signature_problem

# --- pure pieces ----------------------------------------------------------------------------


def test_link_header_rels_are_split_and_resolved() -> None:
    header = ('<https://hub.example/>; rel="hub", </feed.xml>; rel="self alternate"; '
              'type="application/rss+xml", <https://other.example/hub2>; rel=hub')
    assert link_rels(header, "https://news.example/x/") == {
        "hub": "https://hub.example/", "self": "https://news.example/feed.xml",
        "alternate": "https://news.example/feed.xml"}
    assert link_rels(None, "https://x/") == {} and link_rels("garbage", "https://x/") == {}


def _fetched(links: str | None = None) -> FetchResult:
    return FetchResult(url="https://news.example/feed", final_url="https://news.example/feed",
                       status=200, body=b"", content_type=None, etag=None, last_modified=None,
                       links=links)


def test_discovery_prefers_the_link_header_and_falls_back_to_the_fetched_url() -> None:
    doc = ParsedFeed(title="", entries=(), hub_url="https://doc-hub.example/",
                     self_url="/canonical.xml")
    assert discover(_fetched(), doc) == HubTopic("https://doc-hub.example/",
                                                 "https://news.example/canonical.xml")
    header = '<https://header-hub.example/>; rel="hub"'
    assert discover(_fetched(header), ParsedFeed(title="", entries=())) == HubTopic(
        "https://header-hub.example/", "https://news.example/feed")
    assert discover(_fetched(header), doc) == HubTopic(  # the header's hub wins
        "https://header-hub.example/", "https://news.example/canonical.xml")
    assert discover(_fetched(), ParsedFeed(title="", entries=())) is None
    assert discover(_fetched(), ParsedFeed(title="", entries=(), hub_url="ftp://hub/")) is None


@pytest.mark.parametrize("method", ["sha1", "sha256", "sha384", "sha512"])
def test_every_allowed_signature_method_verifies(method: str) -> None:
    body = b"<rss>...</rss>"
    assert signature_problem("s3cret", body, sign("s3cret", body, method)) is None
    assert signature_problem("s3cret", body, sign("s3cret", body, method).upper()
                             .replace(method.upper(), method)) is None
    assert signature_problem("s3cret", body + b" ", sign("s3cret", body, method)) == (
        "signature does not match the body")


@pytest.mark.parametrize(("header", "problem"), [
    (None, "no X-Hub-Signature header"),
    ("", "no X-Hub-Signature header"),
    ("md5=abcdef", "unsupported signature method 'md5'"),
    ("sha256", "signature does not match the body"),
    ("sha256=" + "0" * 64, "signature does not match the body"),
])
def test_bad_signatures_are_named(header: str | None, problem: str) -> None:
    assert signature_problem("s3cret", b"body", header) == problem


# --- the service against a local hub --------------------------------------------------------

STORY = ("Nimbus Grid Ltd has joined the OpenStack Foundation as a Gold member, the company "
         "said on Monday. Nimbus Grid will contribute engineers to the Nova project.")


def rss(base: str, hub: str | None, items: list[tuple[str, str, str]]) -> bytes:
    now = format_datetime(datetime.now(UTC) - timedelta(minutes=5))
    links = (f'<atom:link rel="hub" href="{hub}"/><atom:link rel="self" href="{base}/a.xml"/>'
             if hub else "")
    body = "".join(f"<item><title>{title}</title><link>{base}/{guid}</link><guid>{guid}</guid>"
                   f"<pubDate>{now}</pubDate><description>{text}</description></item>"
                   for guid, title, text in items)
    return (f"<?xml version='1.0'?><rss version='2.0' "
            f"xmlns:atom='http://www.w3.org/2005/Atom'><channel><title>Wire</title>"
            f"<link>{base}/</link>{links}{body}</channel></rss>").encode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Service:
    app: App
    out: io.StringIO
    hub: Hub
    server: FeedServer
    callback_url: str
    topic_a: str
    topic_b: str
    config_path: Path

    def feed_block(self, topic: str) -> str:
        return f'[[feeds]]\nurl = "{topic}"\nfetch_articles = false\n'

    def subscription(self, topic: str) -> dict[str, object]:
        with self.app.db.engine.connect() as conn:
            row = conn.execute(select(websub_subscriptions)
                               .where(websub_subscriptions.c.topic_url == topic)).one()
        return dict(row._mapping)

    def stories(self) -> set[str]:
        with self.app.db.engine.connect() as conn:
            return set(conn.execute(select(stories.c.title)).scalars())

    async def until(self, check: object, timeout: float = 10) -> None:
        assert callable(check)
        async with asyncio.timeout(timeout):
            while not check():
                await asyncio.sleep(0.05)


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    async with FeedServer() as server, Hub() as hub:
        base = server.url("").rstrip("/")
        topic_a, topic_b = f"{base}/a.xml", f"{base}/b.xml"
        hub.deny.add(topic_b)
        server.serve("/a.xml", rss(base, hub.url, []), etag='"a1"')
        # Feed B names its hub only in the Link header; that hub denies it.
        server.serve("/b.xml", rss(base, None, []), etag='"b1"',
                     headers={"Link": f'<{hub.url}>; rel="hub"'})
        port = free_port()
        callback_url = f"http://127.0.0.1:{port}/websub"
        config_path = tmp_path / "stackwatch.toml"
        config_path.write_text(f"""
[storage]
url = "sqlite:///{tmp_path / 'sw.db'}"
[watch]
allow_private_networks = true
tick_seconds = 1
max_body_bytes = 20000
[websub]
callback_url = "{callback_url}"
listen_host = "127.0.0.1"
listen_port = {port}
lease_seconds = 3
renew_before_seconds = 2
check_seconds = 0.3
poll_interval_minutes = 120
[[feeds]]
url = "{topic_a}"
fetch_articles = false
[[feeds]]
url = "{topic_b}"
fetch_articles = false
interval_minutes = 5
""")
        out = io.StringIO()
        app = App.open(load_config(config_path),
                       console=Console(file=out, width=200, color_system=None),
                       config_path=config_path, roles=("watch", "deliver"))
        stop = asyncio.Event()
        task = asyncio.create_task(serve(app, stop))
        try:
            yield Service(app, out, hub, server, callback_url, topic_a, topic_b, config_path)
        finally:
            stop.set()
            await asyncio.wait_for(task, 20)
            app.close()


@pytest.mark.timeout(60)
async def test_subscribe_verify_deliver_renew_and_fall_back(
        service: Service, caplog: pytest.LogCaptureFixture) -> None:
    hub, topic_a, topic_b = service.hub, service.topic_a, service.topic_b
    await hub.wait_verified(topic_a)
    [first] = [r for r in hub.requests if r["hub.topic"] == topic_a][:1]
    assert first["hub.mode"] == "subscribe" and first["hub.lease_seconds"] == "3"
    assert first["hub.callback"].startswith(service.callback_url + "/")
    assert len(first["hub.secret"]) == 64
    sub_a = service.subscription(topic_a)
    assert sub_a["state"] == "verified" and sub_a["secret"] == first["hub.secret"]

    # Feed B: discovered through its Link header, denied by the hub, polled as usual.
    await hub.wait_for(lambda: any(v.mode == "denied" and v.status == 200
                                   for v in hub.verifications))
    sub_b = service.subscription(topic_b)
    assert sub_b["state"] == "denied" and "does not serve that topic" in str(sub_b["last_error"])
    assert sub_b["token"] != sub_a["token"] and sub_b["secret"] != sub_a["secret"]

    # A signed delivery goes through the same path as a polled body: story, verdict, alert.
    base = service.server.url("").rstrip("/")
    pushed = rss(base, hub.url, [("n1", "Nimbus Grid joins OpenStack", STORY)])
    assert await hub.publish(topic_a, pushed) == [202]
    await service.until(lambda: "ALERT Nimbus Grid joined OpenStack" in service.out.getvalue())
    assert "Nimbus Grid joins OpenStack" in service.stories()
    with service.app.db.engine.connect() as conn:
        assert [e.company for e in conn.execute(select(events))] == ["Nimbus Grid"]

    # A forged delivery is acknowledged (spec) but dropped, and logged.
    forged = rss(base, hub.url, [("f1", "Forged joins OpenStack", STORY)])
    caplog.set_level(logging.WARNING, logger="bot.websub")
    assert await hub.publish(topic_a, forged, forge=True) == [202]
    assert await hub.publish(topic_a, forged, method="sha512", forge=True) == [202]
    await asyncio.sleep(0.3)
    assert "Forged joins OpenStack" not in service.stories()
    assert "signature does not match the body" in caplog.text

    # The lease (3 s) is renewed before it runs out: same callback, verified again.
    await hub.wait_verified(topic_a, times=2)
    renewals = [r for r in hub.requests if r["hub.topic"] == topic_a]
    assert len(renewals) >= 2 and {r["hub.callback"] for r in renewals} == {first["hub.callback"]}
    assert service.subscription(topic_a)["state"] == "verified"

    # Polling goes on: slowly for the pushed feed, normally for the denied one.
    with service.app.db.engine.begin() as conn:
        conn.execute(update(feeds).values(next_check_at=datetime.now(UTC)))
    polled_at = datetime.now(UTC)
    await service.until(lambda: all(
        row.last_checked_at is not None and row.last_checked_at >= polled_at
        for row in _feed_rows(service)))
    rows = {row.url: row for row in _feed_rows(service)}
    assert rows[topic_a].next_check_at > polled_at + timedelta(minutes=100)
    assert rows[topic_b].next_check_at < polled_at + timedelta(minutes=6)


def _feed_rows(service: Service) -> list:  # type: ignore[type-arg]
    with service.app.db.engine.connect() as conn:
        return list(conn.execute(select(feeds)))


@pytest.mark.timeout(60)
async def test_callback_refuses_what_it_did_not_ask_for(service: Service) -> None:
    await service.hub.wait_verified(service.topic_a)
    token = str(service.subscription(service.topic_a)["token"])
    url = f"{service.callback_url}/{token}"
    verify = {"hub.mode": "subscribe", "hub.challenge": "c-123", "hub.lease_seconds": "9"}
    async with aiohttp.ClientSession() as session:
        # Verified already and nothing pending: a replayed or forged verification is a 404.
        async with session.get(url, params={**verify, "hub.topic": service.topic_a}) as resp:
            assert resp.status == 404
        async with session.get(url, params={**verify, "hub.topic": "https://evil.example/"}
                               ) as resp:
            assert resp.status == 404
        async with session.get(f"{service.callback_url}/no-such-token",
                               params={**verify, "hub.topic": service.topic_a}) as resp:
            assert resp.status == 404
        # An unsubscribe we did not ask for (someone trying to cut our feed off): refused.
        async with session.get(url, params={**verify, "hub.mode": "unsubscribe",
                                            "hub.topic": service.topic_a}) as resp:
            assert resp.status == 404
        assert service.subscription(service.topic_a)["state"] == "verified"
        async with session.post(f"{service.callback_url}/no-such-token", data=b"x") as resp:
            assert resp.status == 410
        big = b"<rss>" + b" " * 30_000 + b"</rss>"
        async with session.post(url, data=big, headers={
                "X-Hub-Signature": sign(str(service.subscription(service.topic_a)["secret"]),
                                        big)}) as resp:
            assert resp.status == 413


@pytest.mark.timeout(60)
async def test_a_feed_that_leaves_the_config_is_unsubscribed_and_resubscribed_on_return(
        service: Service) -> None:
    hub, topic_a = service.hub, service.topic_a
    await hub.wait_verified(topic_a)
    sub = service.subscription(topic_a)
    callback = f"{service.callback_url}/{sub['token']}"
    config = service.config_path.read_text()
    service.config_path.write_text(config.replace(service.feed_block(topic_a), ""))
    assert service.app.reload() == "Config reloaded: 1 feeds."

    # The hub is asked to cancel, on the same callback; it verifies, and we confirm.
    await hub.wait_for(lambda: any(v.mode == "unsubscribe" and v.confirmed
                                   for v in hub.verifications))
    [leave] = [r for r in hub.requests if r["hub.mode"] == "unsubscribe"]
    assert (leave["hub.topic"], leave["hub.callback"]) == (topic_a, callback)
    assert "hub.secret" not in leave
    assert not any(s.topic == topic_a for s in hub.active.values())
    assert service.subscription(topic_a)["state"] == "unsubscribed"
    # A push that still arrives (signed with the old secret) is told the subscription is gone.
    body = rss(service.server.url("").rstrip("/"), hub.url, [("late", "Late", STORY)])
    async with aiohttp.ClientSession() as session, session.post(
            callback, data=body, headers={"X-Hub-Signature": sign(str(sub["secret"]), body)}
    ) as resp:
        assert resp.status == 410

    # Back in the config: subscribed afresh, with a new callback and secret.
    service.config_path.write_text(config)
    assert service.app.reload() == "Config reloaded: 2 feeds."
    await hub.wait_verified(topic_a)
    again = service.subscription(topic_a)
    assert again["state"] == "verified" and again["token"] != sub["token"]
    assert again["secret"] != sub["secret"]
    assert [s.callback for s in hub.active.values() if s.topic == topic_a] == [
        f"{service.callback_url}/{again['token']}"]
