"""Slack alerts through the real slack_sdk client against the local fake Web API."""

from __future__ import annotations

import json
import socket
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from rich.console import Console
from sqlalchemy import Engine, select

from bot.alerts import Alert
from bot.config import Config, parse_config
from bot.delivery import Sender
from bot.notifiers.base import DeliveryError
from bot.notifiers.factory import build_notifiers
from bot.outbox import RetryPolicy
from bot.slack_chat.notifier import SlackNotifier
from bot.storage.schema import deliveries
from tests.fakeslack import FakeSlack
from tests.ledger_helpers import add_story

CHANNEL = "C0123456789"
T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
ALERT = Alert(delivery_id=7, kind="alert", destination="slack-news", event_id=3,
              company="Microsoft", action="joined",
              evidence="Microsoft joined the OpenStack Foundation as a Platinum member.",
              rule="join.member", confidence=0.9, title="Microsoft goes Platinum",
              url="https://news.example/ms", outlet="The Register", published_at=T0)


def config_for(base_url: str) -> Config:
    return parse_config(f"""
        [slack]
        mode = "http"
        api_base_url = "{base_url}"
        [[destinations]]
        name = "slack-news"
        platform = "slack"
        channel = "{CHANNEL}"
        """, environ={"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "s3cret"})


def notifier_for(config: Config) -> SlackNotifier:
    """Through the platform factory, as the service builds it."""
    notifier = build_notifiers(config, console=Console())["slack-news"]
    assert isinstance(notifier, SlackNotifier)
    return notifier


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as slack:
        yield slack


@pytest.fixture
async def notifier(fake: FakeSlack) -> SlackNotifier:
    return notifier_for(config_for(fake.base_url))


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


async def test_alert_is_block_kit_with_plain_fallback(fake: FakeSlack,
                                                      notifier: SlackNotifier) -> None:
    ts = await notifier.send(ALERT)
    [call] = fake.calls_to("chat.postMessage")
    assert call.headers["Authorization"] == "Bearer xoxb-test"
    assert json.loads(call.raw) == {
        "channel": CHANNEL,
        "text": "Microsoft joined OpenStack",
        "blocks": [
            section("*Microsoft joined OpenStack*"),
            section("> Microsoft joined the OpenStack Foundation as a Platinum member."),
            section("<https://news.example/ms|Microsoft goes Platinum> (news.example)\n"
                    "The Register · 2026-03-02"),
            {"type": "context", "elements": [
                {"type": "mrkdwn", "text": "rule join.member · confidence 0.90"}]},
        ],
        "unfurl_links": False,
        "unfurl_media": False,
        "metadata": {"event_type": "stackwatch_delivery",
                     "event_payload": {"key": "sw-7", "queued": ""}},
    }
    assert ts == fake.posted(CHANNEL)[0]["ts"]


async def test_follow_up_goes_into_the_alert_thread(fake: FakeSlack,
                                                    notifier: SlackNotifier) -> None:
    follow = Alert(**{**ALERT.__dict__, "kind": "source", "outlet": "Heise",
                      "thread_of": "1700000000.000001"})
    await notifier.send(follow)
    body = fake.calls_to("chat.postMessage")[0].body
    assert body["thread_ts"] == "1700000000.000001"
    assert body["text"] == "Also reported by Heise"
    assert body["blocks"][0] == section("Also reported by Heise")


async def test_follow_up_without_known_thread_is_a_normal_message(
        fake: FakeSlack, notifier: SlackNotifier) -> None:
    await notifier.send(Alert(**{**ALERT.__dict__, "kind": "source", "thread_of": None}))
    body = fake.calls_to("chat.postMessage")[0].body
    assert "thread_ts" not in body
    assert body["blocks"][0] == section("Another outlet reports: *Microsoft joined OpenStack*")


async def test_rate_limit_waits_retry_after_then_posts_once(fake: FakeSlack,
                                                            notifier: SlackNotifier) -> None:
    fake.fail_next(1, status=429, retry_after="1")
    assert await notifier.send(ALERT) == fake.posted(CHANNEL)[0]["ts"]
    first, second = fake.calls_to("chat.postMessage")
    assert (first.status, second.status) == (429, 200)
    assert second.at - first.at >= 1.0
    assert first.raw == second.raw


async def test_long_rate_limit_goes_back_to_the_outbox(fake: FakeSlack,
                                                       notifier: SlackNotifier) -> None:
    fake.fail_next(1, status=429, retry_after="120")
    with pytest.raises(DeliveryError) as caught:
        await notifier.send(ALERT)
    assert (caught.value.retry_after, caught.value.permanent) == (120.0, False)
    assert len(fake.calls_to("chat.postMessage")) == 1


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "invalid_auth",
                                   "account_inactive"])
async def test_unfixable_errors_are_permanent(fake: FakeSlack, notifier: SlackNotifier,
                                              error: str) -> None:
    fake.fail_next(1, status=200, error=error)
    with pytest.raises(DeliveryError, match=error) as caught:
        await notifier.send(ALERT)
    assert caught.value.permanent
    assert len(fake.calls_to("chat.postMessage")) == 1


