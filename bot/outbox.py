"""The outbox: one delivery row per (event, destination), written with the event.

Rows are claimed, sent and marked through `bot.sendqueue` (head-of-line order
per destination, leases, backoff, dead rows; see there). A row that goes dead
raises an admin notice in the same transaction, so the operator hears of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Row, select

from bot import notices, sendqueue
from bot.alerts import Alert
from bot.sendqueue import DEAD, PENDING, SENDING, SENT, RetryPolicy
from bot.storage.schema import deliveries, event_sources, events, stories

__all__ = ["DEAD", "PENDING", "SENDING", "SENT", "RetryPolicy", "claim_heads", "mark_failed",
           "mark_sent", "release_claims", "requeue"]


def claim_heads(engine: Engine, *, now: datetime, worker: str, lease: timedelta,
                destinations: Sequence[str] | None = None) -> list[Alert]:
    """Claim the head row of every destination that is due; return them as alerts."""
    with engine.begin() as conn:
        ids = sendqueue.claim_heads(conn, deliveries, now=now, worker=worker, lease=lease,
                                    destinations=destinations)
        if not ids:
            return []
        rows = conn.execute(_alert_query().where(deliveries.c.id.in_(ids))
                            .order_by(deliveries.c.id)).all()
        sources = _sources_by_event(conn, {row.event_id for row in rows})
    return [_alert(row, sources) for row in rows]


def mark_sent(engine: Engine, delivery_id: int, message_id: str | None, *,
              now: datetime) -> None:
    sendqueue.mark_sent(engine, deliveries, delivery_id, message_id, now=now)


def mark_failed(engine: Engine, delivery_id: int, error: str, *, now: datetime,
                policy: RetryPolicy, retry_after: float | None = None,
                permanent: bool = False, admin_destination: str | None = None) -> str:
    """Schedule a retry or give up; a row given up raises an admin notice (to
    `admin_destination`, or only logged without one). Return the new status."""
    with engine.begin() as conn:
        status, attempts = sendqueue.mark_failed(
            conn, deliveries, delivery_id, error, now=now, policy=policy,
            retry_after=retry_after, permanent=permanent)
        if status == DEAD:
            notices.delivery_dead(conn, delivery_id, error, attempts=attempts,
                                  destination=admin_destination, now=now)
    return status


def requeue(engine: Engine, *, now: datetime, ids: Sequence[int] = (),
            all_dead: bool = False) -> int:
    """Put dead (or failed) rows back in the queue; return how many were requeued."""
    return sendqueue.requeue(engine, deliveries, now=now, ids=ids, all_dead=all_dead)


def release_claims(engine: Engine, worker: str | None, *, now: datetime) -> None:
    sendqueue.release_claims(engine, deliveries, worker, now=now)


def _alert_query() -> Any:
    first_alert = deliveries.alias("first_alert")
    thread_of = (select(first_alert.c.message_id).where(
        first_alert.c.event_id == deliveries.c.event_id,
        first_alert.c.destination == deliveries.c.destination,
        first_alert.c.kind == "alert").limit(1).scalar_subquery())
    return (select(deliveries.c.id, deliveries.c.kind, deliveries.c.destination,
                   deliveries.c.source_id, deliveries.c.attempts, deliveries.c.created_at,
                   deliveries.c.event_id, events.c.company, events.c.action,
                   event_sources.c.evidence, event_sources.c.rule, event_sources.c.confidence,
                   stories.c.title, stories.c.url, stories.c.outlet, stories.c.published_at,
                   thread_of.label("thread_of"))
            .join(events, events.c.id == deliveries.c.event_id)
            .join(event_sources, event_sources.c.id == deliveries.c.source_id)
            .join(stories, stories.c.id == event_sources.c.story_id))


def _sources_by_event(conn: Connection, event_ids: set[int]) -> dict[int, list[tuple[int, str]]]:
    """(source id, "Outlet: title") of every report of these events, oldest first."""
    found: dict[int, list[tuple[int, str]]] = {}
    if not event_ids:
        return found
    query = (select(event_sources.c.event_id, event_sources.c.id, stories.c.outlet,
                    stories.c.title)
             .join(stories, stories.c.id == event_sources.c.story_id)
             .where(event_sources.c.event_id.in_(event_ids)).order_by(event_sources.c.id))
    for row in conn.execute(query):
        label = f"{row.outlet}: {row.title}" if row.title else row.outlet
        found.setdefault(row.event_id, []).append((row.id, label))
    return found


def _alert(row: Row[Any], sources: dict[int, list[tuple[int, str]]]) -> Alert:
    m = row._mapping
    others = tuple(label for source_id, label in sources.get(m["event_id"], [])
                   if source_id < m["source_id"])
    return Alert(delivery_id=m["id"], kind=m["kind"], destination=m["destination"],
                 event_id=m["event_id"], company=m["company"], action=m["action"],
                 evidence=m["evidence"], rule=m["rule"], confidence=m["confidence"],
                 title=m["title"], url=m["url"], outlet=m["outlet"],
                 published_at=m["published_at"], thread_of=m["thread_of"],
                 other_sources=others, queued_at=m["created_at"],
                 maybe_sent=sendqueue.maybe_sent(m["attempts"]))
