"""A local stand-in for Discord: the REST routes stackwatch uses plus a gateway websocket.

Point real discord.py at it (`Route.BASE = fake.api_base`,
`DiscordWebSocket.DEFAULT_GATEWAY = fake.gateway_url`). It records every request,
creates messages (deduplicated by nonce, as Discord does with `enforce_nonce`),
answers the next N matching calls with a 429 (`retry_after` in the body and a
`Via` header, which discord.py requires before it trusts a 429) or a 5xx, and
delivers gateway events (HELLO → IDENTIFY → READY, then whatever a test dispatches).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import types
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import discord.gateway
import discord.http
import discord.webhook.async_
import pytest
import yarl
from aiohttp import WSMsgType, web

APP_ID = 910000000000000001
BOT_ID = 910000000000000002
WEBHOOK_CHANNEL = 910000000000000003
GUILD = 950000000000000001
CHANNEL = 950000000000000002
USER = 950000000000000004
SNOWFLAKE_START = 1_400_000_000_000_000_000
TIMESTAMP = "2026-06-01T12:00:00.000000+00:00"


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    json: Any


@dataclass
class Failure:
    status: int
    retry_after: float | None
    via: bool
    route: str


@dataclass
class FakeDiscord:
    requests: list[Recorded] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)
    bad_tokens: set[str] = field(default_factory=set)
    missing_channels: set[int] = field(default_factory=set)
    forbidden_channels: set[int] = field(default_factory=set)
    guilds: list[dict[str, Any]] = field(default_factory=list)
    identify: dict[str, Any] | None = None
    _failures: list[Failure] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(SNOWFLAKE_START))
    #: seconds to wait, after a message was created, before answering (a crash in this
    #: window leaves a message posted but not marked sent)
    post_delay: float = 0.0
    _ws: web.WebSocketResponse | None = None
    _seq: int = 0
    _runner: web.AppRunner | None = None
    port: int = 0

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self) -> FakeDiscord:
        app = web.Application()
        app.router.add_get("/gateway/", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True,
                                     shutdown_timeout=0.5)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> yarl.URL:
        return yarl.URL(f"ws://127.0.0.1:{self.port}/gateway/")

    # -- test controls ---------------------------------------------------------------------

    def fail_next(self, count: int, status: int, *, retry_after: float | None = None,
                  via: bool = True, route: str = "") -> None:
        """Answer the next `count` POSTs whose path contains `route` with `status`."""
        self._failures.extend(Failure(status, retry_after, via, route) for _ in range(count))

    def posts(self, route: str = "") -> list[Recorded]:
        return [r for r in self.requests if r.method == "POST" and route in r.path]

    async def wait_for(self, found: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Poll until `found()` returns something truthy (a request arrived, a guild cached)."""
        async with asyncio.timeout(timeout):
            while not (result := found()):
                await asyncio.sleep(0.002)
        return result

    async def callback_for(self, interaction_id: int) -> Recorded:
        path = f"/interactions/{interaction_id}/"

        def match() -> Recorded | None:
            return next((r for r in self.posts(path)), None)

        result: Recorded = await self.wait_for(match)
        return result

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        assert self._ws is not None, "no gateway connection"
        self._seq += 1
        await self._ws.send_str(json.dumps({"op": 0, "t": event, "s": self._seq, "d": data}))

    def next_id(self) -> int:
        return next(self._ids)

    # -- REST ------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        body = await request.read()
        record = Recorded(request.method, path, dict(request.query),
                          dict(request.headers), json.loads(body) if body else None)
        self.requests.append(record)
        response = self._answer(record)
        if self.post_delay and request.method == "POST" and path.endswith("/messages"):
            await asyncio.sleep(self.post_delay)
        return response

    def _answer(self, r: Recorded) -> web.Response:
        failure = self._take_failure(r)
        if failure is not None:
            return self._failure(failure)
        if r.headers.get("Authorization", "").removeprefix("Bot ") in self.bad_tokens:
            return _json({"message": "401: Unauthorized", "code": 0}, 401)
        if r.method == "GET" and r.path == "/users/@me":
            return _json(_bot_user())
        if r.method == "GET" and r.path == "/oauth2/applications/@me":
            return _json(_application())
        if r.method == "PUT" and re.fullmatch(r"/applications/\d+(/guilds/\d+)?/commands", r.path):
            return _json([self._command(c) for c in r.json])
        if r.method == "POST" and (m := re.fullmatch(r"/channels/(\d+)/messages", r.path)):
            return self._create_message(int(m.group(1)), r.json)
        if r.method == "POST" and (m := re.fullmatch(r"/webhooks/(\d+)/([\w.-]+)", r.path)):
            return self._execute_webhook(int(m.group(1)), r)
        if r.method == "POST" and re.fullmatch(r"/interactions/\d+/[\w.-]+/callback", r.path):
            return _json({"interaction": {"id": r.path.split("/")[2], "type": 2}})
        return _json({"message": "404: Not Found", "code": 0}, 404)

    def _take_failure(self, r: Recorded) -> Failure | None:
        if r.method != "POST":
            return None
        for index, failure in enumerate(self._failures):
            if failure.route in r.path:
                return self._failures.pop(index)
        return None

    def _failure(self, failure: Failure) -> web.Response:
        if failure.status != 429:
            return _json({"message": "Internal Server Error", "code": 0}, failure.status)
        headers = {"Retry-After": str(int((failure.retry_after or 0) + 1))}
        if failure.via:
            headers["Via"] = "1.1 google"
        return _json({"message": "You are being rate limited.", "retry_after": failure.retry_after,
                      "global": False}, 429, headers)

    def _create_message(self, channel_id: int, payload: dict[str, Any]) -> web.Response:
        if channel_id in self.missing_channels:
            return _json({"message": "Unknown Channel", "code": 10003}, 404)
        if channel_id in self.forbidden_channels:
            return _json({"message": "Missing Access", "code": 50001}, 403)
        nonce = payload.get("nonce")
        for message in self.messages:
            if nonce and message["nonce"] == nonce and message["channel_id"] == str(channel_id):
                return _json(message)  # enforce_nonce: the same message again, nothing new
        return _json(self._store(channel_id, payload, author=_bot_user()))

    def _execute_webhook(self, webhook_id: int, r: Recorded) -> web.Response:
        if r.headers.get("Authorization"):
            return _json({"message": "webhooks take no bot token", "code": 0}, 400)
        author = {"id": str(webhook_id), "username": "Captain Hook", "discriminator": "0000",
                  "avatar": None, "bot": True}
        message = self._store(WEBHOOK_CHANNEL, r.json, author=author)
        message["webhook_id"] = str(webhook_id)
        return _json(message if r.query.get("wait") == "1" else None, 200 if
                     r.query.get("wait") == "1" else 204)

    def _store(self, channel_id: int, payload: dict[str, Any], *,
               author: dict[str, Any]) -> dict[str, Any]:
        reference = payload.get("message_reference")
        message = {
            "id": str(self.next_id()), "channel_id": str(channel_id), "author": author,
            "type": 19 if reference else 0, "content": payload.get("content") or "",
            "timestamp": TIMESTAMP, "edited_timestamp": None, "tts": False,
            "mention_everyone": False, "mentions": [], "mention_roles": [], "attachments": [],
            "embeds": payload.get("embeds", []), "pinned": False, "flags": 0,
            "nonce": payload.get("nonce"), "components": [],
        }
        if reference:
            message["message_reference"] = {**reference, "type": 0}
        self.messages.append(message)
        return message

    def _command(self, command: dict[str, Any]) -> dict[str, Any]:
        return {"id": str(self.next_id()), "application_id": str(APP_ID), "version": "1",
                "type": 1, **command}

    # -- gateway ---------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250},
                                      "s": None, "t": None}))
        async for msg in ws:
            if msg.type is not WSMsgType.TEXT:
                break
            payload = json.loads(msg.data)
            if payload["op"] == 1:
                await ws.send_str(json.dumps({"op": 11, "d": None, "s": None, "t": None}))
            elif payload["op"] == 2:
                self.identify = payload["d"]
                await self._ready()
        return ws

    async def _ready(self) -> None:
        url = str(self.gateway_url)
        await self.dispatch("READY", {
            "v": 10, "user": _bot_user(), "guilds": [{"id": g["id"], "unavailable": True}
                                                     for g in self.guilds],
            "session_id": "fake-session", "resume_gateway_url": url, "shard": [0, 1],
            "application": {"id": str(APP_ID), "flags": 0}})
        for guild in self.guilds:
            await self.dispatch("GUILD_CREATE", guild)


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """discord.py parses JSON only when Content-Type is exactly `application/json`."""
    if status == 204:
        return web.Response(status=204)
    return web.Response(body=json.dumps(data).encode(), status=status,
                        headers={"Content-Type": "application/json", **(headers or {})})