async def test_unreachable_slack_is_a_retryable_failure() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    notifier = notifier_for(config_for(f"http://127.0.0.1:{port}/api/"))
    with pytest.raises(DeliveryError, match="unreachable") as caught:
        await notifier.send(ALERT)
    assert not caught.value.permanent


HOSTILE = Alert(
    delivery_id=9, kind="alert", destination="slack-news", event_id=4,
    company="<!channel> Evil & Co <@U123>",
    action="joined",
    evidence="<!here> <!everyone> <@U123> said <https://evil.example|https://good.example> & more",
    rule="join.<!channel>", confidence=0.5,
    title="<https://evil.example|https://good.example> <!channel> & friends",
    url="https://evil.example/x|<!channel>", outlet="<@U123> & <!subteam^S1>",
    published_at=None)


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


async def test_hostile_text_arrives_harmless(fake: FakeSlack, notifier: SlackNotifier) -> None:
    await notifier.send(HOSTILE)
    [call] = fake.calls_to("chat.postMessage")
    body = json.loads(call.raw)
    assert body == {
        "channel": CHANNEL,
        "text": "&lt;!channel&gt; Evil &amp; Co &lt;@U123&gt; joined OpenStack",
        "blocks": [
            section("*&lt;!channel&gt; Evil &amp; Co &lt;@U123&gt; joined OpenStack*"),
            section("> &lt;!here&gt; &lt;!everyone&gt; &lt;@U123&gt; said "
                    "&lt;https://evil.example|https://good.example&gt; &amp; more"),
            section("<https://evil.example/x%7C%3C!channel%3E|&lt;https://evil.example|"
                    "https://good.example&gt; &lt;!channel&gt; &amp; friends> (evil.example)\n"
                    "&lt;@U123&gt; &amp; &lt;!subteam^S1&gt; · undated"),
            {"type": "context", "elements": [{"type": "mrkdwn", "text":
                "rule join.&lt;!channel&gt; · confidence 0.50"}]},
        ],
        "unfurl_links": False,
        "unfurl_media": False,
        "metadata": {"event_type": "stackwatch_delivery",
                     "event_payload": {"key": "sw-9", "queued": ""}},
    }
    assert "link_names" not in body and "parse" not in body
    for text in strings(body):  # the only `<` left opens the one link we built
        assert text.count("<") == text.count("<https://evil.example/x%7C%3C!channel%3E|")


# -- through the real sender and outbox --------------------------------------------------


def rows(engine: Engine) -> list[tuple[str, str, str | None]]:
    with engine.connect() as conn:
        return [(r.kind, r.status, r.message_id) for r in conn.execute(
            select(deliveries).order_by(deliveries.c.id))]


def sender_for(engine: Engine, notifier: SlackNotifier, now: list[datetime]) -> Sender:
    return Sender(engine=engine, notifiers={"slack-news": notifier}, worker="test",
                  policy=RetryPolicy(max_attempts=5, base_backoff=timedelta(seconds=30)),
                  clock=lambda: now[0])


async def test_outage_ends_with_the_alert_delivered_once(engine: Engine, fake: FakeSlack,
                                                         notifier: SlackNotifier) -> None:
    add_story(engine, "k1", [("Microsoft", "joined")], when=T0, destinations=("slack-news",))
    now = [T0]
    sender = sender_for(engine, notifier, now)
    fake.fail_next(4, status=500)
    stats = await sender.deliver_pending()  # the client's own retries run out: 3 calls
    assert (stats.sent, stats.failed) == (0, 1)
    assert rows(engine) == [("alert", "pending", None)]
    assert (await sender.deliver_pending()).sent == 0  # not due yet: nothing is called
    now[0] += timedelta(minutes=1)
    assert (await sender.deliver_pending()).sent == 1  # one more 500, then success
    calls = fake.calls_to("chat.postMessage")
    assert [c.status for c in calls] == [500, 500, 500, 500, 200]
    assert rows(engine) == [("alert", "sent", fake.posted(CHANNEL)[0]["ts"])]


async def test_second_outlet_lands_in_the_thread_of_the_sent_alert(
        engine: Engine, fake: FakeSlack, notifier: SlackNotifier) -> None:
    add_story(engine, "k1", [("Dell", "joined")], when=T0, destinations=("slack-news",))
    add_story(engine, "k2", [("Dell", "joined")], when=T0 + timedelta(hours=2),
              destinations=("slack-news",), title="Dell & OpenStack")
    stats = await sender_for(engine, notifier, [T0 + timedelta(hours=3)]).deliver_pending()
    assert stats.sent == 2
    alert, follow = (c.body for c in fake.calls_to("chat.postMessage"))
    assert "thread_ts" not in alert
    first, second = (m["ts"] for m in fake.posted(CHANNEL))
    assert follow["thread_ts"] == first
    assert "Dell &amp; OpenStack" in follow["blocks"][2]["text"]["text"]
    assert rows(engine) == [("alert", "sent", first), ("source", "sent", second)]
