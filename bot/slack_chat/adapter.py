"""Answers `/openstack` in Slack with slack-bolt's `AsyncApp`, on the service's loop.

Socket Mode (app-level token, no public endpoint) or HTTP mode (bolt verifies each
request's signature and timestamp: forged, stale or unsigned requests get 401).
The handler acks at once, runs the command's database work in a thread and
answers through `respond()` (the command's response_url), so Slack's 3-second
window is never at stake however slow the query is.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.commands import Reply, run_text
from bot.slack_chat.render import command_text, reply_message
from bot.slack_chat.webclient import web_client

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

COMMAND = "/openstack"
HTTP_PATH = "/slack/events"
#: (argument text, Slack user id) -> reply; runs in a worker thread.
Answer = Callable[[str, str], Reply]
FAILED = Reply(heading="Sorry, that command failed on our side; the error is logged.",
               ephemeral=True, error=True)


class SlackAdapter:
    """The `/openstack` command on a bolt app, served in Socket Mode or over HTTP."""

    name = "slack"

    def __init__(self, bolt: AsyncApp, answer: Answer, *, mode: Literal["socket", "http"],
                 app_token: str = "", host: str = "0.0.0.0", port: int = 3000,
                 connect_timeout: float = 30.0, drain_timeout: float = 10.0) -> None:
        self.bolt, self.mode = bolt, mode
        self.host, self.port = host, port
        self._answer, self._app_token = answer, app_token
        self._connect_timeout, self._drain_timeout = connect_timeout, drain_timeout
        self._inflight: set[asyncio.Task[Any]] = set()
        self._runner: web.AppRunner | None = None
        self._socket: AsyncSocketModeHandler | None = None
        self._connecting: asyncio.Task[None] | None = None
        bolt.command(COMMAND)(self._on_command)

    async def _on_command(self, ack: AsyncAck, command: dict[str, Any],
                          respond: AsyncRespond) -> None:
        await ack()
        task = asyncio.current_task()
        if task is not None:
            self._inflight.add(task)
        try:
            reply = await self._run(command_text(command.get("text") or ""),
                                    str(command.get("user_id") or ""))
            answered = await respond(**reply_message(reply))
            if answered.status_code != 200:
                log.warning("slack response_url refused the reply: HTTP %s",
                            answered.status_code)
        except Exception:
            log.exception("slack reply failed")
        finally:
            if task is not None:
                self._inflight.discard(task)

    async def _run(self, text: str, user_id: str) -> Reply:
        try:
            return await asyncio.to_thread(self._answer, text, user_id)
        except Exception:
            log.exception("slack command failed", extra={"command_text": text[:200]})
            return FAILED

    async def start(self) -> None:
        """Listen on the HTTP port, or connect to Socket Mode (waiting at most
        `connect_timeout`; the SDK keeps retrying in the background after that)."""
        if self.mode == "http":
            await self._start_http()
            return
        self._socket = AsyncSocketModeHandler(self.bolt, self._app_token)
        self._connecting = asyncio.create_task(
            self._socket.connect_async())  # type: ignore[no-untyped-call]
        done, _ = await asyncio.wait({self._connecting}, timeout=self._connect_timeout)
        if not done:
            log.warning("slack socket mode: still connecting after %ss", self._connect_timeout)

    async def _start_http(self) -> None:
        server = web.Application()
        server.router.add_post(HTTP_PATH, self._on_http)
        self._runner = web.AppRunner(server, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        self.port = int(self._runner.addresses[0][1])
        log.info("slack http mode listening", extra={"port": self.port})

    async def _on_http(self, request: web.Request) -> web.Response:
        response = await self.bolt.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(response)

    async def stop(self) -> None:
        """Stop taking commands, then let the replies in progress finish (bounded)."""
        connecting, socket, runner = self._connecting, self._socket, self._runner
        self._connecting = self._socket = self._runner = None
        if connecting is not None:
            connecting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await connecting
        if socket is not None:
            await socket.close_async()  # type: ignore[no-untyped-call]
        if runner is not None:
            await runner.cleanup()
        if self._inflight:
            await asyncio.wait(set(self._inflight), timeout=self._drain_timeout)


def build_adapter(app: App) -> SlackAdapter:
    """The adapter for the `[slack]` table: tokens from its variables, admins by user id."""
    settings = app.config.slack
    if settings is None:
        raise ValueError("the Slack adapter needs a [slack] table")
    secrets = app.config.secrets
    client = web_client(secrets[settings.bot_token_env], settings.api_base_url)
    admins = frozenset(settings.admins)

    def answer(text: str, user_id: str) -> Reply:
        return run_text(text, app.command_context(is_admin=user_id in admins))

    if settings.mode == "http":
        bolt = AsyncApp(name="stackwatch", client=client,
                        signing_secret=secrets[settings.signing_secret_env])
        return SlackAdapter(bolt, answer, mode="http", host=settings.http_host,
                            port=settings.http_port)
    bolt = AsyncApp(name="stackwatch", client=client, signing_secret="",
                    request_verification_enabled=False)
    return SlackAdapter(bolt, answer, mode="socket", app_token=secrets[settings.app_token_env])
