"""bot.batching and the batched storage writes it drives, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select

from bot import feedstate, ledger, stories
from bot.batching import Batcher
from bot.storage.schema import feeds
from bot.storage.schema import stories as stories_table
from classifiers.model import Event, Verdict
from watchers.model import Entry

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


async def test_items_submitted_together_share_one_call() -> None:
    calls: list[list[int]] = []

    def square_all(items: Sequence[int]) -> list[int]:
        calls.append(list(items))
        return [i * i for i in items]

    batcher: Batcher[int, int] = Batcher(square_all, max_items=4, linger=0.01)
    assert await asyncio.gather(*(batcher.submit(i) for i in range(6))) == [
        i * i for i in range(6)]
    assert calls == [[0, 1, 2, 3], [4, 5]]
    assert await batcher.submit(7) == 49 and calls[-1] == [7]


async def test_a_failing_item_fails_only_its_own_caller() -> None:
    threads: set[str] = set()

    def checked(items: Sequence[int]) -> list[int]:
        threads.add(threading.current_thread().name)
        if 13 in items:
            raise ValueError("13 is unlucky")
        return list(items)

    batcher: Batcher[int, int] = Batcher(checked, linger=0.01)
    results = await asyncio.gather(*(batcher.submit(i) for i in (11, 12, 13, 14)),
                                   return_exceptions=True)
    assert results[:2] == [11, 12] and results[3] == 14
    assert isinstance(results[2], ValueError)
    assert threading.current_thread().name not in threads  # never on the event loop


def test_batched_writes_keep_each_feed_apart(engine: Engine) -> None:
    specs = [feedstate.FeedSpec(f"http://127.0.0.1/{n}", n, "feed", 600) for n in "abc"]
    feedstate.sync_feeds(engine, specs, T0)
    ids = feedstate.feed_ids(engine)
    a, b, c = (ids[s.url] for s in specs)

    def entry(key: str, days_old: int) -> Entry:
        return Entry(key=key, title=f"T {key}", url=None, summary=f"text {key}",
                     published=T0 - timedelta(days=days_old))

    same = [entry("k1", 0), entry("k2", 9)]  # same keys in two feeds are two stories
    new = stories.store_many(engine, [
        stories.EntryBatch(a, "A", same, T0, backlog_before=T0 - timedelta(days=3)),
        stories.EntryBatch(b, "B", same, T0),
        stories.EntryBatch(c, "C", [], T0),
    ])
    assert [[(s.feed_id, s.entry_key, s.text) for s in feed] for feed in new] == [
        [(a, "k1", "text k1")], [(b, "k1", "text k1"), (b, "k2", "text k2")], []]
    again = stories.store_many(engine, [stories.EntryBatch(b, "B", [*same, entry("k3", 0)], T0)])
    assert [s.entry_key for s in again[0]] == ["k3"]

    feedstate.record_successes(engine, [
        feedstate.Success(a, T0, T0 + timedelta(hours=1), '"e-a"', None, "h-a", 1),
        feedstate.Success(b, T0, T0 + timedelta(hours=2), None, "Mon, 01 Jan 2024", None, 3),
    ])
    with engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(select(feeds))}
    assert (rows[a].etag, rows[a].content_hash, rows[a].items_seen) == ('"e-a"', "h-a", 1)
    assert rows[b].next_check_at == T0 + timedelta(hours=2) and rows[b].items_seen == 3
    assert rows[c].last_success_at is None

    verdict = Verdict(flagged=True, events=(Event(
        company="Acme", action="joined", evidence="Acme joined OpenStack.", rule="r",
        confidence=0.9),))  # type: ignore[arg-type]
    changes = ledger.record_verdicts(engine, [
        ledger.VerdictJob(new[1][0], verdict, ("chat",), text="the article's text"),
        ledger.VerdictJob(new[1][1], Verdict(flagged=False, events=()), ("chat",)),
    ], merge_window=timedelta(days=30), now=T0)
    assert [len(c) for c in changes] == [1, 0] and changes[0][0].is_new_event
    assert [(s.feed_id, s.entry_key) for s in stories.unclassified(engine, now=T0)] == [
        (a, "k1"), (b, "k3")]
    with engine.connect() as conn:
        text = conn.execute(select(stories_table.c.text).where(
            stories_table.c.id == new[1][0].id)).scalar_one()
        backlog = conn.execute(select(stories_table.c.status, stories_table.c.text).where(
            stories_table.c.feed_id == a, stories_table.c.entry_key == "k2")).one()
    assert text == "the article's text"
    assert tuple(backlog) == ("backlog", None)  # stored, never classified, so no text
