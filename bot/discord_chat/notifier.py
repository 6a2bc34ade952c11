"""Alert senders for Discord: a bot posting to a channel id, or a channel webhook.

discord.py already sleeps through 429s (reading `retry_after` from the body)
and retries 5xx five times. Whatever it cannot overcome becomes a
`DeliveryError`, so the outbox keeps the row and retries later: with
`retry_after` for long rate limits, `permanent` for an unknown channel, missing
access or a rejected token. Mentions are disabled on every send, not just
escaped, because escaping alone misses forms we do not know about.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import aiohttp
import discord
from rich.console import Console

from bot.alerts import Alert, Notice
from bot.config import Config
from bot.config.models import Destination
from bot.discord_chat import render, use_api_base
from bot.notifiers.base import DeliveryError, Notifier

#: a whole send, retries included, stays under the outbox lease (2 min), so no other
#: worker re-claims a row that is still being sent
SEND_TIMEOUT = 90.0
#: 429 waits longer than this are not slept through but handed to the outbox
RATE_LIMIT_CAP = 30.0

_WEBHOOK_PATH = re.compile(r"/webhooks/(\d+)/([\w.-]+)/?$")


def build_notifier(dest: Destination, config: Config, console: Console) -> Notifier:
    """A webhook sender for "discord-webhook" destinations, else a bot-token sender."""
    use_api_base(config.discord)
    if dest.platform == "discord-webhook":
        notifier = WebhookNotifier(dest.name, config.secrets[dest.webhook_url_env])
        if not notifier.valid:
            console.print(f"[yellow]warning:[/yellow] destination {dest.name!r}: "
                          f"{dest.webhook_url_env} is not a Discord webhook URL")
        return notifier
    if config.discord is None:  # config checks require an enabled [discord] table
        raise ValueError(f"destination {dest.name!r} needs a [discord] table")
    return ChannelNotifier(dest.name, token=config.secrets[config.discord.token_env],
                           channel_id=int(dest.channel))


class ChannelNotifier:
    """Posts as the bot to one channel; a later source replies to the original alert."""

    def __init__(self, name: str, *, token: str, channel_id: int,
                 timeout: float = SEND_TIMEOUT) -> None:
        self.name = name
        self._token = token
        self._channel_id = channel_id
        self._timeout = timeout
        self._client: discord.Client | None = None
        self._login = asyncio.Lock()

    async def send(self, alert: Alert) -> str | None:
        return await self._post(render.alert_embed(alert), alert.idempotency_key,
                                self._reference(alert))

    async def send_notice(self, notice: Notice) -> str | None:
        return await self._post(render.notice_embed(notice), notice.idempotency_key, None)

    async def _post(self, embed: discord.Embed, nonce: str,
                    reference: discord.MessageReference | None) -> str:
        """Discord drops a repeated nonce (`enforce_nonce`), which covers `maybe_sent`."""
        async with _delivering(self._timeout):
            client = await self._logged_in()
            channel = client.get_partial_messageable(self._channel_id)
            message = await channel.send(
                embed=embed, nonce=nonce, allowed_mentions=discord.AllowedMentions.none(),
                reference=reference)  # type: ignore[arg-type]  # None is its default
        return str(message.id)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.close()
            self._client = None

    async def _logged_in(self) -> discord.Client:
        """A REST-only client (no gateway), logged in on first use."""
        async with self._login:
            if self._client is None:
                # REST only, never on the gateway; `guilds` just avoids a state warning
                client = discord.Client(intents=discord.Intents(guilds=True),
                                        allowed_mentions=discord.AllowedMentions.none(),
                                        max_ratelimit_timeout=RATE_LIMIT_CAP)
                try:
                    await client.login(self._token)
                except BaseException:
                    await client.close()
                    raise
                self._client = client
            return self._client

    def _reference(self, alert: Alert) -> discord.MessageReference | None:
        if alert.kind != "source" or not (alert.thread_of or "").isdigit():
            return None
        return discord.MessageReference(message_id=int(alert.thread_of or 0),
                                        channel_id=self._channel_id, fail_if_not_exists=False)


class WebhookNotifier:
    """Posts through a channel webhook: alerts without a bot. Webhooks cannot reply,
    so a later source is a message of its own that says so."""

    def __init__(self, name: str, url: str, *, timeout: float = SEND_TIMEOUT) -> None:
        self.name = name
        self._timeout = timeout
        found = _WEBHOOK_PATH.search(urlsplit(url).path)
        self._id_token = (int(found.group(1)), found.group(2)) if found else None
        self._session: aiohttp.ClientSession | None = None

    @property
    def valid(self) -> bool:
        return self._id_token is not None

    async def send(self, alert: Alert) -> str | None:
        return await self._post(render.alert_embed(alert))

    async def send_notice(self, notice: Notice) -> str | None:
        return await self._post(render.notice_embed(notice))

    async def _post(self, embed: discord.Embed) -> str:
        """Webhooks take no nonce: a send cut off mid-call may be posted again."""
        if self._id_token is None:
            raise DeliveryError("the webhook URL is not a Discord webhook URL", permanent=True)
        if self._session is None:
            self._session = aiohttp.ClientSession()
        # discord.py routes webhook calls through Route.BASE, whatever host the URL names
        webhook = discord.Webhook.partial(*self._id_token, session=self._session)
        async with _delivering(self._timeout):
            message = await webhook.send(embed=embed, wait=True,
                                         allowed_mentions=discord.AllowedMentions.none())
        return str(message.id)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


@contextlib.asynccontextmanager
async def _delivering(timeout: float) -> AsyncIterator[None]:
    """Turn what discord.py raises into the `DeliveryError` the outbox understands."""
    try:
        async with asyncio.timeout(timeout):
            yield
    except discord.RateLimited as err:
        raise DeliveryError(f"rate limited for {err.retry_after:.0f}s",
                            retry_after=err.retry_after) from err
    except discord.LoginFailure as err:
        raise DeliveryError("Discord rejected the bot token", permanent=True) from err
    except discord.HTTPException as err:
        raise _http_error(err) from err
    except TimeoutError as err:
        raise DeliveryError(f"no answer from Discord within {timeout:.0f}s") from err
    except (aiohttp.ClientError, OSError) as err:
        raise DeliveryError(f"cannot reach Discord: {err}") from err


def _http_error(err: discord.HTTPException) -> DeliveryError:
    if err.status in (403, 404):
        return DeliveryError(f"{err} (check the channel id or webhook and the bot's access)",
                             permanent=True)
    if err.status == 429:  # no `Via` header: blocked before Discord's own limiter
        return DeliveryError(str(err), retry_after=_retry_after(err.response))
    if err.status >= 500:
        return DeliveryError(f"{err} (after discord.py's retries)")
    return DeliveryError(str(err), permanent=True)  # 400/401: the same request cannot succeed


def _retry_after(response: object) -> float | None:
    value = (getattr(response, "headers", None) or {}).get("Retry-After")
    with contextlib.suppress(TypeError, ValueError):
        return float(str(value))
    return None
