"""`kill -9` at random moments while alerts flow: nothing lost, nothing twice, order kept.

The real service runs as a subprocess against the feed server, the fake Slack
and the fake Discord, all in this test process so they survive every kill. Each
round adds a feed with new join/leave stories (and sometimes a second outlet's
report of an earlier event), starts the service on the same SQLite file and
kills it with SIGKILL: mostly a moment after it was seen delivering, sometimes
at a random point of its start-up or sweep. Both fakes answer every post a
little late, so many kills land after a message was posted but before it was
marked sent: the window the in-flight checks exist for. A last run drains the
queue. The seed is printed; `STACKWATCH_CRASH_SEED=N` replays a run.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import time
from collections import Counter
from itertools import product
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.storage import open_database
from bot.storage.schema import deliveries
from tests import servicehelpers as sh
from tests.fakediscord import FakeDiscord
from tests.fakeslack import FakeSlack
from tests.feedserver import FeedServer

SEED = int(os.environ.get("STACKWATCH_CRASH_SEED") or random.SystemRandom().randrange(1 << 30))
KILLS = 20
STORIES_PER_ROUND = 3
COMPANIES = [a + b for a, b in product(
    ["Quarry", "Nimbus", "Brack", "Velto", "Orrin", "Tamsk", "Prell", "Haldor", "Kestra",
     "Lumo", "Zenth", "Corvo", "Dunmer", "Ferra", "Glim", "Istra"],
    ["tech", "net", "data", "soft", "works"])]


class Newsroom:
    """Feeds that appear round by round, and the alerts they must produce."""

    def __init__(self, server: FeedServer, rng: random.Random) -> None:
        self.server, self.rng = server, rng
        self.names = iter(rng.sample(COMPANIES, len(COMPANIES)))
        self.events: list[tuple[str, str]] = []  # (company, action), first reports
        self.follow_ups = 0
        self.feeds: list[str] = []

    def add_feed(self, number: int) -> None:
        items = []
        for _ in range(STORIES_PER_ROUND):
            company, action = next(self.names), self.rng.choice(["joined", "left"])
            items.append((f"r{number}-{company}", *self._story(company, action)))
            self.events.append((company, action))
        if number and self.rng.random() < 0.6:  # another outlet reports an earlier event
            company, action = self.rng.choice(self.events[:-STORIES_PER_ROUND])
            items.append((f"r{number}-again-{company}", *self._story(company, action)))
            self.follow_ups += 1
        self.rng.shuffle(items)
        url = self.server.serve(f"/wire{number}.xml", sh.rss(f"Wire {number}", items))
        self.feeds.append(f"[[feeds]]\nurl = '{url}'\nfetch_articles = false\n")

    @staticmethod
    def _story(company: str, action: str) -> tuple[str, str]:
        return sh.join_story(company) if action == "joined" else sh.leave_story(company)

    @property
    def messages_per_destination(self) -> int:
        return len(self.events) + self.follow_ups

    @property
    def headlines(self) -> Counter[str]:
        return Counter(f"{company} {action} OpenStack" for company, action in self.events)


def config_text(db: Path, slack: FakeSlack, discord: FakeDiscord, feeds: list[str]) -> str:
    return (f"[storage]\nurl = 'sqlite:///{db}'\n"
            "[watch]\nallow_private_networks = true\ntick_seconds = 1\nlease_seconds = 6\n"
            "timeout_seconds = 5\n"
            "[delivery]\nlease_seconds = 2\ninterval_seconds = 0.5\nbase_backoff_seconds = 0.2\n"
            + sh.chat_config(slack, discord) + "".join(feeds))


def rows_by_id(db: Path) -> dict[int, Any]:
    database = open_database(f"sqlite:///{db}")
    try:
        with database.engine.connect() as conn:
            return {r.id: r for r in conn.execute(select(deliveries))}
    finally:
        database.dispose()


def check_destination(name: str, keys: list[str], ids_of_messages: list[str],
                      headlines: list[str | None], rows: dict[int, Any],
                      room: Newsroom) -> None:
    """One destination's messages, in the order the fake received them."""
    assert len(keys) == len(set(keys)), f"{name}: posted twice: {Counter(keys).most_common(3)}"
    ids = [int(key.removeprefix("sw-")) for key in keys]
    assert ids == sorted(ids), f"{name}: out of queue order: {ids}"
    mine = {i: r for i, r in rows.items() if r.destination == name}
    assert set(ids) == set(mine), f"{name}: rows never posted: {set(mine) - set(ids)}"
    assert all(mine[i].status == "sent" and mine[i].message_id == m
               for i, m in zip(ids, ids_of_messages, strict=True))
    events = [mine[i].event_id for i in ids if mine[i].kind == "alert"]
    assert events == sorted(events), f"{name}: alerts out of event order"
    alerts = [h for i, h in zip(ids, headlines, strict=True) if mine[i].kind == "alert"]
    assert Counter(alerts) == room.headlines, f"{name}: wrong alerts"
    assert len(ids) - len(alerts) == room.follow_ups


