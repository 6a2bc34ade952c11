"""Discord: alerts through a bot token or a channel webhook, and the `/openstack` commands.

discord.py builds every REST URL (bot, webhook and interaction calls alike) from
the class attribute `discord.http.Route.BASE`, and connects its gateway to
`DiscordWebSocket.DEFAULT_GATEWAY`. `use_api_base` is the one place stackwatch
changes them, from `[discord] api_base_url` and `gateway_url`, for proxies and
tests. It is process-wide, which is fine: one process talks to one Discord.
"""

from __future__ import annotations

import warnings

from bot.config.models import DiscordSettings

with warnings.catch_warnings():
    # discord.py's voice player imports `audioop` (deprecated in 3.11); we send no audio,
    # and the warning would fail test runs that treat warnings as errors.
    warnings.filterwarnings("ignore", "'audioop' is deprecated", DeprecationWarning)
    from discord.gateway import DiscordWebSocket
    from discord.http import Route

import yarl


def use_api_base(settings: DiscordSettings | None) -> None:
    """Send discord.py's REST calls to `api_base_url` (e.g. `http://proxy/api/v10`) and its
    gateway connection to `gateway_url`, when set."""
    if settings is not None and settings.api_base_url:
        Route.BASE = settings.api_base_url.rstrip("/")
    if settings is not None and settings.gateway_url:
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.gateway_url)
