"""Running `stackwatch run` as a real process against the local fakes.

The fakes (feed server, Slack, Discord) live in the test process, so they
outlive every kill of the service; the service finds them through its config
(`api_base_url`, `gateway_url`) and the tokens below.
"""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.storage import open_database
from bot.storage.schema import processes
from tests.fakediscord import FakeDiscord
from tests.fakeslack import FakeSlack

SLACK_CHANNEL = "C0NEWS"
SLACK_ADMIN_CHANNEL = "C0OPS"
DISCORD_CHANNEL = 950000000000000002
DISCORD_ADMIN_CHANNEL = 950000000000000003
ENV = {"PATH": "/usr/bin:/bin", "COLUMNS": "200", "SLACK_BOT_TOKEN": "xoxb-test",
       "SLACK_APP_TOKEN": "xapp-test", "DISCORD_BOT_TOKEN": "bot-token"}


def chat_config(slack: FakeSlack, discord: FakeDiscord) -> str:
    """`[slack]`, `[discord]` and one news and one admin destination on each platform."""
    return f"""
[slack]
mode = "socket"
api_base_url = "{slack.base_url}"
[discord]
api_base_url = "{discord.api_base}"
gateway_url = "{discord.gateway_url}"
[[destinations]]
name = "slack-news"
platform = "slack"
channel = "{SLACK_CHANNEL}"
[[destinations]]
name = "discord-news"
platform = "discord"
channel = "{DISCORD_CHANNEL}"
[[destinations]]
name = "slack-ops"
platform = "slack"
channel = "{SLACK_ADMIN_CHANNEL}"
[[destinations]]
name = "discord-ops"
platform = "discord"
channel = "{DISCORD_ADMIN_CHANNEL}"
"""


def rss(title: str, items: Iterable[tuple[str, str, str]]) -> bytes:
    """A feed of (guid, title, text) items published now."""
    now = format_datetime(datetime.now(UTC))
    body = "".join(f"<item><title>{t}</title><link>https://news.example/{g}</link>"
                   f"<guid>{g}</guid><pubDate>{now}</pubDate><description>{text}</description>"
                   "</item>" for g, t, text in items)
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>{title}</title>"
            f"<link>https://news.example/</link>{body}</channel></rss>").encode()


def join_story(company: str) -> tuple[str, str]:
    return (f"{company} joins OpenStack",
            f"{company} has joined the OpenStack Foundation as a Gold member, the company said "
            f"on Monday. {company} will contribute engineers to the Nova project.")


def leave_story(company: str) -> tuple[str, str]:
    return (f"{company} leaves OpenStack",
            f"{company} has withdrawn from the OpenStack Foundation and will not renew its "
            "membership, the company confirmed on Tuesday.")


async def start(config: Path, log: Path) -> asyncio.subprocess.Process:
    """`stackwatch run --config FILE`, its output appended to `log`."""
    with log.open("ab") as out:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", "--config", str(config),
            stdout=out, stderr=out, env=ENV)


async def stackwatch(*args: str) -> tuple[int, str]:
    """A one-shot CLI command; its exit code and output."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *args, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT, env=ENV)
    out, _ = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode is not None
    return proc.returncode, out.decode()


async def wait_until(check: Callable[[], Any], timeout: float, what: str) -> Any:
    try:
        async with asyncio.timeout(timeout):
            while not (found := check()):
                await asyncio.sleep(0.02)
    except TimeoutError:
        raise AssertionError(f"timed out after {timeout}s waiting for {what}") from None
    return found


async def wait_registered(db: Path, proc: asyncio.subprocess.Process, timeout: float) -> None:
    """Until `proc` has its row in the process registry: its signal handlers are in place."""
    def registered() -> bool:
        assert proc.returncode is None, f"stackwatch run exited with {proc.returncode}"
        database = open_database(f"sqlite:///{db}")
        try:
            with database.engine.connect() as conn:
                return conn.execute(select(processes.c.pid)
                                    .where(processes.c.pid == proc.pid)).first() is not None
        finally:
            database.dispose()

    await wait_until(registered, timeout, f"process {proc.pid} to register")


async def stop(proc: asyncio.subprocess.Process) -> None:
    if proc.returncode is None:
        proc.kill()
        await proc.wait()


def slack_key(message: dict[str, Any]) -> str:
    return str(message["metadata"]["event_payload"]["key"])


def slack_headline(message: dict[str, Any]) -> str:
    return str(message["text"])


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def discord_headline(message: dict[str, Any]) -> str:
    """The bold first line of an alert embed ("Acme joined OpenStack")."""
    found = _BOLD.search(message["embeds"][0]["description"])
    return found.group(1) if found else ""
