"""Put stories and events into a real database through the production functions."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine

from bot import feedstate, ledger, stories
from classifiers.model import Event, Verdict
from watchers.model import Entry


def add_story(engine: Engine, key: str, events: list[tuple[str, str]], *, when: datetime,
              destinations: tuple[str, ...] = ("chat",), title: str | None = None,
              feed_url: str = "http://127.0.0.1/feed") -> list[ledger.LedgerChange]:
    """Store one story from `feed_url` and record a verdict with these (company, action)s."""
    feedstate.sync_feeds(engine, [feedstate.FeedSpec(feed_url, "Outlet", "feed", 600)], when)
    feed_id = feedstate.feed_ids(engine)[feed_url]
    entry = Entry(key=key, title=title or f"Story {key}", url=f"http://127.0.0.1/{key}",
                  summary="", published=when)
    [story] = stories.store_entries(engine, feed_id, "Outlet", [entry], now=when,
                                    backlog_before=None)
    verdict = Verdict(flagged=bool(events), events=tuple(
        Event(company=c, action=a, evidence=f"{c} {a} the OpenStack Foundation today.",  # type: ignore[arg-type]
              rule="test", confidence=0.9) for c, a in events))
    return ledger.record_verdict(engine, story, verdict, destinations=destinations,
                                 merge_window=timedelta(days=30), now=when)
