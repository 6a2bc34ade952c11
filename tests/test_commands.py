"""The platform-neutral commands, answered from a real ledger on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from bot import feedstate, websubstate
from bot.commands import COMMANDS, CommandContext, parse_since, run, run_text
from bot.storage import open_database
from tests.ledger_helpers import add_story

NOW = datetime(2026, 6, 1, tzinfo=UTC)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    db = open_database(db_url)
    add_story(db.engine, "a", [("Cisco", "joined")], when=NOW - timedelta(days=40))
    add_story(db.engine, "b", [("Dell", "joined"), ("Intel", "left")], when=NOW - timedelta(days=5))
    add_story(db.engine, "c", [("Dell", "joined")], when=NOW - timedelta(days=4))
    add_story(db.engine, "d", [], when=NOW - timedelta(days=1))
    yield db.engine
    db.dispose()


def ctx(engine: Engine, admin: bool = False) -> CommandContext:
    return CommandContext(engine=engine, clock=lambda: NOW, started_at=NOW - timedelta(hours=2),
                          version="9.9", is_admin=admin)


def test_who_joined_lists_newest_first_with_sources(engine: Engine) -> None:
    reply = run_text("who-joined", ctx(engine))
    assert [i.title for i in reply.items] == ["Dell joined", "Cisco joined"]
    assert "+1 more source" in reply.items[0].detail
    assert reply.items[0].url == "http://127.0.0.1/b"


def test_since_and_limit_filter(engine: Engine) -> None:
    assert [i.title for i in run_text("who-joined since 30d", ctx(engine)).items] == [
        "Dell joined"]
    assert len(run_text("who-joined limit 1", ctx(engine)).items) == 1
    assert [i.title for i in run_text("who-left since 2026-05-01", ctx(engine)).items] == [
        "Intel left"]


def test_company_history_matches_forms(engine: Engine) -> None:
    reply = run_text("company intel corp.", ctx(engine))
    assert [i.title for i in reply.items] == ["Intel left"]
    assert "No join or leave" in run_text("company Oracle", ctx(engine)).heading


def test_recent_lists_flagged_stories_only(engine: Engine) -> None:
    reply = run_text("recent 10", ctx(engine))
    assert [i.title for i in reply.items] == ["Story c", "Story b", "Story a"]


@pytest.mark.parametrize("text, expected", [
    ("who-joined since yesterday", "not a date"),
    ("who-joined limit 0", "between 1 and 100"),
    ("who-joined limit ten", "not a whole number"),
    ("who-joined banana", "unexpected 'banana'"),
    ("who-left since", "`since` needs a value"),
    ("company", "a company name is needed"),
    ("recent 1 2", "at most one number"),
    ("status now", "takes no arguments"),
    ("feeds pause", "needs a feed URL"),
])
def test_bad_arguments_get_an_ephemeral_error_with_usage(engine: Engine, text: str,
                                                         expected: str) -> None:
    reply = run_text(text, ctx(engine, admin=True))
    assert reply.error and reply.ephemeral
    assert expected in reply.heading
    assert "Usage:" in reply.heading


@pytest.mark.parametrize("text", ["", "frobnicate", "help"])
def test_empty_or_unknown_command_gets_help(engine: Engine, text: str) -> None:
    reply = run_text(text, ctx(engine))
    assert {i.title.split()[0] for i in reply.items} == set(COMMANDS)


def test_feed_admin_actions_are_refused_to_non_admins(engine: Engine) -> None:
    reply = run_text("feeds pause http://127.0.0.1/feed", ctx(engine))
    assert reply.error and "admins" in reply.heading
    paused = run_text("feeds pause http://127.0.0.1/feed", ctx(engine, admin=True))
    assert not paused.error
    assert "disabled" in run_text("feeds", ctx(engine)).items[0].detail
    assert run_text("feeds pause http://nowhere/", ctx(engine, admin=True)).error


def test_feed_list_says_where_its_websub_subscription_stands(engine: Engine) -> None:
    def detail() -> str:
        return run_text("feeds", ctx(engine)).items[0].detail

    url = "http://127.0.0.1/feed"
    assert "hub" not in detail()
    feed_id = feedstate.feed_ids(engine)[url]
    websubstate.note_hubs(engine, [websubstate.Discovery(feed_id, "https://hub/", url)], now=NOW)
    assert detail().endswith(", subscribing to its hub")
    [sub] = websubstate.due(engine, now=NOW, renew_before=timedelta(hours=1))
    websubstate.mark_requested(engine, sub, now=NOW, verify_within=timedelta(minutes=5))
    assert websubstate.verify(engine, sub.token, mode="subscribe", topic=url, lease_seconds=86400,
                              now=NOW, renew_before=timedelta(hours=1))
    assert detail().endswith(", pushed by its hub until 2026-06-02 00:00")
    run_text(f"feeds pause {url}", ctx(engine, admin=True))
    [leaving] = websubstate.due_unsubscribe(engine, now=NOW)
    websubstate.mark_unsubscribing(engine, leaving, now=NOW, verify_within=timedelta(minutes=5))
    assert detail().endswith(", unsubscribing from its hub")
    assert websubstate.verify(engine, sub.token, mode="unsubscribe", topic=url,
                              lease_seconds=None, now=NOW, renew_before=timedelta(hours=1))
    assert detail().startswith("disabled, ") and detail().endswith(", unsubscribed from its hub")


def test_status_reports_deliveries_and_uptime(engine: Engine) -> None:
    reply = run_text("status", ctx(engine))
    assert "version 9.9" in reply.text and "up 2h 0m" in reply.text
    assert "deliveries pending 4" in reply.text  # Cisco, Dell, Intel alerts + Dell follow-up


def test_typed_arguments_path(engine: Engine) -> None:
    reply = run("who-joined", ctx(engine), since=NOW - timedelta(days=10), limit=5)
    assert [i.title for i in reply.items] == ["Dell joined"]
    assert run("who-joined", ctx(engine), limit=500).error


def test_parse_since_units() -> None:
    assert parse_since("2w", NOW) == NOW - timedelta(days=14)
    assert parse_since("12h", NOW) == NOW - timedelta(hours=12)
    assert parse_since("2026-01-02", NOW) == datetime(2026, 1, 2, tzinfo=UTC)