def _bot_user() -> dict[str, Any]:
    return {"id": str(BOT_ID), "username": "stackwatch", "discriminator": "0000",
            "global_name": None, "avatar": None, "bot": True}


def _application() -> dict[str, Any]:
    return {"id": str(APP_ID), "name": "stackwatch", "description": "", "icon": None,
            "bot_public": False, "bot_require_code_grant": False, "verify_key": "0" * 64,
            "owner": _bot_user(), "flags": 0, "team": None, "summary": ""}


def guild(guild_id: int, *, roles: dict[int, str]) -> dict[str, Any]:
    """A GUILD_CREATE payload with these (id -> name) roles besides @everyone."""
    everyone = {"id": str(guild_id), "name": "@everyone", "permissions": "0", "position": 0,
                "color": 0, "hoist": False, "managed": False, "mentionable": False}
    return {"id": str(guild_id), "name": "OpenInfra", "unavailable": False, "owner_id": "1",
            "member_count": 2, "roles": [everyone] + [
                {**everyone, "id": str(rid), "name": name, "position": 1}
                for rid, name in roles.items()],
            "channels": [], "members": [], "emojis": [], "stickers": [], "features": [],
            "threads": [], "voice_states": [], "presences": [], "large": False}


def _option(name: str, value: Any) -> dict[str, Any]:
    return {"name": name, "type": 4 if isinstance(value, int) else 3, "value": value}


