"""`/openstack` end to end: the real CommandTree on a fake gateway, replies to a fake REST API."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from bot import queries
from bot.commands import CommandContext
from bot.config.models import DiscordSettings
from bot.discord_chat.adapter import DiscordAdapter
from bot.storage import open_database
from tests.fakediscord import APP_ID, GUILD, FakeDiscord, Recorded, guild, invoke, serve
from tests.ledger_helpers import add_story

NOW = datetime(2026, 6, 1, tzinfo=UTC)
ROLE = 950000000000000003
FEED = "http://127.0.0.1/feed"
EPHEMERAL = 64
SUBCOMMANDS = ["who-joined", "who-left", "company", "recent", "feeds", "status", "reload",
               "help"]


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    db = open_database(f"sqlite:///{tmp_path / 'sw.db'}")
    add_story(db.engine, "a", [("Cisco", "joined")], when=NOW - timedelta(days=40))
    add_story(db.engine, "b", [("Dell", "joined"), ("Intel", "left")],
              when=NOW - timedelta(days=5))
    yield db.engine
    db.dispose()


def contexts(engine: Engine) -> Any:
    def make(*, is_admin: bool = False) -> CommandContext:
        return CommandContext(engine=engine, clock=lambda: NOW, started_at=NOW, version="9.9",
                              is_admin=is_admin)
    return make


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    async with serve(monkeypatch) as running:
        running.guilds.append(guild(GUILD, roles={ROLE: "stackwatch-admins"}))
        yield running


@pytest.fixture
async def adapter(fake: FakeDiscord, engine: Engine) -> AsyncIterator[DiscordAdapter]:
    settings = DiscordSettings(command_sync="guild", guild_ids=[GUILD],
                               admin_role="stackwatch-admins")
    running = DiscordAdapter(settings, token="bot-token", context=contexts(engine))
    await running.start()
    await fake.wait_for(lambda: running.client.get_guild(GUILD))
    yield running
    await running.stop()


def _reply(post: Recorded) -> tuple[dict[str, Any], bool]:
    """The embed of a message reply and whether it is ephemeral; checks nobody is pinged."""
    assert post.json["type"] == 4
    data = post.json["data"]
    assert data["allowed_mentions"] == {"parse": []}
    [embed] = data["embeds"]
    return embed, bool(data.get("flags", 0) & EPHEMERAL)


async def test_start_syncs_the_command_group_to_the_guild(adapter: DiscordAdapter,
                                                          fake: FakeDiscord) -> None:
    [put] = [r for r in fake.requests if r.method == "PUT"]
    assert put.path == f"/applications/{APP_ID}/guilds/{GUILD}/commands"
    [group] = put.json
    assert group["name"] == "openstack"
    assert [o["name"] for o in group["options"]] == SUBCOMMANDS
    who = group["options"][0]["options"]
    assert who[1] | {"description": ""} == {"name": "limit", "type": 4, "required": False,
                                            "min_value": 1, "max_value": 100,
                                            "description": ""}
    company = group["options"][2]["options"][0]
    assert company["autocomplete"] is True and company["required"] is True
    assert fake.identify is not None and fake.identify["token"] == "bot-token"


async def test_global_sync(fake: FakeDiscord, engine: Engine) -> None:
    running = DiscordAdapter(DiscordSettings(), token="bot-token", context=contexts(engine))
    await running.start()
    await running.stop()
    [put] = [r for r in fake.requests if r.method == "PUT"]
    assert put.path == f"/applications/{APP_ID}/commands"


@pytest.mark.parametrize("sub, options, title, ephemeral", [
    ("who-joined", {}, "Companies that joined OpenStack", False),
    ("who-joined", {"since": "30d", "limit": 1}, "Companies that joined OpenStack since 2026-05-02",
     False),
    ("who-left", {}, "Companies that left OpenStack", False),
    ("company", {"name": "intel corp."}, "Intel: membership history", False),
    ("company", {"name": "Oracle"}, "No join or leave recorded for Oracle.", False),
    ("recent", {"limit": 10}, "Latest 2 flagged stories", False),
    ("feeds", {}, "1 feeds", False),
    ("status", {}, "stackwatch status", False),
    ("help", {}, "stackwatch commands", True),
    ("reload", {}, "Only stackwatch admins can reload.", True),
])
async def test_every_subcommand_answers(adapter: DiscordAdapter, fake: FakeDiscord, sub: str,
                                        options: dict[str, Any], title: str,
                                        ephemeral: bool) -> None:
    embed, is_ephemeral = _reply(await invoke(fake, sub, **options))
    assert embed["title"] == title
    assert is_ephemeral == ephemeral


async def test_reply_lists_items_with_links_and_details(adapter: DiscordAdapter,
                                                        fake: FakeDiscord) -> None:
    embed, _ = _reply(await invoke(fake, "who-joined"))
    first, second = embed["description"].split("\n\n")
    assert first.startswith("**[Dell joined](http://127.0.0.1/b)** · 2026-05-27\n")
    assert second.startswith("**[Cisco joined](http://127.0.0.1/a)** · 2026-04-22\n")


@pytest.mark.parametrize("sub, options, expected", [
    ("who-joined", {"since": "yesterday"}, "since 'yesterday' is not a date"),
    ("who-left", {"limit": 0}, "the limit must be between 1 and 100"),
    ("recent", {"limit": 101}, "the limit must be between 1 and 100"),
    ("company", {"name": "   "}, "a company name is needed"),
])
async def test_bad_arguments_get_an_ephemeral_error_with_usage(
        adapter: DiscordAdapter, fake: FakeDiscord, sub: str, options: dict[str, Any],
        expected: str) -> None:
    embed, ephemeral = _reply(await invoke(fake, sub, **options))
    assert ephemeral and embed["title"].startswith(expected)
    assert f"Usage: {sub}" in embed["title"]


async def test_pausing_a_feed_needs_manage_server_or_the_admin_role(
        adapter: DiscordAdapter, fake: FakeDiscord, engine: Engine) -> None:
    embed, ephemeral = _reply(await invoke(fake, "feeds", action="pause", url=FEED))
    assert ephemeral and embed["title"] == "Only stackwatch admins can pause or resume feeds."
    assert [f.enabled for f in queries.feed_health(engine)] == [True]

    manage_guild = 1 << 5
    embed, _ = _reply(await invoke(fake, "feeds", permissions=manage_guild, action="pause",
                                   url=FEED))
    assert embed["title"] == f"Feed paused: {FEED}"
    assert [f.enabled for f in queries.feed_health(engine)] == [False]

    embed, _ = _reply(await invoke(fake, "feeds", roles=(ROLE,), action="resume", url=FEED))
    assert embed["title"] == f"Feed resumed: {FEED}"
    assert [f.enabled for f in queries.feed_health(engine)] == [True]

    embed, _ = _reply(await invoke(fake, "reload", roles=(ROLE,)))
    assert embed["title"] == "Reload is not available here."  # admin, but no reload hook

    embed, ephemeral = _reply(await invoke(fake, "feeds", roles=(ROLE,), action="pause"))
    # the heading's own backticks are escaped too: it echoes what the user typed
    assert ephemeral and embed["title"].startswith("\\`feeds pause\\` needs a feed URL")


async def test_company_names_autocomplete_from_the_ledger(adapter: DiscordAdapter,
                                                          fake: FakeDiscord) -> None:
    post = await invoke(fake, "company", kind=4, focused="name", name="in")
    assert post.json == {"type": 8, "data": {"choices": [{"name": "Intel", "value": "Intel"}]}}


async def test_user_text_echoed_in_a_reply_pings_nobody(adapter: DiscordAdapter,
                                                        fake: FakeDiscord) -> None:
    embed, _ = _reply(await invoke(fake, "company", name="@everyone <@&123>"))
    assert embed["title"] == "No join or leave recorded for @\u200beveryone <@\u200b&123>."


async def test_an_unexpected_failure_gets_a_short_ephemeral_answer(
        fake: FakeDiscord, tmp_path: Path) -> None:
    broken = open_database(f"sqlite:///{tmp_path / 'gone.db'}")
    broken.engine.dispose()
    (tmp_path / "gone.db").unlink()
    (tmp_path / "gone.db").mkdir()  # the database is now a directory: every query fails
    running = DiscordAdapter(DiscordSettings(), token="bot-token", context=contexts(broken.engine))
    await running.start()
    try:
        post = await invoke(fake, "status")
    finally:
        await running.stop()
    assert post.json["data"]["content"] == "Sorry, that failed on our side; the error is logged."
    assert post.json["data"]["flags"] == EPHEMERAL


async def test_slow_command_is_deferred_then_followed_up(adapter: DiscordAdapter,
                                                         fake: FakeDiscord) -> None:
    adapter.defer_after = 0  # every command counts as slow
    callback = await invoke(fake, "who-joined")
    assert callback.json["type"] == 5  # deferred channel message ("thinking")
    followup = await fake.wait_for(lambda: fake.posts("/webhooks/"))
    embed = followup[-1].json["embeds"][0]
    assert embed["title"].startswith("Companies that joined")
    assert followup[-1].json["allowed_mentions"] == {"parse": []}
