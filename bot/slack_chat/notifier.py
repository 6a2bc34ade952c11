"""Posts alerts to one Slack channel; follow-ups go into the original alert's thread."""

from __future__ import annotations

from rich.console import Console
from slack_sdk.web.async_client import AsyncWebClient

from bot.alerts import Alert, Notice
from bot.config import Config
from bot.config.models import Destination
from bot.slack_chat.render import Message, alert_message, notice_message
from bot.slack_chat.webclient import CALL_ERRORS, delivery_error, web_client


class SlackNotifier:
    """One destination (a channel id). Returns the message `ts`, which is what later
    follow-ups of the same event use as `thread_ts`."""

    def __init__(self, name: str, channel: str, client: AsyncWebClient) -> None:
        self.name = name
        self.channel = channel
        self._client = client

    async def send(self, alert: Alert) -> str | None:
        return await self._post(alert_message(alert))

    async def send_notice(self, notice: Notice) -> str | None:
        return await self._post(notice_message(notice))

    async def _post(self, message: Message) -> str | None:
        try:
            response = await self._client.chat_postMessage(channel=self.channel, **message)
        except CALL_ERRORS as err:
            raise delivery_error(err) from err
        ts = response.get("ts")
        return str(ts) if ts else None  # posted either way: never re-send for a missing ts

    async def close(self) -> None:
        """Nothing to release: the client opens a session per call."""
        return None


def build_notifier(dest: Destination, config: Config, console: Console) -> SlackNotifier:
    """The notifier for a `platform = "slack"` destination (config checks guarantee an
    enabled `[slack]` table and a resolved bot token)."""
    settings = config.slack
    if settings is None:
        raise ValueError(f"destination {dest.name!r} needs a [slack] table")
    client = web_client(config.secrets[settings.bot_token_env], settings.api_base_url)
    return SlackNotifier(dest.name, dest.channel, client)
