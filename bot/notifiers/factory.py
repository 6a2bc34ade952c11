"""One notifier per configured destination: the only place that looks at platforms."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from rich.console import Console

from bot.config import Config
from bot.config.models import Destination
from bot.notifiers.base import Notifier
from bot.notifiers.console import ConsoleNotifier

Builder = Callable[[Destination, Config, Console], Notifier]


def _console(dest: Destination, _config: Config, console: Console) -> Notifier:
    return ConsoleNotifier(dest.name, console)


#: platform -> module exposing `build_notifier(dest, config, console) -> Notifier`,
#: imported only when a destination uses it.
PLATFORM_MODULES = {
    "slack": "bot.slack_chat.notifier",
    "discord": "bot.discord_chat.notifier",
    "discord-webhook": "bot.discord_chat.notifier",
}


def _builder(platform: str) -> Builder | None:
    if platform == "console":
        return _console
    module = PLATFORM_MODULES.get(platform)
    if module is None:
        return None
    try:
        found: Builder = importlib.import_module(module).build_notifier
    except (ImportError, AttributeError):
        return None
    return found


def build_notifiers(config: Config, *, console: Console) -> dict[str, Notifier]:
    """Notifiers by destination name. A platform without an adapter in this build is
    skipped with a warning, and its rows wait in the outbox (nothing is lost)."""
    notifiers: dict[str, Notifier] = {}
    for dest in config.destinations:
        builder = _builder(dest.platform)
        if builder is None:
            console.print(f"[yellow]warning:[/yellow] destination {dest.name!r}: platform "
                          f"{dest.platform!r} has no adapter in this build; its alerts stay "
                          "queued")
            continue
        notifiers[dest.name] = builder(dest, config, console)
    return notifiers
