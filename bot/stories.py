"""Stories: one row per feed entry, stored once, however often the feed repeats it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, and_, exists, select

from bot.storage.dialect import insert_ignoring_conflicts
from bot.storage.schema import feeds, stories
from watchers.model import Entry, predates


@dataclass(frozen=True)
class StoryRow:
    id: int
    feed_id: int
    entry_key: str
    url: str | None
    title: str
    outlet: str
    published_at: datetime | None
    text: str | None


@dataclass(frozen=True)
class EntryBatch:
    """One feed's entries to store, as one item of `store_many`."""

    feed_id: int
    outlet: str
    entries: Sequence[Entry]
    now: datetime
    backlog_before: datetime | None = None


def store_entries(engine: Engine, feed_id: int, outlet: str, entries: Sequence[Entry], *,
                  now: datetime, backlog_before: datetime | None) -> list[StoryRow]:
    """Insert entries not seen before; return the new ones that should be classified.

    `backlog_before` is set on a feed's first poll: entries published before it
    (or undated) are recorded as backlog so they are never alerted, but also
    never reported as new again. A backlog row keeps no text: text is only
    read to classify, and a backlog story never is.
    """
    [new] = store_many(engine, [EntryBatch(feed_id, outlet, entries, now, backlog_before)])
    return new


def store_many(engine: Engine, batches: Sequence[EntryBatch]) -> list[list[StoryRow]]:
    """`store_entries` for several feeds in one transaction; one list of new stories each.

    Backlog rows go in with a plain executemany: only new rows need their ids back.
    """
    rows = [_rows(batch) for batch in batches]
    backlog = [row for feed_rows in rows for row in feed_rows if row["status"] == "backlog"]
    fresh = [row for feed_rows in rows for row in feed_rows if row["status"] == "new"]
    inserted: Sequence[Any] = ()
    with engine.begin() as conn:
        stmt = insert_ignoring_conflicts(conn, stories, ["feed_id", "entry_key"])
        if backlog:
            conn.execute(stmt, backlog)
        if fresh:
            inserted = conn.execute(stmt.returning(
                stories.c.id, stories.c.feed_id, stories.c.entry_key), fresh).all()
    new_ids = {(row.feed_id, row.entry_key): row.id for row in inserted}
    return [[_story(new_ids[(r["feed_id"], r["entry_key"])], r) for r in feed_rows
             if r["status"] == "new" and (r["feed_id"], r["entry_key"]) in new_ids]
            for feed_rows in rows]


def _rows(batch: EntryBatch) -> list[dict[str, Any]]:
    rows = []
    cutoff = batch.backlog_before
    for entry in _unique_keys(batch.entries):
        backlog = cutoff is not None and predates(entry.published, cutoff)
        rows.append({
            "feed_id": batch.feed_id, "entry_key": entry.key[:600], "url": entry.url,
            "title": entry.title, "outlet": batch.outlet, "published_at": entry.published,
            "fetched_at": batch.now, "status": "backlog" if backlog else "new",
            "text": None if backlog else entry.summary,
        })
    return rows


def unclassified(engine: Engine, *, now: datetime, limit: int = 500) -> list[StoryRow]:
    """Stories stored but not yet classified (a crash between the two steps).

    A story whose feed is still leased is being classified by the process
    holding the lease right now; it is left alone until that lease ends.
    """
    polling = and_(feeds.c.id == stories.c.feed_id, feeds.c.lease_until.is_not(None),
                   feeds.c.lease_until >= now)
    with engine.connect() as conn:
        result = conn.execute(select(stories).where(stories.c.status == "new",
                                                    ~exists().where(polling))
                              .order_by(stories.c.id).limit(limit))
        return [_story(row.id, row._mapping) for row in result]


def set_text(engine: Engine, story_id: int, text: str) -> None:
    with engine.begin() as conn:
        conn.execute(stories.update().where(stories.c.id == story_id).values(text=text))


def _unique_keys(entries: Sequence[Entry]) -> list[Entry]:
    seen: set[str] = set()
    out = []
    for entry in entries:
        if entry.key not in seen:
            seen.add(entry.key)
            out.append(entry)
    return out


def _story(story_id: int, m: Mapping[Any, Any]) -> StoryRow:
    return StoryRow(id=story_id, feed_id=m["feed_id"], entry_key=m["entry_key"],
                    url=m["url"], title=m["title"], outlet=m["outlet"],
                    published_at=m["published_at"], text=m["text"])