@pytest.mark.timeout(150)
async def test_sigkill_while_alerts_flow_loses_and_repeats_nothing(tmp_path: Path) -> None:
    print(f"crash test seed {SEED} (replay: STACKWATCH_CRASH_SEED={SEED})")
    rng = random.Random(SEED)
    db, config, log = tmp_path / "sw.db", tmp_path / "sw.toml", tmp_path / "service.log"
    async with FeedServer() as server, FakeSlack() as slack:
        discord = await FakeDiscord().start()
        try:
            slack.post_delay = discord.post_delay = 0.05
            room = Newsroom(server, rng)

            def news() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
                return (slack.posted(sh.SLACK_CHANNEL),
                        [m for m in discord.messages
                         if m["channel_id"] == str(sh.DISCORD_CHANNEL)])

            def delivered() -> int:
                return sum(map(len, news()))

            moments, rounds = Counter[str](), list[str]()
            for number in range(KILLS):
                room.add_feed(number)
                config.write_text(config_text(db, slack, discord, room.feeds))
                before, started = delivered(), time.monotonic()
                proc = await sh.start(config, log)
                try:
                    if rng.random() < 0.25:
                        moments["anywhere"] += 1
                        await asyncio.sleep(rng.uniform(0.2, 2.0))
                    else:
                        moments["while sending"] += 1
                        await sh.wait_until(lambda b=before: delivered() > b, 30,
                                            f"round {number} to deliver")
                        await asyncio.sleep(rng.uniform(0, 0.3))
                    assert proc.returncode is None, log.read_text()[-3000:]
                    proc.send_signal(signal.SIGKILL)
                    await proc.wait()
                    rounds.append(f"{time.monotonic() - started:.1f}s/{delivered() - before}")
                finally:
                    await sh.stop(proc)

            proc = await sh.start(config, log)
            try:
                want = room.messages_per_destination
                await sh.wait_until(lambda: all(len(m) >= want for m in news()), 40,
                                    f"{want} messages in each channel")
                await asyncio.sleep(0.5)  # room for a late duplicate to show up
                # Everything may have been delivered before this process got going: stop
                # it only once it runs, or SIGTERM lands before its handlers exist.
                await sh.wait_registered(db, proc, 30)
                proc.send_signal(signal.SIGTERM)
                assert await asyncio.wait_for(proc.wait(), 20) == 0
            finally:
                await sh.stop(proc)

            slack_news, discord_news = news()
            rows = rows_by_id(db)
            check_destination("slack-news", [sh.slack_key(m) for m in slack_news],
                              [m["ts"] for m in slack_news],
                              [None if "thread_ts" in m else sh.slack_headline(m)
                               for m in slack_news], rows, room)
            check_destination("discord-news", [m["nonce"] for m in discord_news],
                              [m["id"] for m in discord_news],
                              [sh.discord_headline(m) for m in discord_news], rows, room)
            alert_ts = {m["ts"] for m in slack_news if "thread_ts" not in m}
            assert all(m["thread_ts"] in alert_ts for m in slack_news if "thread_ts" in m)
            alert_ids = {m["id"] for m in discord_news if "message_reference" not in m}
            assert all(str(m["message_reference"]["message_id"]) in alert_ids
                       for m in discord_news if "message_reference" in m)

            found_again = len(slack.calls_to("conversations.history")) + len(
                slack.calls_to("conversations.replies"))
            nonces = Counter(r.json["nonce"] for r in discord.posts("/messages")
                             if r.json and r.json.get("nonce", "").startswith("sw-"))
            resent = sum(n - 1 for n in nonces.values())
            print(f"{KILLS} kills ({dict(moments)}), {room.messages_per_destination} messages "
                  f"per channel; Slack look-ups after a crash: {found_again}; Discord posts "
                  f"deduplicated by nonce: {resent}; killed after (seconds/new messages): "
                  f"{' '.join(rounds)}")
            output = log.read_text()
            assert "Traceback" not in output, output[output.index("Traceback") - 2000:][:5000]
        finally:
            await discord.stop()
