"""Discord: alerts through a bot token or a channel webhook, and the `/openstack` commands.

discord.py builds every REST URL (bot, webhook and interaction calls alike) from
the class attribute `discord.http.Route.BASE`. `use_api_base` is the one place
stackwatch changes it, from `[discord] api_base_url`, for proxies and tests.
It is process-wide, which is fine: one process talks to one Discord.
"""

from __future__ import annotations

import warnings

from bot.config.models import DiscordSettings

with warnings.catch_warnings():
    # discord.py's voice player imports `audioop` (deprecated in 3.11); we send no audio,
    # and the warning would fail test runs that treat warnings as errors.
    warnings.filterwarnings("ignore", "'audioop' is deprecated", DeprecationWarning)
    from discord.http import Route


def use_api_base(settings: DiscordSettings | None) -> None:
    """Send discord.py's REST calls to `api_base_url` (e.g. `http://proxy/api/v10`) if set."""
    if settings is not None and settings.api_base_url:
        Route.BASE = settings.api_base_url.rstrip("/")
