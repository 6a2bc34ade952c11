"""Admin notices: raised with the change they report, queued, delivered like alerts."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from rich.console import Console
from sqlalchemy import Engine, inspect, select, text

from bot import feedstate, notices, outbox
from bot.alerts import Alert, Notice
from bot.app import App
from bot.config import parse_config
from bot.delivery import Sender
from bot.discord_chat.notifier import ChannelNotifier
from bot.notifiers.base import DeliveryError
from bot.slack_chat.notifier import SlackNotifier
from bot.slack_chat.webclient import web_client
from bot.storage import open_database
from bot.storage.migrations import HEAD
from bot.storage.schema import deliveries, feeds, schema_version
from bot.storage.schema import notices as notices_table
from tests.clock import Clock
from tests.fakediscord import FakeDiscord, serve
from tests.fakeslack import FakeSlack
from tests.feedserver import FeedServer
from tests.ledger_helpers import add_story

T0 = datetime(2026, 6, 1, tzinfo=UTC)
POLICY = outbox.RetryPolicy(max_attempts=2, base_backoff=timedelta(seconds=10))


class Chat:
    """A chat platform stand-in recording alerts and notices; fails while `down`."""

    def __init__(self, name: str, *, down: int = 0, permanent: bool = False) -> None:
        self.name = name
        self.down = down
        self.permanent = permanent
        self.alerts: list[Alert] = []
        self.notices: list[Notice] = []

    def _check(self) -> None:
        if self.down:
            self.down -= 1
            raise DeliveryError("HTTP 503 from the chat", permanent=self.permanent)

    async def send(self, alert: Alert) -> str | None:
        self._check()
        self.alerts.append(alert)
        return f"a{len(self.alerts)}"

    async def send_notice(self, notice: Notice) -> str | None:
        self._check()
        self.notices.append(notice)
        return f"n{len(self.notices)}"

    async def close(self) -> None:
        return None


def sender(engine: Engine, clock: Clock, admin: str | None, **chats: Chat) -> Sender:
    return Sender(engine=engine, notifiers=chats, worker="w", clock=clock, policy=POLICY,
                  admin_destination=admin)


def notice_rows(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(select(notices_table).order_by(notices_table.c.id)))


async def test_dead_delivery_raises_a_notice_that_reaches_the_admin(engine: Engine) -> None:
    add_story(engine, "s1", [("Cisco", "joined")], when=T0, destinations=("news",))
    clock, news, ops = Clock(T0), Chat("news", down=5), Chat("ops")
    s = sender(engine, clock, "ops", news=news, ops=ops)
    await s.deliver_pending()
    assert notice_rows(engine) == []  # one failure is not news yet
    clock.now += timedelta(minutes=5)
    assert (await s.deliver_pending()).dead == 1
    [row] = notice_rows(engine)
    assert (row.kind, row.status, row.destination) == ("delivery_dead", "pending", "ops")
    with engine.connect() as conn:
        delivery_id = conn.execute(select(deliveries.c.id)).scalar_one()
    assert (await s.deliver_notices()).sent == 1
    [notice] = ops.notices
    assert notice.text.splitlines()[0] == (
        f'Delivery {delivery_id} is dead: the alert "Cisco joined OpenStack" (event 1) could '
        "not be sent to news after 2 attempts.")
    assert "Last error: HTTP 503 from the chat" in notice.text
    assert f"stackwatch deliveries retry {delivery_id}" in notice.text
    assert notice_rows(engine)[0].status == "sent" and ops.alerts == []
    assert (await s.deliver_notices()).sent == 0  # sent once


async def test_without_admin_destination_a_notice_is_only_logged(
        engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    add_story(engine, "s1", [("Cisco", "joined")], when=T0, destinations=("news",))
    clock, news = Clock(T0), Chat("news", down=1, permanent=True)
    await sender(engine, clock, None, news=news).deliver_pending()
    [row] = notice_rows(engine)
    assert (row.status, row.destination) == ("logged", None)
    assert "admin notice: Delivery 1 is dead" in caplog.text
    assert (await sender(engine, clock, None, news=news).deliver_notices()).sent == 0


async def test_failing_admin_destination_retries_then_gives_up_quietly(engine: Engine) -> None:
    add_story(engine, "s1", [("Cisco", "joined")], when=T0, destinations=("news",))
    clock = Clock(T0)
    news, ops = Chat("news", down=1, permanent=True), Chat("ops", down=1)
    s = sender(engine, clock, "ops", news=news, ops=ops)
    await s.deliver_pending()
    assert (await s.deliver_notices()).failed == 1
    assert (await s.deliver_notices()).sent == 0  # backing off
    clock.now += timedelta(minutes=1)
    assert (await s.deliver_notices()).sent == 1 and len(ops.notices) == 1
    ops.down, ops.permanent = 1, True
    with engine.begin() as conn:
        notices.record(conn, kind="test", text="second", destination="ops", now=clock.now)
    assert (await s.deliver_notices()).dead == 1
    assert [r.status for r in notice_rows(engine)] == ["sent", "dead"]  # no notice of a notice


async def test_notices_go_out_in_order_and_leave_alerts_alone(engine: Engine) -> None:
    clock, ops = Clock(T0), Chat("ops")
    with engine.begin() as conn:
        for i in range(3):
            notices.record(conn, kind="test", text=f"notice {i}", destination="ops", now=T0)
    add_story(engine, "s1", [("Cisco", "joined")], when=T0, destinations=("ops",))
    s = sender(engine, clock, "ops", ops=ops)
    assert (await s.deliver_notices()).sent == 3
    assert [n.text for n in ops.notices] == ["notice 0", "notice 1", "notice 2"]
    assert ops.alerts == [] and (await s.deliver_pending()).sent == 1


def test_disabling_a_feed_and_its_notice_commit_together(engine: Engine) -> None:
    feedstate.sync_feeds(engine, [feedstate.FeedSpec("http://x/f", "X", "feed", 600)], T0)
    [feed] = feedstate.claim_due_feeds(engine, now=T0, worker="w", limit=1,
                                       lease=timedelta(minutes=1))

    def notice_then_crash(conn: Any, failures: int, error: str) -> None:
        notices.feed_disabled(conn, feed.url, feed.name, failures, error, destination="ops",
                              now=T0)
        raise RuntimeError("crash inside the transaction")

    with pytest.raises(RuntimeError):
        feedstate.record_failure(engine, feed, "HTTP 500", now=T0, retry_after=None,
                                 max_failures=1, on_disable=notice_then_crash)
    with engine.connect() as conn:
        assert conn.execute(select(feeds.c.enabled)).scalar_one() is True
    assert notice_rows(engine) == []


async def test_a_feed_disabled_by_a_sweep_is_reported_to_the_admin(db_url: str) -> None:
    async with FeedServer() as server:
        config = parse_config(f"""
