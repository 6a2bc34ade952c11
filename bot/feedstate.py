"""What is due and how each feed is doing: the feed rows are the scheduler's state.

The scheduler job holds no logic: it asks `claim_due_feeds` for work. A claim
is a lease (`claimed_by`, `lease_until`) taken with `FOR UPDATE SKIP LOCKED` on
PostgreSQL (SQLite's `BEGIN IMMEDIATE` already serialises writers), so several
processes can share one database without polling a feed twice.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Row, and_, bindparam, or_, select, update

from bot.storage.dialect import serialise
from bot.storage.schema import feeds

MAX_BACKOFF = timedelta(hours=6)


@dataclass(frozen=True)
class FeedSpec:
    """A feed as the config declares it."""

    url: str
    name: str
    kind: str
    interval_seconds: int
    enabled: bool = True


@dataclass(frozen=True)
class FeedRow:
    id: int
    url: str
    name: str
    kind: str
    interval_seconds: int
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    last_success_at: datetime | None
    error_count: int
    lease_until: datetime | None = None

    @property
    def first_poll(self) -> bool:
        return self.last_success_at is None


def sync_feeds(engine: Engine, specs: Sequence[FeedSpec], now: datetime) -> None:
    """Make the feeds table match the config: add new feeds, update changed ones.

    Feeds removed from the config keep their rows (stories point at them) but
    are marked `in_config = false` and no longer polled.
    """
    wanted = {spec.url: spec for spec in specs}
    with engine.begin() as conn:
        serialise(conn, "sync_feeds")  # processes starting together must not insert twice
        existing = {row.url: row for row in conn.execute(select(feeds))}
        added = []
        for url, spec in wanted.items():
            values: dict[str, Any] = {"name": spec.name, "kind": spec.kind, "in_config": True,
                                      "interval_seconds": spec.interval_seconds}
            row = existing.get(url)
            if row is None:
                added.append({"url": url, "enabled": spec.enabled, "next_check_at": now,
                              "error_count": 0, "items_seen": 0, **values})
                continue
            if not spec.enabled:
                values["enabled"] = False
            elif not row.enabled and row.disabled_reason is None:
                values["enabled"] = True  # re-enabled in the config by an admin
            if any(getattr(row, key) != value for key, value in values.items()):
                conn.execute(feeds.update().where(feeds.c.id == row.id).values(**values))
        if added:
            conn.execute(feeds.insert(), added)
        gone = [row.id for url, row in existing.items() if url not in wanted and row.in_config]
        if gone:
            conn.execute(feeds.update().where(feeds.c.id.in_(gone)).values(in_config=False))


def claim_due_feeds(engine: Engine, *, now: datetime, worker: str, limit: int,
                    lease: timedelta) -> list[FeedRow]:
    """Lease up to `limit` due feeds to `worker`, oldest due first."""
    due = and_(
        feeds.c.enabled.is_(True), feeds.c.in_config.is_(True), feeds.c.next_check_at <= now,
        or_(feeds.c.lease_until.is_(None), feeds.c.lease_until < now),
    )
    with engine.begin() as conn:
        ids = conn.execute(
            select(feeds.c.id).where(due).order_by(feeds.c.next_check_at).limit(limit)
            .with_for_update(skip_locked=True)
        ).scalars().all()
        if not ids:
            return []
        conn.execute(feeds.update().where(feeds.c.id.in_(ids)).values(
            claimed_by=worker, lease_until=now + lease))
        rows = conn.execute(select(feeds).where(feeds.c.id.in_(ids))
                            .order_by(feeds.c.next_check_at)).all()
    return [_feed_row(row) for row in rows]


def next_check(now: datetime, interval_seconds: int, *, jitter: float = 0.1,
               max_age: float | None = None, rng: random.Random | None = None) -> datetime:
    """When to poll again: the interval, spread by ±jitter, never before max-age."""
    spread = (rng or random).uniform(-jitter, jitter) if jitter else 0.0
    seconds = interval_seconds * (1 + spread)
    if max_age is not None:
        seconds = max(seconds, max_age)
    return now + timedelta(seconds=seconds)


def backoff_delay(error_count: int, interval_seconds: int,
                  retry_after: float | None = None) -> timedelta:
    """Exponential backoff from the feed's own interval, capped, floored by Retry-After."""
    base = min(interval_seconds, 300)
    delay = timedelta(seconds=base * (1 << min(max(error_count - 1, 0), 12)))
    delay = min(delay, max(MAX_BACKOFF, timedelta(seconds=interval_seconds)))
    if retry_after is not None:
        delay = max(delay, timedelta(seconds=retry_after))
    return delay


