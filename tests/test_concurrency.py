"""Races between processes that share one PostgreSQL, played out on real connections."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select

from bot import feedstate, ledger, stories
from bot.storage import open_database
from bot.storage.schema import events, feeds
from classifiers.model import Event, Verdict
from watchers.model import Entry

pytestmark = pytest.mark.postgres

T0 = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
CISCO = Event(company="Cisco", action="joined", evidence="Cisco joined OpenStack.", rule="r",
              confidence=0.9)


@pytest.fixture
def engine(pg_url: str) -> Iterator[Engine]:
    db = open_database(pg_url)
    yield db.engine
    db.dispose()


def two_stories(engine: Engine) -> list[stories.StoryRow]:
    specs = [feedstate.FeedSpec(f"http://127.0.0.1/{name}", name, "feed", 600)
             for name in ("a", "b")]
    feedstate.sync_feeds(engine, specs, T0)
    ids = feedstate.feed_ids(engine)
    return [stories.store_entries(engine, ids[spec.url], spec.name, [Entry(
        key="k", title="Cisco joins", url=f"{spec.url}/k", summary="", published=T0)],
        now=T0, backlog_before=None)[0] for spec in specs]


def test_two_outlets_reporting_one_company_at_once_make_one_event(engine: Engine) -> None:
    """Without a lock, neither transaction sees the other's new event and both alert."""
    first, second = two_stories(engine)
    holder = engine.connect()
    holder.begin()
    ledger.lock_companies(holder, ["Cisco Inc."])  # what record_verdicts does first
    ledger._merge(holder, first, CISCO, T0, timedelta(days=30), T0)  # not committed yet
    changes: list[ledger.LedgerChange] = []
    other = threading.Thread(target=lambda: changes.extend(ledger.record_verdict(
        engine, second, Verdict(flagged=True, events=(CISCO,)), destinations=("chat",),
        merge_window=timedelta(days=30), now=T0)))
    other.start()
    other.join(0.5)
    assert other.is_alive()  # waits for the first report of Cisco to commit
    holder.commit()
    holder.close()
    other.join(10)
    [change] = changes
    assert not change.is_new_event  # a follow-up of the first report, not a second alert
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(events)).scalar_one() == 1


def test_processes_starting_together_add_each_feed_once(engine: Engine) -> None:
    specs = [feedstate.FeedSpec(f"http://127.0.0.1/f{i}", "", "feed", 600) for i in range(200)]
    errors: list[BaseException] = []

    def sync() -> None:
        try:
            feedstate.sync_feeds(engine, specs, T0)
        except BaseException as err:  # collected and asserted below
            errors.append(err)

    threads = [threading.Thread(target=sync) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(feeds)).scalar_one() == 200
