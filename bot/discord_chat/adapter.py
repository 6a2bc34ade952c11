"""The Discord gateway client: `/openstack` subcommands answered on the service loop.

Each subcommand only turns Discord's typed options into the keyword arguments
of `bot.commands.run` and renders the neutral `Reply` as an embed; the command
itself is written once, for every platform. Queries run in a worker thread so
a slow database never stalls the gateway heartbeat. Admin actions (feeds
pause/resume, reload) are checked per interaction, because Discord can only
restrict a whole command group, not one subcommand.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Any, Literal, Protocol

import discord
from discord import app_commands

from bot import commands, queries
from bot.commands import COMMANDS, CommandContext, CommandError, Reply
from bot.config.models import DiscordSettings
from bot.discord_chat import render, use_api_base

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

#: longest wait in `start()` for the gateway; past it the client keeps trying in the background
CONNECT_TIMEOUT = 30.0
SINCE = "a date (2026-01-31) or an age (30d, 12h, 2w)"
LIMIT = "how many to show (1-100)"


class ContextFactory(Protocol):
    def __call__(self, *, is_admin: bool = False) -> CommandContext: ...


def build_adapter(app: App) -> DiscordAdapter:
    settings = app.config.discord
    if settings is None:  # bot.chat only builds adapters for an enabled [discord] table
        raise ValueError("no [discord] table in the config")
    return DiscordAdapter(settings, token=app.config.secrets[settings.token_env],
                          context=app.command_context)


class DiscordAdapter:
    """Logs in, syncs the command group, and keeps a gateway connection until `stop()`."""

    name = "discord"

    def __init__(self, settings: DiscordSettings, *, token: str, context: ContextFactory,
                 connect_timeout: float = CONNECT_TIMEOUT) -> None:
        self._settings = settings
        self._token = token
        self._context = context
        self._connect_timeout = connect_timeout
        self.client = discord.Client(intents=discord.Intents(guilds=True),
                                     allowed_mentions=discord.AllowedMentions.none())
        self.tree = app_commands.CommandTree(self.client)
        self.tree.add_command(OpenStackGroup(self))
        self.tree.error(self._on_error)
        self._gateway: asyncio.Task[None] | None = None
        #: Seconds a command may run before the answer is deferred (Discord allows 3).
        self.defer_after = 2.0

    async def start(self) -> None:
        """Log in (a rejected token raises), sync commands, connect to the gateway."""
        use_api_base(self._settings)
        await self.client.login(self._token)
        await self._sync()
        connected = asyncio.ensure_future(self.client.wait_for("connect"))
        self._gateway = asyncio.create_task(self.client.connect(), name="discord-gateway")
        self._gateway.add_done_callback(_log_gateway_end)
        done, _ = await asyncio.wait({connected, self._gateway}, timeout=self._connect_timeout,
                                     return_when=asyncio.FIRST_COMPLETED)
        connected.cancel()
        if self._gateway in done:
            self._gateway.result()  # the gateway refused us for good: say why
        elif connected not in done:
            log.warning("Discord gateway not connected after %.0fs; still trying",
                        self._connect_timeout)

    async def stop(self) -> None:
        await self.client.close()
        if self._gateway is not None:
            with contextlib.suppress(Exception):
                await self._gateway

    async def answer(self, interaction: discord.Interaction, name: str, /,
                     **options: Any) -> None:
        """Run command `name` with the interaction's options and send the reply."""
        ctx = self._context(is_admin=is_admin(interaction, self._settings.admin_role))
        try:
            kwargs = typed_options(options, ctx)
        except CommandError as err:
            reply = usage_error(name, err)
        else:
            work = asyncio.ensure_future(asyncio.to_thread(commands.run, name, ctx, **kwargs))
            done, _ = await asyncio.wait({work}, timeout=self.defer_after)
            if not done:
                # Discord drops interactions not answered within 3 s: say "thinking", then
                # follow up (public, since visibility is fixed when deferring).
                await interaction.response.defer(thinking=True)
                reply = await work
                await interaction.followup.send(
                    embed=render.reply_embed(reply),
                    allowed_mentions=discord.AllowedMentions.none())
                return
            reply = work.result()
        await interaction.response.send_message(
            embed=render.reply_embed(reply), ephemeral=reply.ephemeral,
            allowed_mentions=discord.AllowedMentions.none())

    async def company_choices(self, prefix: str) -> list[app_commands.Choice[str]]:
        names = await asyncio.to_thread(queries.known_companies, self._context().engine,
                                        prefix.strip(), 25)
        return [app_commands.Choice(name=n[:100], value=n[:100]) for n in names]

    async def _sync(self) -> None:
        """Per guild (appears at once) or global (Discord may take up to an hour to show it)."""
        try:
            if self._settings.command_sync == "guild":
                for guild_id in self._settings.guild_ids:
                    guild = discord.Object(id=guild_id)
                    self.tree.copy_global_to(guild=guild)
                    await self.tree.sync(guild=guild)
            else:
                await self.tree.sync()
        except discord.HTTPException as err:  # commands registered earlier keep working
            log.warning("could not sync the /openstack commands: %s", err)

    async def _on_error(self, interaction: discord.Interaction,
                        error: app_commands.AppCommandError) -> None:
        log.error("/openstack command failed", exc_info=error)
        text = "Sorry, that failed on our side; the error is logged."
        with contextlib.suppress(discord.HTTPException):
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True)
            else:
                await interaction.response.send_message(text, ephemeral=True)


