"""A WebSub hub on 127.0.0.1 that follows the spec's subscriber-facing steps.

    async with Hub(deny={"https://denied.example/feed"}) as hub:
        hub.url                                  # advertise it in a feed
        await hub.wait_verified(topic)           # subscribe → 202 → verification of intent
        await hub.publish(topic, body)           # signed content distribution
        await hub.publish(topic, body, forge=True)  # a signature made with the wrong secret

A subscription request is answered 202 at once; the hub then verifies intent
with a GET to the callback (random `hub.challenge`, which must come back
verbatim with a 2xx), or, for a topic in `deny`, tells the callback
`hub.mode=denied`. Every request and verification is recorded for assertions.
"""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self

import aiohttp
from aiohttp import web

from watchers.websub import sign


@dataclass
class HubSubscription:
    topic: str
    callback: str
    secret: str | None
    lease_seconds: int
    verifications: int = 0


@dataclass
class Verification:
    callback: str
    mode: str
    status: int
    confirmed: bool


@dataclass
class Hub:
    deny: set[str] = field(default_factory=set)
    requests: list[dict[str, str]] = field(default_factory=list)
    verifications: list[Verification] = field(default_factory=list)
    active: dict[tuple[str, str], HubSubscription] = field(default_factory=dict)
    port: int = 0
    _runner: web.AppRunner | None = None
    _session: aiohttp.ClientSession | None = None
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hub"

    async def __aenter__(self) -> Self:
        app = web.Application()
        app.router.add_post("/hub", self._subscribe)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = self._runner.addresses[0][1]
        self._session = aiohttp.ClientSession()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _subscribe(self, request: web.Request) -> web.Response:
        form = {key: str(value) for key, value in (await request.post()).items()}
        self.requests.append(form)
        mode, topic, callback = (form.get("hub.mode"), form.get("hub.topic"),
                                 form.get("hub.callback"))
        if mode not in ("subscribe", "unsubscribe") or not topic or not callback:
            return web.Response(status=400, text="hub.mode, hub.topic, hub.callback required")
        task = asyncio.create_task(self._verify_intent(form))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return web.Response(status=202)

    async def _verify_intent(self, form: dict[str, str]) -> None:
        assert self._session is not None
        topic, callback, mode = form["hub.topic"], form["hub.callback"], form["hub.mode"]
        if topic in self.deny:
            params = {"hub.mode": "denied", "hub.topic": topic,
                      "hub.reason": "this hub does not serve that topic"}
            async with self._session.get(callback, params=params) as resp:
                self.verifications.append(Verification(callback, "denied", resp.status, False))
            self._notify()
            return
        challenge = secrets.token_urlsafe(16)
        lease = int(form.get("hub.lease_seconds") or 600)
        params = {"hub.mode": mode, "hub.topic": topic, "hub.challenge": challenge,
                  "hub.lease_seconds": str(lease)}
        async with self._session.get(callback, params=params) as resp:
            confirmed = 200 <= resp.status < 300 and await resp.text() == challenge
            self.verifications.append(Verification(callback, mode, resp.status, confirmed))
        if confirmed and mode == "subscribe":
            sub = self.active.setdefault((topic, callback), HubSubscription(
                topic, callback, form.get("hub.secret"), lease))
            sub.secret, sub.lease_seconds = form.get("hub.secret"), lease
            sub.verifications += 1
        elif confirmed:
            self.active.pop((topic, callback), None)
        self._notify()

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_for(self, check: object, timeout: float = 10) -> None:
        """Wait until `check()` is true (re-checked after every hub event)."""
        assert callable(check)
        async with asyncio.timeout(timeout):
            while not check():
                await self._changed.wait()

    async def wait_verified(self, topic: str, *, times: int = 1, timeout: float = 10) -> None:
        await self.wait_for(lambda: sum(s.verifications for s in self.active.values()
                                        if s.topic == topic) >= times, timeout)

    async def publish(self, topic: str, body: bytes, *, content_type: str = "application/rss+xml",
                      forge: bool = False, method: str = "sha256") -> list[int]:
        """Deliver `body` to every verified subscriber of `topic`; their HTTP statuses."""
        assert self._session is not None
        statuses = []
        for sub in [s for s in self.active.values() if s.topic == topic]:
            headers = {"Content-Type": content_type,
                       "Link": f'<{self.url}>; rel="hub", <{topic}>; rel="self"'}
            if sub.secret is not None:
                secret = "not-the-secret" if forge else sub.secret
                headers["X-Hub-Signature"] = sign(secret, body, method)
            async with self._session.post(sub.callback, data=body, headers=headers) as resp:
                statuses.append(resp.status)
        return statuses