[storage]
url = "{db_url}"
[watch]
allow_private_networks = true
max_consecutive_failures = 1
[delivery]
admin_destination = "ops"
[[destinations]]
name = "ops"
platform = "console"
[[feeds]]
url = "{server.url('/status/500')}"
name = "Broken"
""")
        out = io.StringIO()
        app = App.open(config, console=Console(file=out, width=300, color_system=None))
        try:
            report = await app.run_once()
            assert report.sweep.failed == 1
            with app.db.engine.connect() as conn:
                [row] = conn.execute(select(notices_table))
                assert conn.execute(select(feeds.c.enabled)).scalar_one() is False
        finally:
            app.close()
    assert (row.kind, row.status) == ("feed_disabled", "sent")
    printed = out.getvalue()
    assert ("NOTICE Feed disabled after 1 failed polls in a row: Broken (http://127.0.0.1:"
            in printed)
    assert "Last error:" in printed and "500" in printed
    assert "/openstack feeds resume http://127.0.0.1:" in printed


HOSTILE = Notice(notice_id=4, destination="ops", kind="feed_disabled",
                 text="Feed disabled: <!channel> @everyone <@U123> <@&1234> &amp;\n"
                      "Last error: <https://evil.example|click> @here \x1b[31m")


async def test_notice_to_slack_pings_nobody() -> None:
    async with FakeSlack() as fake:
        notifier = SlackNotifier("ops", "C0OPS", web_client("xoxb-t", fake.base_url))
        assert await notifier.send_notice(HOSTILE)
        [call] = fake.calls_to("chat.postMessage")
    body = call.body
    assert "link_names" not in body and "parse" not in body
    texts = [body["text"]] + [b["text"]["text"] for b in body["blocks"] if b["type"] == "section"]
    for piece in texts:
        assert "<" not in piece and ">" not in piece and "\x1b" not in piece
    assert "&lt;!channel&gt;" in body["blocks"][0]["text"]["text"]
    assert "&amp;amp;" in body["blocks"][0]["text"]["text"]


@pytest.fixture
async def discord_fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    async with serve(monkeypatch) as running:
        yield running


async def test_notice_to_discord_pings_nobody(discord_fake: FakeDiscord) -> None:
    notifier = ChannelNotifier("ops", token="t", channel_id=930000000000000009)
    try:
        await notifier.send_notice(HOSTILE)
    finally:
        await notifier.close()
    [post] = discord_fake.posts("/messages")
    assert post.json["allowed_mentions"] == {"parse": []}
    assert post.json["nonce"] == "sw-notice-4"
    [embed] = post.json["embeds"]
    shown = embed["title"] + embed["description"]
    assert "@everyone" not in shown and "@here" not in shown and "<@U123>" not in shown
    assert "<@&1234>" not in shown and "\x1b" not in shown
    assert "Last error:" in embed["description"]


def test_an_old_database_gains_the_notices_table(db_url: str) -> None:
    db = open_database(db_url)
    with db.engine.begin() as conn:  # back to what version 1 looked like
        conn.execute(text("DROP TABLE notices"))
        conn.execute(schema_version.delete().where(schema_version.c.version > 1))
    db.dispose()
    db = open_database(db_url)
    try:
        assert db.schema_version == HEAD
        assert "notices" in inspect(db.engine).get_table_names()
        indexes = {ix["name"] for ix in inspect(db.engine).get_indexes("notices")}
        assert "ix_notices_pending" in indexes
        with db.engine.begin() as conn:
            notices.record(conn, kind="test", text="hello", destination="ops", now=T0)
    finally:
        db.dispose()
