"""Posts alerts and admin notices to one Slack channel; follow-ups go into the alert's thread.

Slack has no idempotency key for `chat.postMessage`, so every post carries
message metadata naming its queue row. When a row comes back `maybe_sent` (its
process died mid-call, or an earlier attempt failed in a way that may have
posted it), the channel (or the thread) is read back with
`include_all_metadata` first: a message found there is the row's message, and
nothing is posted again. A workspace that did not grant the history scopes
cannot be checked; the row is then posted again (once), with a warning.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from rich.console import Console
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.alerts import Alert, Notice
from bot.config import Config
from bot.config.models import Destination
from bot.slack_chat.render import Message, alert_message, notice_message
from bot.slack_chat.webclient import CALL_ERRORS, PERMANENT_ERRORS, delivery_error, web_client

log = logging.getLogger(__name__)

#: The metadata event type on every message stackwatch posts.
METADATA_TYPE = "stackwatch_delivery"
#: Read-back bounds: messages per page, pages, and slack for clocks that disagree.
LOOKUP_PAGE, LOOKUP_PAGES, CLOCK_SKEW_SECONDS = 200, 5, 300.0


class SlackNotifier:
    """One destination (a channel id). Returns the message `ts`, which is what later
    follow-ups of the same event use as `thread_ts`."""

    def __init__(self, name: str, channel: str, client: AsyncWebClient) -> None:
        self.name = name
        self.channel = channel
        self._client = client

    async def send(self, alert: Alert) -> str | None:
        return await self._post(alert, alert_message(alert))

    async def send_notice(self, notice: Notice) -> str | None:
        return await self._post(notice, notice_message(notice))

    async def close(self) -> None:
        """Nothing to release: the client opens a session per call."""
        return None

    async def _post(self, item: Alert | Notice, message: Message) -> str | None:
        marker = metadata_for(item)
        try:
            if item.maybe_sent:
                found = await self._posted_before(marker, message.get("thread_ts"),
                                                  item.queued_at)
                if found is not None:
                    log.info("already posted before a crash; not posting again",
                             extra={"destination": self.name, "ts": found})
                    return found
            response = await self._client.chat_postMessage(channel=self.channel,
                                                           metadata=marker, **message)
        except CALL_ERRORS as err:
            raise delivery_error(err) from err
        ts = response.get("ts")
        return str(ts) if ts else None  # posted either way: never re-send for a missing ts

    async def _posted_before(self, marker: dict[str, Any], thread_ts: str | None,
                             since: datetime | None) -> str | None:
        """The `ts` of a message carrying `marker`, posted since the row was queued."""
        try:
            return await self._find(marker, thread_ts, since)
        except SlackApiError as err:
            code = err.response.data.get("error") if isinstance(err.response.data, dict) else None
            if code not in PERMANENT_ERRORS and code != "thread_not_found":
                raise  # the outbox retries the check later
            log.warning("cannot check whether %s was posted before (%s); posting it again",
                        marker["event_payload"]["key"], code,
                        extra={"destination": self.name})
            return None

    async def _find(self, marker: dict[str, Any], thread_ts: str | None,
                    since: datetime | None) -> str | None:
        args: dict[str, Any] = {"channel": self.channel, "include_all_metadata": True,
                                "limit": LOOKUP_PAGE}
        if since is not None:
            args["oldest"] = f"{since.timestamp() - CLOCK_SKEW_SECONDS:.6f}"
        for _ in range(LOOKUP_PAGES):
            if thread_ts:
                response = await self._client.conversations_replies(ts=thread_ts, **args)
            else:
                response = await self._client.conversations_history(**args)
            for found in response.get("messages") or []:
                meta = found.get("metadata") or {}
                if (meta.get("event_type") == marker["event_type"]
                        and meta.get("event_payload") == marker["event_payload"]):
                    return str(found["ts"])
            cursor = (response.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return None
            args["cursor"] = cursor
        log.warning("%s: not found in the last %s messages; posting it again",
                    marker["event_payload"]["key"], LOOKUP_PAGE * LOOKUP_PAGES,
                    extra={"destination": self.name})
        return None


def metadata_for(item: Alert | Notice) -> dict[str, Any]:
    """Names the queue row: its key, and when it was queued (ids repeat across databases)."""
    queued = item.queued_at.isoformat() if item.queued_at else ""
    return {"event_type": METADATA_TYPE,
            "event_payload": {"key": item.idempotency_key, "queued": queued}}


def build_notifier(dest: Destination, config: Config, console: Console) -> SlackNotifier:
    """The notifier for a `platform = "slack"` destination (config checks guarantee an
    enabled `[slack]` table and a resolved bot token)."""
    settings = config.slack
    if settings is None:
        raise ValueError(f"destination {dest.name!r} needs a [slack] table")
    client = web_client(config.secrets[settings.bot_token_env], settings.api_base_url)
    return SlackNotifier(dest.name, dest.channel, client)
