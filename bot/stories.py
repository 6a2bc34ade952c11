"""Stories: one row per feed entry, stored once, however often the feed repeats it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select

from bot.storage.dialect import insert_ignoring_conflicts
from bot.storage.schema import stories
from watchers.model import Entry


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


def store_entries(engine: Engine, feed_id: int, outlet: str, entries: Sequence[Entry], *,
                  now: datetime, backlog_before: datetime | None) -> list[StoryRow]:
    """Insert entries not seen before; return the new ones that should be classified.

    `backlog_before` is set on a feed's first poll: entries published before it
    (or undated) are recorded as backlog so they are never alerted, but also
    never reported as new again.
    """
    if not entries:
        return []
    rows = []
    for entry in _unique_keys(entries):
        backlog = backlog_before is not None and (
            entry.published is None or entry.published < backlog_before)
        rows.append({
            "feed_id": feed_id, "entry_key": entry.key[:600], "url": entry.url,
            "title": entry.title, "outlet": outlet, "published_at": entry.published,
            "fetched_at": now, "status": "backlog" if backlog else "new",
            "text": entry.summary,
        })
    with engine.begin() as conn:
        stmt = insert_ignoring_conflicts(conn, stories, ["feed_id", "entry_key"])
        inserted = conn.execute(
            stmt.returning(stories.c.id, stories.c.entry_key, stories.c.status), rows).all()
    new_keys = {row.entry_key: row.id for row in inserted if row.status == "new"}
    return [_story(new_keys[r["entry_key"]], r) for r in rows if r["entry_key"] in new_keys]


def unclassified(engine: Engine, limit: int = 500) -> list[StoryRow]:
    """Stories stored but not yet classified (a crash between the two steps)."""
    with engine.connect() as conn:
        result = conn.execute(select(stories).where(stories.c.status == "new")
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
