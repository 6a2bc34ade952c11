"""Chat adapters: the long-lived connections that answer `/openstack` commands.

An adapter parses a platform's command payload, runs the platform-neutral
command from `bot.commands` and renders the `Reply`. Two processes must never
hold the same bot connection, so `ChatSupervisor` runs the enabled adapters
only while this process holds the `chat` singleton (`bot.singletons`): it
starts them on a gain, stops them on a loss (the lock connection dropped and
another process may take over) and on shutdown. A stop, once begun, runs to the
end even if the chat task is cancelled meanwhile: a close cut short leaves a
websocket open and an aiohttp session unclosed, and the adapters after it running.
Adapters never import each other.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from bot.singletons import Singletons

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)
T = TypeVar("T")


class ChatAdapter(Protocol):
    name: str

    async def start(self) -> None:
        """Connect and begin answering commands; return once running."""
        ...

    async def stop(self) -> None:
        """Disconnect, finishing replies in progress."""
        ...


#: platform table in the config -> module exposing `build_adapter(app) -> ChatAdapter`
ADAPTER_MODULES = {"slack": "bot.slack_chat.adapter", "discord": "bot.discord_chat.adapter"}


def build_chat_adapters(app: App) -> list[ChatAdapter]:
    """One adapter per enabled chat platform in the config."""
    adapters: list[ChatAdapter] = []
    for table, module in ADAPTER_MODULES.items():
        settings = getattr(app.config, table)
        if settings is None or not settings.enabled:
            continue
        adapters.append(importlib.import_module(module).build_adapter(app))
    return adapters


class ChatSupervisor:
    """Keeps the chat adapters running exactly while this process holds `chat`.

    Adapters are built afresh on every gain: a stopped bot client is not reused.
    A failure to start (a revoked token) ends `run()` with that error, as it
    would a single process.
    """

    def __init__(self, build: Callable[[], list[ChatAdapter]], singletons: Singletons) -> None:
        self._build = build
        self._singletons = singletons
        self.running: list[ChatAdapter] = []

    async def run(self) -> None:
        """Follow the `chat` singleton until cancelled; stop the adapters on the way out."""
        try:
            seen = self._singletons.version
            while True:
                wanted = self._singletons.holds("chat")
                if wanted and not self.running:
                    await self._start()
                elif not wanted and self.running:
                    log.warning("lost the chat singleton: stopping %s",
                                [a.name for a in self.running])
                    await self.stop()
                seen = await self._singletons.wait_change(seen)
        finally:
            await self.stop()

    async def _start(self) -> None:
        adapters = self._build()
        for adapter in adapters:
            self.running.append(adapter)
            await adapter.start()
        if adapters:
            log.info("chat singleton held: %s started", [a.name for a in adapters])

    async def stop(self) -> None:
        """Stop every running adapter, to the end even if cancelled meanwhile."""
        await finish(self._stop_all())

    async def _stop_all(self) -> None:
        while self.running:
            adapter = self.running.pop(0)
            try:
                await adapter.stop()
            except Exception:  # one adapter's failure must not keep the others running
                log.exception("stopping the %s adapter failed", adapter.name)


async def finish(work: Awaitable[T]) -> T:
    """Await `work` to its end; a cancellation that comes meanwhile is raised after it."""
    task = asyncio.ensure_future(work)
    interrupted: asyncio.CancelledError | None = None
    while not task.done():
        try:
            await asyncio.wait({task})  # unlike `await task`, a cancel here spares the task
        except asyncio.CancelledError as err:
            interrupted = err
    if interrupted is not None:
        if not task.cancelled() and task.exception() is not None:
            log.error("cleanup failed while cancelled", exc_info=task.exception())
        raise interrupted
    return task.result()
