"""WebSub for the bot: the callback server hubs talk to, and the subscription job.

`CallbackServer` (aiohttp.web on ``[websub] listen_host:listen_port``) answers
at ``<callback_url>/<token>``, one token per subscription:

- GET, verification of intent: the challenge is echoed only for a request we
  made and still wait on, in the same mode (subscribe or unsubscribe) and for
  the same topic; anything else is a 404. A hub's ``hub.mode=denied`` marks
  the subscription denied.
- POST, content distribution: the body (capped at ``[watch] max_body_bytes``)
  is accepted only with a valid ``X-Hub-Signature`` for the subscription's own
  secret, and then goes through the pipeline exactly like a polled body
  (`Pipeline.ingest`: stories, classifier, ledger, outbox). A bad or missing
  signature is logged and the body dropped; the hub still gets a 202, as the
  spec allows, so it cannot probe for valid signatures. An unknown token gets
  410 Gone (the spec's way to tell a hub to drop a subscription).

`Subscriber.run_once` is the scheduler job: it retires expired leases (their
feeds go back to normal polling), cancels the subscriptions nobody wants any
more (feed removed or disabled, hub no longer advertised or replaced: see
`bot.websubstate`) with ``hub.mode=unsubscribe`` on the same callback, then
sends the subscription requests that are due: new hubs, feeds back after an
unsubscribe, renewals ahead of expiry, retries after failures. It is one
callable, so the service runs it as the `websub` singleton.

Every watch process may run a callback server (``reuse_port``: processes on
one host share the port); all state is in the database.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from aiohttp import web
from sqlalchemy import Engine

from bot import websubstate
from bot.config.models import WebSubSettings
from bot.pipeline import Pipeline
from bot.websubstate import Subscription
from watchers.errors import WebSubError
from watchers.http import Fetcher
from watchers.websub import request_subscription, signature_problem

log = logging.getLogger(__name__)

#: States in which a (signed) delivery is taken: a hub may still push just after our clock
#: said the lease ended, and we subscribe again anyway.
_ACCEPTING = ("verified", "expired")


class CallbackServer:
    """The HTTP endpoint hubs call; `start()` binds it, `stop()` finishes what was received."""

    def __init__(self, *, engine: Engine, pipeline: Pipeline, settings: WebSubSettings,
                 max_body_bytes: int, clock: Callable[[], datetime]) -> None:
        self.engine, self.pipeline, self.settings = engine, pipeline, settings
        self.max_body = max_body_bytes
        self.clock = clock
        self._runner: web.AppRunner | None = None
        self._ingesting: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        app = web.Application(client_max_size=self.max_body)
        app.router.add_get("/{tail:.*}", self._verify)
        app.router.add_post("/{tail:.*}", self._deliver)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.listen_host, self.settings.listen_port,
                           reuse_port=True)
        await site.start()
        log.info("WebSub callbacks on %s:%s", self.settings.listen_host,
                 self.settings.listen_port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        await asyncio.gather(*self._ingesting, return_exceptions=True)

    async def _verify(self, request: web.Request) -> web.Response:
        token, query = _token(request), request.query
        mode, topic = query.get("hub.mode", ""), query.get("hub.topic", "")
        if mode == "denied":
            found = await asyncio.to_thread(
                websubstate.deny, self.engine, token, topic=topic,
                reason=query.get("hub.reason", "no reason given"), now=self.clock())
            if found:
                log.warning("WebSub subscription to %s denied: %s", topic,
                            query.get("hub.reason", "no reason given"))
            return web.Response(status=200 if found else 404)
        challenge = query.get("hub.challenge")
        if mode not in ("subscribe", "unsubscribe") or not challenge:
            return web.Response(status=400, text="hub.mode and hub.challenge are required")
        lease = query.get("hub.lease_seconds", "")
        ok = await asyncio.to_thread(
            websubstate.verify, self.engine, token, mode=mode, topic=topic,
            lease_seconds=int(lease) if lease.isdigit() else None, now=self.clock(),
            renew_before=timedelta(seconds=self.settings.renew_before_seconds))
        if not ok:
            log.warning("WebSub verification refused (no such pending %s of %s)", mode, topic)
            return web.Response(status=404)
        if mode == "unsubscribe":
            log.info("WebSub unsubscription from %s confirmed", topic)
        else:
            log.info("WebSub subscription to %s verified (lease %ss)", topic, lease or "none")
        return web.Response(text=challenge, content_type="text/plain")

    async def _deliver(self, request: web.Request) -> web.Response:
        sub = await asyncio.to_thread(websubstate.by_token, self.engine, _token(request))
        if sub is None or sub.state not in _ACCEPTING:
            return web.Response(status=410)
        body = await _read_capped(request, self.max_body)
        if body is None:
            log.warning("WebSub delivery for %s over %d bytes refused", sub.topic_url,
                        self.max_body)
            return web.Response(status=413)
        problem = signature_problem(sub.secret, body, request.headers.get("X-Hub-Signature"))
        if problem is not None:
            log.warning("WebSub delivery for %s dropped: %s", sub.topic_url, problem,
                        extra={"feed_id": sub.feed_id})
            return web.Response(status=202)
        task = asyncio.create_task(self._ingest(sub, body, request.content_type or None))
        self._ingesting.add(task)
        task.add_done_callback(self._ingesting.discard)
        return web.Response(status=202)

    async def _ingest(self, sub: Subscription, body: bytes, content_type: str | None) -> None:
        try:
            await asyncio.to_thread(websubstate.record_push, self.engine, sub.id,
                                    now=self.clock())
            stats = await self.pipeline.ingest(sub.feed_id, body, content_type)
        except Exception:  # one bad delivery must not take the server down
            log.exception("WebSub delivery for %s could not be processed", sub.topic_url)
            return
        log.info("WebSub delivery for %s: %d new stories, %d new events", sub.topic_url,
                 stats.new_stories, stats.new_events)


def _token(request: web.Request) -> str:
    return request.path.rstrip("/").rsplit("/", 1)[-1]


async def _read_capped(request: web.Request, cap: int) -> bytes | None:
    """The request body, or None when it is (or announces itself) larger than `cap`."""
    if request.content_length is not None and request.content_length > cap:
        return None
    body = bytearray()
    async for chunk in request.content.iter_chunked(64 * 1024):
        body += chunk
        if len(body) > cap:
            return None
    return bytes(body)


class Subscriber:
    """Sends the subscription requests that are due; `run_once` is the scheduler job."""

    def __init__(self, *, engine: Engine, fetcher: Fetcher, settings: WebSubSettings,
                 clock: Callable[[], datetime]) -> None:
        self.engine, self.fetcher, self.settings, self.clock = engine, fetcher, settings, clock
        self._gate = asyncio.Semaphore(8)

    def callback(self, token: str) -> str:
        return f"{self.settings.callback_url.rstrip('/')}/{token}"

    async def run_once(self) -> None:
        """Expire lapsed leases, cancel unwanted subscriptions, then request every
        subscription that is due."""
        now = self.clock()
        lapsed = await asyncio.to_thread(websubstate.expire, self.engine, now=now)
        if lapsed:
            log.warning("WebSub leases ran out for %d feeds; polling them normally", len(lapsed))
        await asyncio.to_thread(websubstate.revive, self.engine, now=now)
        leaving = await asyncio.to_thread(websubstate.due_unsubscribe, self.engine, now=now)
        await asyncio.gather(*(self._unsubscribe(sub) for sub in leaving))
        due = await asyncio.to_thread(
            websubstate.due, self.engine, now=now,
            renew_before=timedelta(seconds=self.settings.renew_before_seconds))
        await asyncio.gather(*(self._request(sub) for sub in due))

    async def _unsubscribe(self, sub: Subscription) -> None:
        """Ask the hub to cancel `sub` (same callback, so it can verify that we mean it);
        an attempt the hub never confirmed counts as a failure before the next one."""
        verify_within = timedelta(seconds=self.settings.verify_timeout_seconds)
        if sub.state == "unsubscribing" and sub.pending == "unsubscribe":
            await self._unsubscribe_failed(sub, "the hub did not confirm the unsubscribe "
                                           f"within {verify_within.total_seconds():g} s")
            return
        async with self._gate:
            await asyncio.to_thread(websubstate.mark_unsubscribing, self.engine, sub,
                                    now=self.clock(), verify_within=verify_within)
            try:
                await request_subscription(self.fetcher, sub.hub_url, mode="unsubscribe",
                                           topic=sub.topic_url, callback=self.callback(sub.token))
            except WebSubError as err:
                await self._unsubscribe_failed(sub, str(err))
                return
            log.info("WebSub unsubscription from %s requested from %s", sub.topic_url,
                     sub.hub_url)

    async def _unsubscribe_failed(self, sub: Subscription, error: str) -> None:
        gave_up = await asyncio.to_thread(websubstate.unsubscribe_failed, self.engine, sub,
                                          error, now=self.clock())
        log.warning("WebSub unsubscription from %s failed%s: %s", sub.topic_url,
                    "; letting the lease lapse" if gave_up else "", error)

    async def _request(self, sub: Subscription) -> None:
        async with self._gate:
            await asyncio.to_thread(
                websubstate.mark_requested, self.engine, sub, now=self.clock(),
                verify_within=timedelta(seconds=self.settings.verify_timeout_seconds))
            try:
                await request_subscription(
                    self.fetcher, sub.hub_url, mode="subscribe", topic=sub.topic_url,
                    callback=self.callback(sub.token), secret=sub.secret,
                    lease_seconds=self.settings.lease_seconds)
            except WebSubError as err:
                log.warning("WebSub subscription to %s failed: %s", sub.topic_url, err)
                await asyncio.to_thread(websubstate.request_failed, self.engine, sub, str(err),
                                        now=self.clock())
                return
            log.info("WebSub subscription to %s requested from %s", sub.topic_url, sub.hub_url)
