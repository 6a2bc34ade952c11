"""Embeds stay inside Discord's limits and untrusted text stays inert."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from bot.alerts import Alert
from bot.commands import Reply, ReplyItem
from bot.discord_chat.render import (
    alert_embed,
    clean,
    clip,
    fit,
    join_lines,
    reply_embed,
    safe_url,
)

ALERT = Alert(delivery_id=1, kind="alert", destination="d", event_id=1, company="Acme",
              action="left", evidence="Acme left.", rule="r", confidence=0.5, title="T",
              url=None, outlet="O", published_at=None)


def _within_limits(data: dict[str, Any]) -> None:
    fields = data.get("fields", [])
    assert len(data.get("title", "")) <= 256 and len(data.get("description", "")) <= 4096
    assert len(data.get("footer", {}).get("text", "")) <= 2048 and len(fields) <= 25
    assert all(len(f["name"]) <= 256 and len(f["value"]) <= 1024 for f in fields)
    total = sum(len(data.get(k, "")) for k in ("title", "description")) + len(
        data.get("footer", {}).get("text", "")) + sum(len(f["name"]) + len(f["value"])
                                                       for f in fields)
    assert total <= 6000


def test_huge_alert_fits_and_keeps_its_structure() -> None:
    huge = dataclasses.replace(ALERT, title="T" * 5000, evidence="E" * 9000,
                               outlet="O" * 3000, rule="R" * 3000, company="C" * 400)
    embed = alert_embed(huge, other_sources=["S" * 2000] * 3)
    data = embed.to_dict()
    _within_limits(data)
    assert [f["name"] for f in data["fields"]] == ["Outlet", "Date", "Other sources"]
    assert data["title"].endswith("…") and data["description"].endswith("…")
    assert data["fields"][2]["value"].endswith("… and 2 more")


def test_fit_trims_description_then_drops_trailing_fields() -> None:
    import discord  # after bot.discord_chat, which silences discord.py's audioop warning

    embed = discord.Embed(title="t", description="d" * 4096)
    for i in range(30):
        embed.add_field(name=f"f{i}", value="v" * 1024)
    data = fit(embed).to_dict()
    _within_limits(data)
    assert len(data["description"]) == 200  # text goes first, down to a readable minimum
    assert [f["name"] for f in data["fields"]] == [f"f{i}" for i in range(len(data["fields"]))]


def test_long_reply_says_how_many_items_were_left_out() -> None:
    items = tuple(ReplyItem(title=f"Company {i}", detail="x" * 300, url=f"https://e.x/{i}")
                  for i in range(100))
    data = reply_embed(Reply(heading="h" * 300, items=items)).to_dict()
    _within_limits(data)
    assert data["title"] == "h" * 255 + "…"
    assert data["description"].endswith(f"… and {100 - data['description'].count('**[')} more")


def test_left_alert_is_red_and_undated() -> None:
    data = alert_embed(ALERT).to_dict()
    assert data["description"] == "**Acme left OpenStack**\n> Acme left."
    assert data["fields"][1]["value"] == "unknown" and "timestamp" not in data
    assert "url" not in data


@pytest.mark.parametrize("text, expected", [
    ("@everyone and @here", "@\u200beveryone and @\u200bhere"),
    ("<@123> <@!456> <@&789> <#1>", "<@\u200b123> <@\u200b!456> <@\u200b&789> <#\u200b1>"),
    ("**bold** _it_ `code` ~~s~~ ||spoiler||",
     "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\|\\|spoiler\\|\\|"),
    ("# Heading\n> quote", "\\# Heading\n\\> quote"),
    ("zero\u200bwidth @\u200beveryone", "zerowidth @\u200beveryone"),  # ZWSP cannot hide it
    ("right\u202eto-left", "rightto-left"),
])
def test_clean_neutralises_mentions_markdown_and_controls(text: str, expected: str) -> None:
    assert clean(text) == expected


def test_clip_never_leaves_a_dangling_escape() -> None:
    assert clip("abc", 3) == "abc"
    assert clip("abcdef", 4) == "abc…"
    assert clip("ab\\*cd", 4) == "ab…"


def test_join_lines_keeps_whole_lines() -> None:
    assert join_lines(["a", "b", "c"], 10) == "a\nb\nc"
    assert join_lines(["a" * 8, "b" * 8, "c" * 8], 22) == "a" * 8 + "\n… and 2 more"
    assert join_lines(["x" * 50, "y"], 20) == "x" * 6 + "…\n… and 1 more"


@pytest.mark.parametrize("url, expected", [
    ("https://news.example/a_(b)", "https://news.example/a_%28b%29"),
    ("http://x.example", "http://x.example"),
    ("javascript:alert(1)", None),
    ("https://x.example/a b", None),
    ("ftp://x.example", None),
    ("https://" + "x" * 3000, None),
    (None, None),
])
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_published_date_is_utc() -> None:
    local = datetime(2026, 5, 31, 23, 30, tzinfo=timezone(timedelta(hours=-3)))
    data = alert_embed(dataclasses.replace(ALERT, published_at=local)).to_dict()
    assert data["fields"][1]["value"] == "2026-06-01"
    naive = alert_embed(dataclasses.replace(ALERT, published_at=datetime(2026, 1, 2, 3)))
    assert naive.timestamp == datetime(2026, 1, 2, 3, tzinfo=UTC)


def test_other_sources_come_from_the_alert() -> None:
    alert = dataclasses.replace(ALERT, other_sources=("The Wire: Acme quits", "@everyone"))
    fields = {f["name"]: f["value"] for f in alert_embed(alert).to_dict().get("fields", [])}
    assert "The Wire: Acme quits" in fields["Other sources"]
    assert "@everyone" not in fields["Other sources"].replace("@\u200beveryone", "")
    assert "Other sources" not in {f["name"] for f in alert_embed(ALERT).to_dict()["fields"]}