async def invoke(fake: FakeDiscord, sub: str, *, kind: int = 2, roles: tuple[int, ...] = (),
                 permissions: int = 0, focused: str | None = None,
                 **options: Any) -> Recorded:
    """Dispatch an INTERACTION_CREATE for `/openstack sub ...`; return the callback POST."""
    interaction_id = fake.next_id()
    values = [_option(k, v) | ({"focused": True} if k == focused else {})
              for k, v in options.items()]
    await fake.dispatch("INTERACTION_CREATE", {
        "id": str(interaction_id), "application_id": str(APP_ID), "type": kind,
        "token": f"itoken-{interaction_id}", "version": 1, "guild_id": str(GUILD),
        "channel_id": str(CHANNEL), "channel": {
            "id": str(CHANNEL), "type": 0, "guild_id": str(GUILD), "name": "news", "position": 0,
            "permission_overwrites": [], "nsfw": False, "parent_id": None, "topic": None},
        "member": {"user": {"id": str(USER), "username": "ana", "discriminator": "0",
                            "avatar": None}, "roles": [str(r) for r in roles],
                   "permissions": str(permissions), "joined_at": "2025-01-01T00:00:00+00:00",
                   "deaf": False, "mute": False, "flags": 0},
        "app_permissions": "0", "locale": "en-US", "attachment_size_limit": 8388608,
        "data": {"id": "1", "name": "openstack", "type": 1, "guild_id": str(GUILD),
                 "options": [{"name": sub, "type": 1, "options": values}]},
    })
    return await fake.callback_for(interaction_id)


@contextlib.asynccontextmanager
async def serve(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    """A running fake with discord.py's REST base and gateway URL pointed at it."""
    fake = await FakeDiscord().start()
    monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", fake.gateway_url)
    try:
        yield fake
    finally:
        await fake.stop()


def fast_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Make discord.py's rate-limit and 5xx retry sleeps instant; return what it asked for.

    Only discord.py's own view of `asyncio` is replaced, so the test's event loop,
    aiohttp and every other sleep keep their real timing.
    """
    asked: list[float] = []
    real_sleep = asyncio.sleep

    async def sleep(delay: float, result: Any = None) -> Any:
        if delay:  # discord.py also yields with sleep(0); only waits are of interest
            asked.append(delay)
        await real_sleep(0)
        return result

    shim = types.SimpleNamespace(**{name: getattr(asyncio, name) for name in dir(asyncio)
                                    if not name.startswith("__")})
    shim.sleep = sleep
    for module in (discord.http, discord.webhook.async_):
        monkeypatch.setattr(module, "asyncio", shim)
    return asked
