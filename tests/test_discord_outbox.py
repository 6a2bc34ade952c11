"""A Discord outage through the real Sender and outbox on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select

from bot import outbox
from bot.delivery import Sender
from bot.discord_chat.notifier import ChannelNotifier
from bot.storage.schema import deliveries
from tests.clock import Clock
from tests.fakediscord import FakeDiscord, fast_sleeps, serve
from tests.ledger_helpers import add_story

CHANNEL = 930000000000000001
T0 = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    async with serve(monkeypatch) as running:
        yield running


@pytest.fixture
async def notifier() -> AsyncIterator[ChannelNotifier]:
    sender = ChannelNotifier("news", token="bot-token", channel_id=CHANNEL)
    yield sender
    await sender.close()


def _rows(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(select(deliveries).order_by(deliveries.c.id)))


async def test_outage_keeps_the_row_pending_then_it_is_delivered_once(
        engine: Engine, fake: FakeDiscord, notifier: ChannelNotifier,
        monkeypatch: pytest.MonkeyPatch) -> None:
    sleeps = fast_sleeps(monkeypatch)
    add_story(engine, "a", [("Acme", "joined")], when=T0, destinations=("news",))
    clock = Clock(T0)
    sender = Sender(engine=engine, notifiers={"news": notifier}, worker="w", clock=clock,
                    policy=outbox.RetryPolicy(base_backoff=timedelta(seconds=30)))

    fake.fail_next(5, 500, route="/messages")  # every one of discord.py's five tries
    stats = await sender.deliver_pending()
    [row] = _rows(engine)
    assert (stats.sent, stats.failed) == (0, 1)
    assert row.status == outbox.PENDING and row.attempts == 1 and "500" in row.last_error
    assert row.next_attempt_at >= T0 + timedelta(seconds=30)
    assert sleeps == [1, 3, 5, 7, 9] and fake.messages == []

    assert (await sender.deliver_pending()).sent == 0  # not due yet
    clock.now = T0 + timedelta(minutes=1)
    assert (await sender.deliver_pending()).sent == 1
    [row] = _rows(engine)
    assert row.status == outbox.SENT and row.message_id == fake.messages[0]["id"]
    assert len(fake.messages) == 1

    # a second outlet's story about the same event replies to the alert just sent
    add_story(engine, "b", [("Acme", "joined")], when=clock.now, destinations=("news",))
    assert (await sender.deliver_pending()).sent == 1
    follow = fake.messages[1]
    assert str(follow["message_reference"]["message_id"]) == fake.messages[0]["id"]
    assert [r.kind for r in _rows(engine)] == ["alert", "source"]


async def test_long_rate_limit_becomes_the_rows_retry_time(
        engine: Engine, fake: FakeDiscord, notifier: ChannelNotifier,
        monkeypatch: pytest.MonkeyPatch) -> None:
    fast_sleeps(monkeypatch)
    add_story(engine, "a", [("Acme", "joined")], when=T0, destinations=("news",))
    sender = Sender(engine=engine, notifiers={"news": notifier}, worker="w", clock=Clock(T0),
                    policy=outbox.RetryPolicy(base_backoff=timedelta(seconds=30)))
    fake.fail_next(1, 429, retry_after=600.0, route="/messages")
    await sender.deliver_pending()
    [row] = _rows(engine)
    assert row.status == outbox.PENDING
    assert row.next_attempt_at >= T0 + timedelta(seconds=600)
    assert fake.messages == []