def _log_gateway_end(task: asyncio.Task[None]) -> None:
    """Without this, a gateway that dies (bad intents, a crash) would only go quiet."""
    if not task.cancelled() and task.exception() is not None:
        log.error("Discord gateway stopped; /openstack commands are not answered",
                  exc_info=task.exception())


def is_admin(interaction: discord.Interaction, admin_role: str) -> bool:
    """Manage Server (or Administrator) here, or the configured role, by name or id."""
    if interaction.guild_id is None:
        return False
    permissions = interaction.permissions
    if permissions.manage_guild or permissions.administrator:
        return True
    member = interaction.user
    if not admin_role or not isinstance(member, discord.Member):
        return False
    return any(admin_role in (role.name, str(role.id)) for role in member.roles)


def typed_options(options: dict[str, Any], ctx: CommandContext) -> dict[str, Any]:
    """Discord's options as `commands.run` keyword arguments; absent ones keep defaults."""
    kwargs = {key: value for key, value in options.items() if value is not None}
    if "since" in kwargs:
        kwargs["since"] = commands.parse_since(kwargs["since"].strip(), ctx.clock())
    if "name" in kwargs:
        kwargs["name"] = kwargs["name"].strip()
        if not kwargs["name"]:
            raise CommandError("a company name is needed")
    return kwargs


def usage_error(name: str, err: CommandError) -> Reply:
    """The same answer `commands.run` gives when a command rejects its arguments."""
    return Reply(heading=f"{err}. Usage: {name} {COMMANDS[name].usage}".strip(),
                 ephemeral=True, error=True)


class OpenStackGroup(app_commands.Group):
    """`/openstack <subcommand>`: one method per command in `bot.commands.COMMANDS`."""

    def __init__(self, adapter: DiscordAdapter) -> None:
        super().__init__(name="openstack",
                         description="Companies joining and leaving OpenStack, from stackwatch")
        self.adapter = adapter

    @app_commands.command(name="who-joined", description=COMMANDS["who-joined"].help)
    @app_commands.describe(since=SINCE, limit=LIMIT)
    async def who_joined(self, interaction: discord.Interaction, since: str | None = None,
                         limit: app_commands.Range[int, 1, 100] = 10) -> None:
        await self.adapter.answer(interaction, "who-joined", since=since, limit=limit)

    @app_commands.command(name="who-left", description=COMMANDS["who-left"].help)
    @app_commands.describe(since=SINCE, limit=LIMIT)
    async def who_left(self, interaction: discord.Interaction, since: str | None = None,
                       limit: app_commands.Range[int, 1, 100] = 10) -> None:
        await self.adapter.answer(interaction, "who-left", since=since, limit=limit)

    @app_commands.command(name="company", description=COMMANDS["company"].help)
    @app_commands.describe(name="company name; suggestions come from the ledger")
    async def company(self, interaction: discord.Interaction,
                      name: app_commands.Range[str, 1, 100]) -> None:
        await self.adapter.answer(interaction, "company", name=name)

    @company.autocomplete("name")
    async def company_name(self, interaction: discord.Interaction,
                           current: str) -> list[app_commands.Choice[str]]:
        return await self.adapter.company_choices(current)

    @app_commands.command(name="recent", description=COMMANDS["recent"].help)
    @app_commands.describe(limit=LIMIT)
    async def recent(self, interaction: discord.Interaction,
                     limit: app_commands.Range[int, 1, 100] = 5) -> None:
        await self.adapter.answer(interaction, "recent", limit=limit)

    @app_commands.command(name="feeds", description=COMMANDS["feeds"].help)
    @app_commands.describe(action="admins only: pause or resume a feed", url="the feed URL")
    async def feeds(self, interaction: discord.Interaction,
                    action: Literal["pause", "resume"] | None = None,
                    url: str | None = None) -> None:
        await self.adapter.answer(interaction, "feeds", action=action, url=url)

    @app_commands.command(name="status", description=COMMANDS["status"].help)
    async def status(self, interaction: discord.Interaction) -> None:
        await self.adapter.answer(interaction, "status")

    @app_commands.command(name="reload", description=COMMANDS["reload"].help)
    async def reload(self, interaction: discord.Interaction) -> None:
        await self.adapter.answer(interaction, "reload")

    @app_commands.command(name="help", description=COMMANDS["help"].help)
    async def help(self, interaction: discord.Interaction) -> None:
        await self.adapter.answer(interaction, "help")
