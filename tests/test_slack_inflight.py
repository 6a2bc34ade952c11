"""A Slack alert in flight when its process died is checked, then posted at most once.

The crash is real as far as the outbox can tell: the send task is cancelled
after the fake Slack made the post but before it answered, so the row stays
"sending" with its lease; another worker re-claims it after the lease.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from bot.delivery import Sender
from bot.outbox import RetryPolicy
from bot.slack_chat.notifier import SlackNotifier
from bot.slack_chat.webclient import web_client
from bot.storage.schema import deliveries
from tests.clock import Clock
from tests.fakeslack import FakeSlack
from tests.ledger_helpers import add_story

CHANNEL = "C0NEWS"
LEASE = timedelta(seconds=30)


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as slack:
        yield slack


def sender(engine: Engine, fake: FakeSlack, clock: Clock, worker: str) -> Sender:
    notifier = SlackNotifier("news", CHANNEL, web_client("xoxb-t", fake.base_url))
    return Sender(engine=engine, notifiers={"news": notifier}, worker=worker, clock=clock,
                  policy=RetryPolicy(max_attempts=5, base_backoff=timedelta(seconds=1)),
                  lease=LEASE)


async def crash_mid_post(engine: Engine, fake: FakeSlack, clock: Clock, posts: int) -> None:
    """Deliver until the fake has made `posts` posts, then kill the sender mid-answer."""
    fake.post_delay, fake.delay_from = 5.0, posts - 1
    task = asyncio.create_task(sender(engine, fake, clock, "dead").deliver_pending())
    await fake.wait_for(lambda: len(fake.posted(CHANNEL)) >= posts)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    fake.post_delay = 0.0


def statuses(engine: Engine) -> list[tuple[str, str, int, str | None]]:
    with engine.connect() as conn:
        return [(r.kind, r.status, r.attempts, r.message_id) for r in conn.execute(
            select(deliveries).order_by(deliveries.c.id))]


async def test_posted_alert_is_found_by_its_metadata_not_posted_again(
        engine: Engine, fake: FakeSlack) -> None:
    clock = Clock(datetime.now(UTC))
    add_story(engine, "a", [("Acme", "joined")], when=clock.now, destinations=("news",))
    await crash_mid_post(engine, fake, clock, 1)
    [posted] = fake.posted(CHANNEL)
    assert statuses(engine) == [("alert", "sending", 1, None)]
    for i in range(450):  # the channel moves on: the lookup has to page
        fake.add_message(CHANNEL, f"chatter {i}")

    restarted = sender(engine, fake, clock, "new")
    assert (await restarted.deliver_pending()).sent == 0  # leased to the dead worker
    clock.now += LEASE + timedelta(seconds=1)
    assert (await restarted.deliver_pending()).sent == 1
    assert statuses(engine) == [("alert", "sent", 2, posted["ts"])]
    assert len(fake.calls_to("chat.postMessage")) == 1
    lookups = fake.calls_to("conversations.history")
    assert len(lookups) == 3 and all(c.body["include_all_metadata"] == "1" for c in lookups)
    assert float(lookups[0].body["oldest"]) < float(posted["ts"])


async def test_follow_up_in_a_thread_is_looked_up_in_that_thread(
        engine: Engine, fake: FakeSlack) -> None:
    clock = Clock(datetime.now(UTC))
    add_story(engine, "a", [("Acme", "joined")], when=clock.now, destinations=("news",))
    add_story(engine, "b", [("Acme", "joined")], when=clock.now, destinations=("news",))
    await crash_mid_post(engine, fake, clock, 2)
    alert, follow = fake.posted(CHANNEL)
    assert follow["thread_ts"] == alert["ts"]
    clock.now += LEASE + timedelta(seconds=1)
    assert (await sender(engine, fake, clock, "new").deliver_pending()).sent == 1
    assert statuses(engine) == [("alert", "sent", 1, alert["ts"]),
                                ("source", "sent", 2, follow["ts"])]
    [lookup] = fake.calls_to("conversations.replies")
    assert lookup.body["ts"] == alert["ts"]
    assert len(fake.posted(CHANNEL)) == 2


async def test_claimed_but_never_posted_is_posted_once(engine: Engine, fake: FakeSlack) -> None:
    clock = Clock(datetime.now(UTC))
    add_story(engine, "a", [("Acme", "joined")], when=clock.now, destinations=("news",))
    fake.fail_next(3, status=500)  # the first attempt never reached the channel
    first = sender(engine, fake, clock, "w")
    assert (await first.deliver_pending()).failed == 1
    clock.now += timedelta(seconds=5)
    assert (await first.deliver_pending()).sent == 1
    assert len(fake.calls_to("conversations.history")) == 1
    [message] = fake.posted(CHANNEL)
    assert message["metadata"]["event_payload"]["key"] == "sw-1"
    assert statuses(engine) == [("alert", "sent", 2, message["ts"])]


async def test_without_the_history_scope_it_posts_again_with_a_warning(
        engine: Engine, fake: FakeSlack, caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock(datetime.now(UTC))
    add_story(engine, "a", [("Acme", "joined")], when=clock.now, destinations=("news",))
    await crash_mid_post(engine, fake, clock, 1)
    fake.fail_next(1, status=200, error="missing_scope", method="conversations.history")
    clock.now += LEASE + timedelta(seconds=1)
    assert (await sender(engine, fake, clock, "new").deliver_pending()).sent == 1
    assert len(fake.posted(CHANNEL)) == 2  # the one duplicate the check could not prevent
    assert "cannot check whether sw-1 was posted before (missing_scope)" in caplog.text


async def test_a_failed_lookup_is_retried_before_anything_is_posted(
        engine: Engine, fake: FakeSlack) -> None:
    clock = Clock(datetime.now(UTC))
    add_story(engine, "a", [("Acme", "joined")], when=clock.now, destinations=("news",))
    await crash_mid_post(engine, fake, clock, 1)
    fake.fail_next(3, status=503, method="conversations.history")
    clock.now += LEASE + timedelta(seconds=1)
    restarted = sender(engine, fake, clock, "new")
    assert (await restarted.deliver_pending()).failed == 1
    assert len(fake.calls_to("chat.postMessage")) == 1
    clock.now += timedelta(seconds=5)
    assert (await restarted.deliver_pending()).sent == 1
    assert len(fake.posted(CHANNEL)) == 1


async def test_another_databases_row_with_the_same_id_is_not_taken_for_ours(
        engine: Engine, fake: FakeSlack) -> None:
    clock = Clock(datetime.now(UTC))
    add_story(engine, "a", [("Acme", "joined")], when=clock.now, destinations=("news",))
    fake.add_message(CHANNEL, "from a staging install", metadata={
        "event_type": "stackwatch_delivery",
        "event_payload": {"key": "sw-1", "queued": "2020-01-01T00:00:00+00:00"}})
    fake.fail_next(1, status=200, error="internal_error")
    first = sender(engine, fake, clock, "w")
    await first.deliver_pending()
    clock.now += timedelta(seconds=5)
    assert (await first.deliver_pending()).sent == 1
    assert len(fake.posted(CHANNEL)) == 2
