"""The composition root finds the Discord adapter and notifiers through its seams."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from rich.console import Console

from bot.app import App
from bot.chat import build_chat_adapters
from bot.config import parse_config
from bot.discord_chat.adapter import DiscordAdapter
from bot.discord_chat.notifier import ChannelNotifier, WebhookNotifier
from bot.notifiers.factory import build_notifiers
from tests.fakediscord import GUILD, FakeDiscord, invoke, serve

HOOK = "https://discord.com/api/webhooks/940000000000000001/" + "k" * 68


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    async with serve(monkeypatch) as running:
        yield running


async def test_app_builds_and_runs_the_discord_parts(fake: FakeDiscord, tmp_path: Path) -> None:
    config = parse_config(
        f'[storage]\nurl = "sqlite:///{tmp_path / "sw.db"}"\n'
        f'[discord]\ntoken_env = "SW_TOKEN"\napi_base_url = "{fake.api_base}"\n'
        f'command_sync = "guild"\nguild_ids = [{GUILD}]\n'
        '[[destinations]]\nname = "news"\nplatform = "discord"\nchannel = "42"\n'
        '[[destinations]]\nname = "ops"\nplatform = "discord-webhook"\n'
        'webhook_url_env = "SW_HOOK"\n',
        environ={"SW_TOKEN": "bot-token", "SW_HOOK": HOOK})
    notifiers = build_notifiers(config, console=Console(file=io.StringIO()))
    assert isinstance(notifiers["news"], ChannelNotifier)
    assert isinstance(notifiers["ops"], WebhookNotifier) and notifiers["ops"].valid

    app = App.open(config, console=Console(file=io.StringIO()))
    [adapter] = build_chat_adapters(app)
    assert isinstance(adapter, DiscordAdapter)
    await adapter.start()
    try:
        post = await invoke(fake, "status")
    finally:
        await adapter.stop()
        app.close()
    assert post.json["data"]["embeds"][0]["title"] == "stackwatch status"
    assert "deliveries pending 0" in post.json["data"]["embeds"][0]["description"]
