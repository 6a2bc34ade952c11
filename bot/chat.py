"""Chat adapters: the long-lived connections that answer `/openstack` commands.

An adapter parses a platform's command payload, runs the platform-neutral
command from `bot.commands` and renders the `Reply`. The composition root
starts every enabled adapter on the service loop and stops them on shutdown;
adapters never import each other.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.app import App


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
