"""A local stand-in for Slack on 127.0.0.1: Web API, response_url and Socket Mode.

It records every call with its exact body, answers `auth.test`,
`chat.postMessage`, `chat.postEphemeral` and `apps.connections.open` (whose URL
points at its own websocket), and can be told to fail the next N calls of a
method with a 429 + Retry-After, a 5xx, or an `ok: false` error.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

TEAM = "T0FAKE"
BOT_USER = "U0BOT"


@dataclass(frozen=True)
class Call:
    method: str  # Web API method, or "response" for a response_url post
    status: int  # what the fake answered
    raw: str
    body: dict[str, Any]
    headers: dict[str, str]
    path: str
    at: float = field(default_factory=time.monotonic)


@dataclass(frozen=True)
class Failure:
    status: int
    error: str
    retry_after: str | None = None


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.socket_received: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.socket_connected = asyncio.Event()
        self._failures: dict[str, deque[Failure]] = {}
        self._ws: web.WebSocketResponse | None = None
        self._ts = 0
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_post("/response/{name}", self._response)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = int(self._runner.addresses[0][1])
        return self

    async def __aenter__(self) -> FakeSlack:
        return await self.start()

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    # -- steering ---------------------------------------------------------------------------

    def fail_next(self, count: int, *, status: int = 500, retry_after: str | None = None,
                  error: str = "", method: str = "chat.postMessage") -> None:
        """The next `count` calls of `method` answer `status` (429 gets `ratelimited`)."""
        error = error or ("ratelimited" if status == 429 else "internal_error")
        queue = self._failures.setdefault(method, deque())
        queue.extend(Failure(status, error, retry_after) for _ in range(count))

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def wait_for(self, check: Callable[[], bool], timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while not check():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; calls so far: {[c.method for c in self.calls]}")
            await asyncio.sleep(0.01)

    async def wait_calls(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        await self.wait_for(lambda: len(self.calls_to(method)) >= count, timeout)
        return self.calls_to(method)

    async def socket_send(self, message: dict[str, Any]) -> None:
        await asyncio.wait_for(self.socket_connected.wait(), 5)
        assert self._ws is not None
        await self._ws.send_str(json.dumps(message))

    # -- handlers ---------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        raw = await request.text()
        body = _parse(raw, request.content_type)
        failures = self._failures.get(method)
        if failures:
            failure = failures.popleft()
            return self._record(method, request, raw, body, _failure_response(failure))
        return self._record(method, request, raw, body, web.json_response(self._answer(
            method, body)))

    def _answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "url": "https://fake.slack.test/", "team": "Fake",
                    "user": "stackwatch", "team_id": TEAM, "user_id": BOT_USER,
                    "bot_id": "B0BOT", "is_enterprise_install": False}
        if method in ("chat.postMessage", "chat.postEphemeral"):
            self._ts += 1
            ts = f"1700000000.{self._ts:06d}"
            return {"ok": True, "channel": body.get("channel"), "ts": ts, "message_ts": ts,
                    "message": {"text": body.get("text"), "ts": ts}}
        if method == "apps.connections.open":
            return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}
        return {"ok": False, "error": "unknown_method"}

    async def _response(self, request: web.Request) -> web.Response:
        raw = await request.text()
        return self._record("response", request, raw, _parse(raw, request.content_type),
                            web.Response(text="ok", content_type="text/plain"))

    def _record(self, method: str, request: web.Request, raw: str, body: dict[str, Any],
                response: web.Response) -> web.Response:
        self.calls.append(Call(method, response.status, raw, body, dict(request.headers),
                               request.path_qs))
        return response

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        await ws.send_str(json.dumps({"type": "hello", "num_connections": 1,
                                      "connection_info": {"app_id": "A0FAKE"}}))
        self.socket_connected.set()
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                await self.socket_received.put(json.loads(message.data))
        return ws


def _parse(raw: str, content_type: str) -> dict[str, Any]:
    if content_type == "application/json":
        parsed: dict[str, Any] = json.loads(raw) if raw else {}
        return parsed
    return dict(parse_qsl(raw, keep_blank_values=True))


def _failure_response(failure: Failure) -> web.Response:
    headers = {"Retry-After": failure.retry_after} if failure.retry_after is not None else {}
    if failure.status >= 500:  # what an outage in front of Slack looks like: not JSON
        return web.Response(status=failure.status, text="<html>upstream error</html>",
                            content_type="text/html", headers=headers)
    return web.json_response({"ok": False, "error": failure.error}, status=failure.status,
                             headers=headers)
