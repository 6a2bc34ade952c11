"""A local stand-in for Slack on 127.0.0.1: Web API, response_url and Socket Mode.

It records every call with its exact body, answers `auth.test`,
`chat.postMessage`, `chat.postEphemeral` and `apps.connections.open` (whose URL
points at its own websocket), and can be told to fail the next N calls of a
method with a 429 + Retry-After, a 5xx, or an `ok: false` error, or every call
of it for a while (`outage`).

Posted messages are kept per channel (`messages`) and read back as Slack does:
`conversations.history` (top-level messages, newest first) and
`conversations.replies` (a thread, oldest first), both with `oldest`, `limit`
and cursor paging, and message `metadata` only with `include_all_metadata`.
Message `ts` values are real Unix times, as Slack's are, so `oldest` means what
it says. `post_delay` holds back the answer to a post that Slack already made,
which is exactly the window in which a crash leaves a message posted but not
marked sent.
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
        self.messages: list[dict[str, Any]] = []
        #: seconds to wait, after a post was made, before answering it (calls to
        #: chat.postMessage numbered from `delay_from` on, counting from 0)
        self.post_delay = 0.0
        self.delay_from = 0
        self._outage: list[Failure] = []
        self._turn = 0
        self.socket_received: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.socket_connected = asyncio.Event()
        self._failures: dict[str, deque[Failure]] = {}
        self._ws: web.WebSocketResponse | None = None
        #: every Socket Mode connection accepted, oldest first (`_ws` is the latest)
        self.sockets: list[web.WebSocketResponse] = []
        self._last_ts = 0.0
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)
        app.router.add_post("/response/{name}", self._response)
        app.router.add_get("/socket", self._socket)
        # a client that hangs up (a killed sender) must not leave a held answer behind
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True,
                                     shutdown_timeout=0.5)
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

    def outage(self, *failures: Failure) -> None:
        """Until `recover()`, every chat.postMessage gets these failures in turn."""
        self._outage = list(failures)
        self._turn = 0

    def recover(self) -> None:
        self._outage = []

    def add_message(self, channel: str, text: str, **fields: Any) -> dict[str, Any]:
        """A message someone else posted (a person, another app)."""
        message = {"type": "message", "channel": channel, "ts": self._next_ts(), "text": text,
                   **fields}
        self.messages.append(message)
        return message

    def posted(self, channel: str) -> list[dict[str, Any]]:
        """Messages in `channel`, oldest first."""
        return [m for m in self.messages if m["channel"] == channel]

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
        if request.method == "GET":
            raw = request.query_string
            body: dict[str, Any] = dict(request.query)
        else:
            raw = await request.text()
            body = _parse(raw, request.content_type)
        failures = self._failures.get(method)
        if failures:
            failure = failures.popleft()
            return self._record(method, request, raw, body, _failure_response(failure))
        if self._outage and method == "chat.postMessage":
            failure = self._outage[self._turn % len(self._outage)]
            self._turn += 1
            return self._record(method, request, raw, body, _failure_response(failure))
        response = self._record(method, request, raw, body,
                                web.json_response(self._answer(method, body)))
        held = len(self.calls_to("chat.postMessage")) > self.delay_from
        if method == "chat.postMessage" and self.post_delay and held:
            await asyncio.sleep(self.post_delay)  # posted; the caller just does not know yet
        return response

    def _next_ts(self) -> str:
        self._last_ts = max(round(time.time(), 6), round(self._last_ts + 0.000001, 6))
        return f"{self._last_ts:.6f}"

    def _answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "url": "https://fake.slack.test/", "team": "Fake",
                    "user": "stackwatch", "team_id": TEAM, "user_id": BOT_USER,
                    "bot_id": "B0BOT", "is_enterprise_install": False}
        if method == "chat.postMessage":
            message = self._post(body)
            return {"ok": True, "channel": message["channel"], "ts": message["ts"],
                    "message": {k: v for k, v in message.items() if k != "channel"}}
        if method == "chat.postEphemeral":
            ts = self._next_ts()
            return {"ok": True, "message_ts": ts}
        if method == "conversations.history":
            return self._page(body, [m for m in reversed(self.posted(body["channel"]))
                                     if m.get("thread_ts", m["ts"]) == m["ts"]])
        if method == "conversations.replies":
            thread = [m for m in self.posted(body["channel"])
                      if m["ts"] == body["ts"] or m.get("thread_ts") == body["ts"]]
            if not thread:
                return {"ok": False, "error": "thread_not_found"}
            return self._page(body, thread)
        if method == "apps.connections.open":
            return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}
        return {"ok": False, "error": "unknown_method"}

    def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        fields = {k: body[k] for k in ("blocks", "thread_ts", "metadata") if k in body}
        message = {"type": "message", "channel": body.get("channel"), "ts": self._next_ts(),
                   "text": body.get("text"), "bot_id": "B0BOT", "user": BOT_USER, **fields}
        self.messages.append(message)
        return message

    def _page(self, query: dict[str, Any], found: list[dict[str, Any]]) -> dict[str, Any]:
        oldest = float(query.get("oldest") or 0)
        found = [m for m in found if float(m["ts"]) > oldest or m["ts"] == query.get("ts")]
        start = int(query.get("cursor") or 0)
        limit = int(query.get("limit") or 100)
        with_metadata = query.get("include_all_metadata") in ("1", "true")
        page = [{k: v for k, v in m.items() if k != "channel" and (
            with_metadata or k != "metadata")} for m in found[start:start + limit]]
        more = start + limit < len(found)
        return {"ok": True, "messages": page, "has_more": more,
                "response_metadata": {"next_cursor": str(start + limit) if more else ""}}

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
        self.sockets.append(ws)
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