@dataclass(frozen=True)
class Success:
    """A poll that worked (a 304 included): the feed's new validators and next check."""

    feed_id: int
    now: datetime
    next_at: datetime
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    new_items: int = 0


def record_success(engine: Engine, feed_id: int, *, now: datetime, next_at: datetime,
                   etag: str | None, last_modified: str | None, content_hash: str | None,
                   new_items: int) -> None:
    record_successes(engine, [Success(feed_id, now, next_at, etag, last_modified,
                                      content_hash, new_items)])


def record_successes(engine: Engine, polls: Sequence[Success]) -> list[None]:
    """Store several successful polls in one transaction (one statement, many rows)."""
    if not polls:
        return []
    stmt = feeds.update().where(feeds.c.id == bindparam("b_id")).values(
        etag=bindparam("b_etag"), last_modified=bindparam("b_lm"),
        content_hash=bindparam("b_hash"), last_checked_at=bindparam("b_now"),
        last_success_at=bindparam("b_now"), next_check_at=bindparam("b_next"),
        error_count=0, last_error=None, items_seen=feeds.c.items_seen + bindparam("b_new"),
        claimed_by=None, lease_until=None)
    with engine.begin() as conn:
        conn.execute(stmt, [{"b_id": p.feed_id, "b_etag": p.etag, "b_lm": p.last_modified,
                             "b_hash": p.content_hash, "b_now": p.now, "b_next": p.next_at,
                             "b_new": p.new_items} for p in polls])
    return [None] * len(polls)


#: Called in the transaction that disables a feed: (connection, failures in a row, last error).
DisableHook = Callable[[Connection, int, str], None]


def record_failure(engine: Engine, feed: FeedRow, error: str, *, now: datetime,
                   retry_after: float | None, max_failures: int,
                   on_disable: DisableHook | None = None) -> bool:
    """Store the failure and schedule a retry; return True when the feed got disabled.

    `on_disable` runs in the same transaction, so what it records (an admin
    notice) commits with the change or not at all.
    """
    count = feed.error_count + 1
    disable = count >= max_failures
    values: dict[str, object] = {
        "error_count": count, "last_error": error[:2000], "last_checked_at": now,
        "next_check_at": now + backoff_delay(count, feed.interval_seconds, retry_after),
        "claimed_by": None, "lease_until": None,
    }
    if disable:
        values |= {"enabled": False,
                   "disabled_reason": f"{count} consecutive failures; last: {error[:300]}"}
    with engine.begin() as conn:
        conn.execute(feeds.update().where(feeds.c.id == feed.id).values(**values))
        if disable and on_disable is not None:
            on_disable(conn, count, error)
    return disable


def set_enabled(engine: Engine, url: str, enabled: bool, *, now: datetime) -> bool:
    """Pause or resume a feed by URL (admin action); False when no such feed."""
    values: dict[str, object] = {"enabled": enabled, "disabled_reason": None}
    if enabled:
        values |= {"error_count": 0, "next_check_at": now}
    with engine.begin() as conn:
        result = conn.execute(feeds.update().where(feeds.c.url == url).values(**values))
    return bool(result.rowcount)


def feed_by_id(engine: Engine, feed_id: int) -> FeedRow | None:
    with engine.connect() as conn:
        row = conn.execute(select(feeds).where(feeds.c.id == feed_id)).first()
    return _feed_row(row) if row is not None else None


def feed_ids(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {row.url: row.id for row in conn.execute(select(feeds.c.url, feeds.c.id))}


def release_claims(engine: Engine, worker: str | None) -> None:
    """Give back every lease this worker holds (graceful shutdown), or every lease at all
    (None: a process alone on the database clearing what dead processes held)."""
    held = feeds.c.claimed_by.is_not(None) if worker is None else feeds.c.claimed_by == worker
    with engine.begin() as conn:
        conn.execute(update(feeds).where(held).values(claimed_by=None, lease_until=None))


def _feed_row(row: Row[Any]) -> FeedRow:
    m = row._mapping
    return FeedRow(id=m["id"], url=m["url"], name=m["name"], kind=m["kind"],
                   interval_seconds=m["interval_seconds"], etag=m["etag"],
                   last_modified=m["last_modified"], content_hash=m["content_hash"],
                   last_success_at=m["last_success_at"], error_count=m["error_count"],
                   lease_until=m["lease_until"])
