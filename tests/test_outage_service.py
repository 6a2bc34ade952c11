"""A Slack outage under the running service: 500s and 429s, dead rows, the admin told,
`stackwatch deliveries retry --dead`, and in the end every alert posted exactly once."""

from __future__ import annotations

import asyncio
import re
import signal
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.storage import open_database
from bot.storage.schema import deliveries, notices
from tests import servicehelpers as sh
from tests.fakediscord import FakeDiscord
from tests.fakeslack import Failure, FakeSlack
from tests.feedserver import FeedServer

COMPANIES = ["Quarrytech", "Nimbusnet", "Brackdata", "Veltosoft", "Orrinworks", "Tamsknet"]
RATE_LIMIT_WAIT = 1.0


def config_text(db: Path, slack: FakeSlack, discord: FakeDiscord, news: str,
                broken: str) -> str:
    return (f"[storage]\nurl = 'sqlite:///{db}'\n"
            "[watch]\nallow_private_networks = true\ntick_seconds = 1\n"
            "max_consecutive_failures = 1\n"
            "[delivery]\nmax_attempts = 2\nbase_backoff_seconds = 0.3\nlease_seconds = 8\n"
            "interval_seconds = 0.3\nadmin_destination = 'discord-ops'\n"
            + sh.chat_config(slack, discord)
            + f"[[feeds]]\nurl = '{news}'\nfetch_articles = false\n"
              "destinations = ['slack-news']\n"
            + f"[[feeds]]\nurl = '{broken}'\nname = 'Broken wire'\n")


def statuses(db: Path) -> dict[int, str]:
    database = open_database(f"sqlite:///{db}")
    try:
        with database.engine.connect() as conn:
            return dict(conn.execute(select(deliveries.c.id, deliveries.c.status)).all())
    finally:
        database.dispose()


def notice_kinds(db: Path) -> list[tuple[str, str]]:
    database = open_database(f"sqlite:///{db}")
    try:
        with database.engine.connect() as conn:
            return [(r.kind, r.status) for r in conn.execute(select(notices))]
    finally:
        database.dispose()


@pytest.mark.timeout(90)
async def test_outage_dead_rows_admin_notice_and_requeue_deliver_each_alert_once(
        tmp_path: Path) -> None:
    db, config, log = tmp_path / "sw.db", tmp_path / "sw.toml", tmp_path / "service.log"
    async with FeedServer() as server, FakeSlack() as slack:
        discord = await FakeDiscord().start()
        try:
            news = server.serve("/wire.xml", sh.rss("Wire", [
                (f"s{i}", *(sh.join_story(c) if i % 2 else sh.leave_story(c)))
                for i, c in enumerate(COMPANIES)]))
            config.write_text(config_text(db, slack, discord, news, server.url("/status/500")))
            slack.outage(Failure(500, "internal_error"),
                         Failure(429, "ratelimited", retry_after=str(int(RATE_LIMIT_WAIT))))
            proc = await sh.start(config, log)
            try:
                await sh.wait_until(lambda: "dead" in statuses(db).values(), 40,
                                    "a delivery to die during the outage")
                answered = [c.status for c in slack.calls_to("chat.postMessage")]
                slack.recover()
                assert {500, 429} <= set(answered) and slack.posted(sh.SLACK_CHANNEL) == []

                await sh.wait_until(lambda: "pending" not in statuses(db).values(), 30,
                                    "the queue to drain after the outage")
                dead = sorted(i for i, s in statuses(db).items() if s == "dead")
                code, listing = await sh.stackwatch("deliveries", "--dead", "--config",
                                                    str(config))
                assert code == 0, listing
                listed = [int(m) for m in re.findall(r"^\W*(\d+)\W+dead\W", listing, re.M)]
                assert listed == dead, listing

                def admin_notices() -> list[str]:
                    return [m["embeds"][0]["title"] + "\n" + m["embeds"][0].get("description", "")
                            for m in discord.messages
                            if m["channel_id"] == str(sh.DISCORD_ADMIN_CHANNEL)]

                await sh.wait_until(lambda: len(admin_notices()) >= len(dead) + 1, 20,
                                    "the admin notices")
                told = "\n".join(admin_notices())
                for delivery_id in dead:
                    assert f"Delivery {delivery_id} is dead" in told
                    assert f"stackwatch deliveries retry {delivery_id}" in told
                assert "Feed disabled after 1 failed polls in a row: Broken wire" in told
                assert Counter(kind for kind, _ in notice_kinds(db)) == {
                    "delivery_dead": len(dead), "feed_disabled": 1}

                code, out = await sh.stackwatch("deliveries", "retry", "--dead", "--config",
                                                str(config))
                assert code == 0 and f"{len(dead)} deliveries requeued" in out, out
                await sh.wait_until(
                    lambda: len(slack.posted(sh.SLACK_CHANNEL)) >= len(COMPANIES), 20,
                    "the requeued alerts")
                await asyncio.sleep(0.5)  # room for a duplicate to show up
                proc.send_signal(signal.SIGTERM)
                assert await asyncio.wait_for(proc.wait(), 20) == 0
            finally:
                await sh.stop(proc)
        finally:
            await discord.stop()

    posted = slack.posted(sh.SLACK_CHANNEL)
    keys = [sh.slack_key(m) for m in posted]
    assert len(keys) == len(set(keys)) == len(COMPANIES)
    assert Counter(m["text"] for m in posted) == Counter(
        f"{c} {'joined' if i % 2 else 'left'} OpenStack" for i, c in enumerate(COMPANIES))
    assert set(statuses(db).values()) == {"sent"}
    assert [k for k, s in notice_kinds(db) if s != "sent"] == []
    calls = slack.calls_to("chat.postMessage")
    for limited, following in pairwise(calls):
        if limited.status == 429:  # Retry-After is honoured before the next try
            assert following.at - limited.at >= RATE_LIMIT_WAIT - 0.05
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]
