"""The outbox: delivery rows are written with the event, claimed, sent, then marked.

Ordering: within one destination only the oldest unfinished row (the head) can
be claimed, so alerts go out in event order and a follow-up never precedes its
alert. A row stuck in "sending" (its process died mid-call) becomes claimable
again when its lease expires: it is re-sent at most once per expiry, and
platforms that support it deduplicate through the alert's idempotency key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Row, and_, func, or_, select

from bot.alerts import Alert
from bot.storage.schema import deliveries, event_sources, events, stories

PENDING, SENDING, SENT, DEAD = "pending", "sending", "sent", "dead"


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 8
    base_backoff: timedelta = timedelta(seconds=30)
    max_backoff: timedelta = timedelta(hours=1)

    def delay(self, attempts: int, retry_after: float | None) -> timedelta:
        delay = min(self.base_backoff * (1 << min(max(attempts - 1, 0), 20)), self.max_backoff)
        if retry_after is not None:
            delay = max(delay, timedelta(seconds=retry_after))
        return delay


def claim_heads(engine: Engine, *, now: datetime, worker: str, lease: timedelta,
                destinations: Sequence[str] | None = None) -> list[Alert]:
    """Claim the head row of every destination that is due; return them as alerts."""
    unfinished = deliveries.c.status.in_((PENDING, SENDING))
    heads = select(func.min(deliveries.c.id)).where(unfinished).group_by(deliveries.c.destination)
    if destinations is not None:
        heads = heads.where(deliveries.c.destination.in_(destinations))
    claimable = and_(
        deliveries.c.id.in_(heads),
        or_(and_(deliveries.c.status == PENDING, deliveries.c.next_attempt_at <= now),
            and_(deliveries.c.status == SENDING, deliveries.c.lease_until < now)),
    )
    with engine.begin() as conn:
        ids = conn.execute(select(deliveries.c.id).where(claimable)
                           .with_for_update(skip_locked=True)).scalars().all()
        if not ids:
            return []
        conn.execute(deliveries.update().where(deliveries.c.id.in_(ids)).values(
            status=SENDING, claimed_by=worker, lease_until=now + lease,
            attempts=deliveries.c.attempts + 1))
        rows = conn.execute(_alert_query().where(deliveries.c.id.in_(ids))
                            .order_by(deliveries.c.id)).all()
        sources = _sources_by_event(conn, {row.event_id for row in rows})
    return [_alert(row, sources) for row in rows]


def mark_sent(engine: Engine, delivery_id: int, message_id: str | None, *,
              now: datetime) -> None:
    with engine.begin() as conn:
        conn.execute(deliveries.update().where(deliveries.c.id == delivery_id).values(
            status=SENT, message_id=message_id, sent_at=now, last_error=None,
            claimed_by=None, lease_until=None))


def mark_failed(engine: Engine, delivery_id: int, error: str, *, now: datetime,
                policy: RetryPolicy, retry_after: float | None = None,
                permanent: bool = False) -> str:
    """Schedule a retry, or give up (dead) past the attempt limit; return the new status."""
    with engine.begin() as conn:
        attempts = conn.execute(select(deliveries.c.attempts)
                                .where(deliveries.c.id == delivery_id)).scalar_one()
        status = DEAD if permanent or attempts >= policy.max_attempts else PENDING
        conn.execute(deliveries.update().where(deliveries.c.id == delivery_id).values(
            status=status, last_error=error[:2000], claimed_by=None, lease_until=None,
            next_attempt_at=now + policy.delay(attempts, retry_after)))
    return status


def requeue(engine: Engine, *, now: datetime, ids: Sequence[int] = (),
            all_dead: bool = False) -> int:
    """Put dead (or failed) rows back in the queue; return how many were requeued."""
    where = deliveries.c.status == DEAD if all_dead else and_(
        deliveries.c.id.in_(ids), deliveries.c.status.in_((DEAD, PENDING)))
    with engine.begin() as conn:
        result = conn.execute(deliveries.update().where(where).values(
            status=PENDING, attempts=0, next_attempt_at=now))
    return int(result.rowcount)


def release_claims(engine: Engine, worker: str) -> None:
    """Graceful shutdown: rows this worker claimed but did not send become pending."""
    with engine.begin() as conn:
        conn.execute(deliveries.update().where(and_(
            deliveries.c.claimed_by == worker, deliveries.c.status == SENDING)).values(
            status=PENDING, claimed_by=None, lease_until=None,
            attempts=deliveries.c.attempts - 1))


def _alert_query() -> Any:
    first_alert = deliveries.alias("first_alert")
    thread_of = (select(first_alert.c.message_id).where(
        first_alert.c.event_id == deliveries.c.event_id,
        first_alert.c.destination == deliveries.c.destination,
        first_alert.c.kind == "alert").limit(1).scalar_subquery())
    return (select(deliveries.c.id, deliveries.c.kind, deliveries.c.destination,
                   deliveries.c.source_id,
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
                 other_sources=others)
