"""The Slack Web API client: short in-process retries, then errors the outbox understands.

slack_sdk retries nothing but connection errors by default. Its 429 handler sleeps
whatever `Retry-After` says (plus up to a second of jitter, and it cannot parse a
fractional value) and its 5xx handler only knows 500 and 503. A delivery must
not sleep for minutes inside the sender loop, so `BoundedRateLimitRetry` waits
only for short pauses and `ServerErrorRetry` takes every 5xx with a small,
bounded backoff. Whatever still fails becomes a `DeliveryError` carrying the
platform's `retry_after`, and the row waits in the outbox.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.jitter import Jitter
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient

from bot.notifiers.base import DeliveryError

#: What a Web API call raises when it fails; anything else is a bug.
CALL_ERRORS = (SlackApiError, aiohttp.ClientError, asyncio.TimeoutError)

#: Errors that no retry can fix: the row goes dead (an admin can requeue it).
PERMANENT_ERRORS = frozenset({
    "channel_not_found", "not_in_channel", "is_archived", "invalid_auth", "not_authed",
    "account_inactive", "token_revoked", "token_expired", "missing_scope", "no_permission",
    "restricted_action", "invalid_blocks", "invalid_arguments", "msg_too_long",
})


@dataclass(frozen=True)
class RetrySettings:
    rate_limit_retries: int = 2
    max_rate_limit_wait: float = 10.0
    server_error_retries: int = 2
    server_error_backoff: float = 0.25
    timeout_seconds: int = 15


def retry_after(headers: Mapping[str, Any]) -> float | None:
    """Seconds from a `Retry-After` header (number or HTTP date), or None.

    Works on aiohttp's headers and on slack_sdk's retry view (values as lists).
    """
    for key, value in headers.items():
        if key.lower() != "retry-after":
            continue
        raw = str(value[0] if isinstance(value, list) and value else value).strip()
        try:
            seconds = float(raw)
        except ValueError:
            try:
                seconds = (parsedate_to_datetime(raw) - datetime.now(UTC)).total_seconds()
            except (TypeError, ValueError):
                return None
        return max(0.0, seconds) if math.isfinite(seconds) else None
    return None


class BoundedRateLimitRetry(AsyncRateLimitErrorRetryHandler):
    """Retries a 429 after exactly `Retry-After` seconds, only when that is short."""

    def __init__(self, max_retry_count: int, max_wait: float) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait = max_wait

    async def _can_retry_async(self, *, state: RetryState, request: HttpRequest,
                               response: HttpResponse | None = None,
                               error: Exception | None = None) -> bool:
        if response is None or response.status_code != 429:
            return False
        wait = retry_after(response.headers)
        return wait is None or wait <= self.max_wait

    async def prepare_for_next_attempt_async(self, *, state: RetryState, request: HttpRequest,
                                             response: HttpResponse | None = None,
                                             error: Exception | None = None) -> None:
        wait = retry_after(response.headers) if response is not None else None
        state.next_attempt_requested = True
        await asyncio.sleep(1.0 if wait is None else wait)
        state.increment_current_attempt()


class _NoJitter(Jitter):
    def recalculate(self, duration: float) -> float:
        return duration


class ServerErrorRetry(AsyncServerErrorRetryHandler):
    """Retries any 5xx (a proxy's 502/504 too), with a short exponential backoff."""

    async def _can_retry_async(self, *, state: RetryState, request: HttpRequest,
                               response: HttpResponse | None = None,
                               error: Exception | None = None) -> bool:
        return response is not None and 500 <= response.status_code < 600


def retry_handlers(settings: RetrySettings) -> list[AsyncRetryHandler]:
    backoff = BackoffRetryIntervalCalculator(settings.server_error_backoff, _NoJitter())
    return [AsyncConnectionErrorRetryHandler(1, backoff),
            BoundedRateLimitRetry(settings.rate_limit_retries, settings.max_rate_limit_wait),
            ServerErrorRetry(settings.server_error_retries, backoff)]


def web_client(token: str, base_url: str = "",
               settings: RetrySettings | None = None) -> AsyncWebClient:
    """An `AsyncWebClient` for the bot token; `base_url` (ending in `/api/`) for a proxy or a
    test stand-in."""
    settings = settings or RetrySettings()
    return AsyncWebClient(token=token, base_url=base_url or AsyncWebClient.BASE_URL,
                          timeout=settings.timeout_seconds,
                          retry_handlers=retry_handlers(settings))


def delivery_error(err: Exception) -> DeliveryError:
    """What the outbox should do about a failed Web API call."""
    if isinstance(err, SlackApiError):
        response = err.response
        status = response.status_code
        code = response.data.get("error") if isinstance(response.data, dict) else None
        wait = retry_after(response.headers or {})
        if status == 429 or code == "ratelimited":
            return DeliveryError("slack: rate limited", retry_after=wait)
        if code in PERMANENT_ERRORS:
            return DeliveryError(f"slack: {code}", permanent=True)
        return DeliveryError(f"slack: {code or f'HTTP {status}'}", retry_after=wait)
    return DeliveryError(f"slack unreachable: {type(err).__name__}: {err}")
