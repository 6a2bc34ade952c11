"""Alerts through real discord.py to a local fake Discord: bot token and webhook."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from rich.console import Console

from bot.alerts import Alert
from bot.config import parse_config
from bot.discord_chat import Route
from bot.discord_chat.notifier import ChannelNotifier, WebhookNotifier, build_notifier
from bot.discord_chat.render import JOINED
from bot.notifiers.base import DeliveryError
from tests.fakediscord import FakeDiscord, fast_sleeps, serve

CHANNEL = 930000000000000001
HOOK_ID = 940000000000000001
HOOK_TOKEN = "t0k3n-" + "x" * 62
HOOK_URL = f"https://discord.com/api/webhooks/{HOOK_ID}/{HOOK_TOKEN}"
ALERT = Alert(
    delivery_id=1, kind="alert", destination="news", event_id=7, company="Acme Cloud",
    action="joined", evidence="Acme Cloud joined the OpenStack Foundation as a Gold member.",
    rule="join.member", confidence=0.92, title="Acme Cloud joins OpenStack",
    url="https://news.example/acme", outlet="Example News",
    published_at=datetime(2026, 5, 30, 9, 0, tzinfo=UTC))


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    async with serve(monkeypatch) as running:
        yield running


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    return fast_sleeps(monkeypatch)


@pytest.fixture
async def bot() -> AsyncIterator[ChannelNotifier]:
    notifier = ChannelNotifier("news", token="bot-token", channel_id=CHANNEL)
    yield notifier
    await notifier.close()


async def test_alert_is_an_embed_that_mentions_nobody(fake: FakeDiscord,
                                                      bot: ChannelNotifier) -> None:
    message_id = await bot.send(ALERT)
    [post] = fake.posts(f"/channels/{CHANNEL}/messages")
    assert post.headers["Authorization"] == "Bot bot-token"
    assert post.json["allowed_mentions"] == {"parse": []}
    assert post.json["nonce"] == "sw-1" and post.json["enforce_nonce"] is True
    [embed] = post.json["embeds"]
    assert embed["title"] == "Acme Cloud joins OpenStack"
    assert embed["url"] == "https://news.example/acme"
    assert embed["description"] == (
        "**Acme Cloud joined OpenStack**\n"
        "> Acme Cloud joined the OpenStack Foundation as a Gold member.")
    assert embed["fields"] == [{"name": "Outlet", "value": "Example News", "inline": True},
                               {"name": "Date", "value": "2026-05-30", "inline": True}]
    assert embed["footer"] == {"text": "rule join.member · confidence 0.92"}
    assert embed["timestamp"].startswith("2026-05-30T09:00:00")
    assert message_id == fake.messages[0]["id"]


async def test_hostile_title_pings_nobody(fake: FakeDiscord, bot: ChannelNotifier) -> None:
    hostile = dataclasses.replace(
        ALERT, company="@here", title="@everyone <@123> <@&456> **free** [x](https://evil.example)",
        evidence="ping <@!789012345678901234> @everyone", outlet="<#1> Daily",
        rule="@everyone", url="javascript:alert(1)")
    await bot.send(hostile)
    [post] = fake.posts(f"/channels/{CHANNEL}/messages")
    z = "\u200b"
    assert post.json == {
        "embeds": [{
            "type": "rich",
            "title": f"@{z}everyone <@{z}123> <@{z}&456> \\*\\*free\\*\\* \\[x](https://evil.example)",
            "description": f"**@{z}here joined OpenStack**\n"
                           f"> ping <@{z}!789012345678901234> @{z}everyone",
            "color": JOINED.value,
            "timestamp": "2026-05-30T09:00:00+00:00",
            "fields": [{"name": "Outlet", "value": f"<#{z}1> Daily", "inline": True},
                       {"name": "Date", "value": "2026-05-30", "inline": True}],
            "footer": {"text": f"rule @{z}everyone · confidence 0.92"},
            "flags": 0,
        }],
        "content": None, "components": [], "nonce": "sw-1", "enforce_nonce": True, "tts": False,
        "allowed_mentions": {"parse": []},
    }


async def test_later_source_replies_to_the_original_alert(fake: FakeDiscord,
                                                          bot: ChannelNotifier) -> None:
    first = await bot.send(ALERT)
    follow = dataclasses.replace(ALERT, delivery_id=2, kind="source", thread_of=first,
                                 outlet="Other Wire")
    await bot.send(follow)
    post = fake.posts(f"/channels/{CHANNEL}/messages")[1]
    assert post.json["message_reference"] == {"type": 0, "message_id": int(str(first)),
                                              "channel_id": CHANNEL,
                                              "fail_if_not_exists": False}
    assert post.json["embeds"][0]["description"].startswith(
        "**Another outlet reports: Acme Cloud joined OpenStack**")
    assert "replied_user" not in post.json["allowed_mentions"]  # a reply pings nobody either


async def test_rate_limit_is_waited_out_and_one_message_is_created(
        fake: FakeDiscord, bot: ChannelNotifier, sleeps: list[float]) -> None:
    fake.fail_next(1, 429, retry_after=0.25, route="/messages")
    await bot.send(ALERT)
    assert len(fake.posts("/messages")) == 2
    assert len(fake.messages) == 1
    assert sleeps == [0.25]  # from the body, not the Retry-After header (1 s)


async def test_long_rate_limit_is_left_to_the_outbox(fake: FakeDiscord, bot: ChannelNotifier,
                                                     sleeps: list[float]) -> None:
    fake.fail_next(1, 429, retry_after=120.0, route="/messages")
    with pytest.raises(DeliveryError) as caught:
        await bot.send(ALERT)
    assert caught.value.retry_after == 120.0 and not caught.value.permanent
    assert fake.messages == [] and sleeps == []


async def test_429_without_via_is_not_trusted(fake: FakeDiscord, bot: ChannelNotifier,
                                              sleeps: list[float]) -> None:
    fake.fail_next(1, 429, retry_after=5.0, via=False, route="/messages")
    with pytest.raises(DeliveryError) as caught:
        await bot.send(ALERT)
    assert caught.value.retry_after == 6.0  # the Retry-After header, as Cloudflare sends it
    assert sleeps == []


async def test_server_errors_are_retried_then_reported(fake: FakeDiscord, bot: ChannelNotifier,
                                                       sleeps: list[float]) -> None:
    fake.fail_next(2, 502, route="/messages")
    await bot.send(ALERT)
    assert sleeps == [1, 3] and len(fake.messages) == 1
    fake.fail_next(5, 500, route="/messages")
    with pytest.raises(DeliveryError) as caught:
        await bot.send(dataclasses.replace(ALERT, delivery_id=2))
    assert "500" in str(caught.value) and not caught.value.permanent
    assert len(fake.messages) == 1


@pytest.mark.parametrize("where", ["missing", "forbidden"])
async def test_unknown_or_forbidden_channel_is_permanent(fake: FakeDiscord,
                                                         bot: ChannelNotifier,
                                                         where: str) -> None:
    getattr(fake, f"{where}_channels").add(CHANNEL)
    with pytest.raises(DeliveryError) as caught:
        await bot.send(ALERT)
    assert caught.value.permanent
    assert ("10003" if where == "missing" else "50001") in str(caught.value)


async def test_rejected_token_is_permanent(fake: FakeDiscord) -> None:
    fake.bad_tokens.add("revoked")
    notifier = ChannelNotifier("news", token="revoked", channel_id=CHANNEL)
    with pytest.raises(DeliveryError) as caught:
        await notifier.send(ALERT)
    await notifier.close()
    assert caught.value.permanent and fake.posts() == []


async def test_resent_alert_is_deduplicated_by_its_nonce(fake: FakeDiscord,
                                                         bot: ChannelNotifier) -> None:
    first = await bot.send(ALERT)
    again = await bot.send(ALERT)  # e.g. a crash between send and mark_sent
    assert first == again and len(fake.messages) == 1


def _config(fake: FakeDiscord, *, with_bot: bool):
    bot_table = (f'[discord]\ntoken_env = "SW_TOKEN"\napi_base_url = "{fake.api_base}"\n'
                 if with_bot else "")
    text = bot_table + (
        '[[destinations]]\nname = "hook"\nplatform = "discord-webhook"\n'
        'webhook_url_env = "SW_HOOK"\n')
    if with_bot:
        text += f'[[destinations]]\nname = "news"\nplatform = "discord"\nchannel = "{CHANNEL}"\n'
    return parse_config(text, environ={"SW_TOKEN": "bot-token", "SW_HOOK": HOOK_URL})


async def test_webhook_mode_needs_no_bot_token(fake: FakeDiscord) -> None:
    config = _config(fake, with_bot=False)
    [dest] = config.destinations
    notifier = build_notifier(dest, config, console=Console(file=io.StringIO()))
    assert isinstance(notifier, WebhookNotifier)
    message_id = await notifier.send(ALERT)
    await notifier.close()
    [post] = fake.posts()
    assert post.path == f"/webhooks/{HOOK_ID}/{HOOK_TOKEN}" and post.query["wait"] == "1"
    assert "Authorization" not in post.headers
    assert post.json["allowed_mentions"] == {"parse": []}
    assert post.json["embeds"][0]["title"] == "Acme Cloud joins OpenStack"
    assert message_id == fake.messages[0]["id"]


async def test_webhook_rate_limit_and_errors(fake: FakeDiscord, sleeps: list[float]) -> None:
    notifier = WebhookNotifier("hook", HOOK_URL)
    fake.fail_next(1, 429, retry_after=0.5)
    await notifier.send(ALERT)
    fake.fail_next(5, 503)
    with pytest.raises(DeliveryError) as caught:
        await notifier.send(ALERT)
    await notifier.close()
    assert sleeps == [0.5, 1, 3, 5, 7, 9]
    assert len(fake.messages) == 1 and not caught.value.permanent


async def test_not_a_webhook_url_fails_for_good() -> None:
    notifier = WebhookNotifier("hook", "https://example.com/hooks/abc")
    assert not notifier.valid
    with pytest.raises(DeliveryError) as caught:
        await notifier.send(ALERT)
    assert caught.value.permanent


async def test_api_base_url_comes_from_config(fake: FakeDiscord,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Route, "BASE", "https://discord.com/api/v10")
    config = _config(fake, with_bot=True)
    notifier = build_notifier(config.destinations[1], config, console=Console(file=io.StringIO()))
    assert fake.api_base == Route.BASE
    await notifier.send(ALERT)
    await notifier.close()
    assert len(fake.messages) == 1
