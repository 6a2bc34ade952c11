"""The send queue shared by alerts (`deliveries`) and admin notices (`notices`).

A row goes pending -> sending -> sent. A claim is a lease (`claimed_by`,
`lease_until`) on the oldest unfinished row of each destination (its head), so a
destination's messages go out in order and a follow-up never precedes its alert.
A failure puts the row back to pending with backoff, or makes it dead past the
attempt limit or when the platform says retrying cannot help.

At most once: a row left "sending" by a process that died mid-call becomes
claimable again when its lease expires, and any row claimed for a second time
comes back flagged `maybe_sent`: an earlier attempt may have reached the
platform, so the notifier checks (Slack: a metadata lookup) or lets the platform
deduplicate (Discord: the nonce) before it posts again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, Table, and_, func, or_, select

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


def maybe_sent(attempts: int) -> bool:
    """True for a row claimed before (`attempts` counts this claim too)."""
    return attempts > 1


def claim_heads(conn: Connection, table: Table, *, now: datetime, worker: str,
                lease: timedelta, destinations: Sequence[str] | None = None) -> list[int]:
    """Lease the due head row of every destination to `worker`; return their ids.

    Runs in the caller's transaction, which then reads the rows it needs.
    """
    c = table.c
    heads = (select(func.min(c.id)).where(c.status.in_((PENDING, SENDING)))
             .group_by(c.destination))
    if destinations is not None:
        heads = heads.where(c.destination.in_(destinations))
    claimable = and_(
        c.id.in_(heads),
        or_(and_(c.status == PENDING, c.next_attempt_at <= now),
            and_(c.status == SENDING, c.lease_until < now)),
    )
    ids = list(conn.execute(select(c.id).where(claimable).order_by(c.id)
                            .with_for_update(skip_locked=True)).scalars())
    if ids:
        conn.execute(table.update().where(c.id.in_(ids)).values(
            status=SENDING, claimed_by=worker, lease_until=now + lease,
            attempts=c.attempts + 1))
    return ids


def mark_sent(engine: Engine, table: Table, row_id: int, message_id: str | None, *,
              now: datetime) -> None:
    with engine.begin() as conn:
        conn.execute(table.update().where(table.c.id == row_id).values(
            status=SENT, message_id=message_id, sent_at=now, last_error=None,
            claimed_by=None, lease_until=None))


def mark_failed(conn: Connection, table: Table, row_id: int, error: str, *, now: datetime,
                policy: RetryPolicy, retry_after: float | None = None,
                permanent: bool = False) -> tuple[str, int]:
    """Schedule a retry, or give up (dead); return the new status and the attempts made.

    A platform's `retry_after` holds the whole destination, not just this row:
    the next row must not be tried before it either, even if this one is dead.
    """
    c = table.c
    row = conn.execute(select(c.attempts, c.destination).where(c.id == row_id)).one()
    status = DEAD if permanent or row.attempts >= policy.max_attempts else PENDING
    conn.execute(table.update().where(c.id == row_id).values(
        status=status, last_error=error[:2000], claimed_by=None, lease_until=None,
        next_attempt_at=now + policy.delay(row.attempts, retry_after)))
    if retry_after is not None:
        until = now + timedelta(seconds=retry_after)
        conn.execute(table.update().where(and_(
            c.destination == row.destination, c.status == PENDING, c.id != row_id,
            c.next_attempt_at < until)).values(next_attempt_at=until))
    return status, row.attempts


def requeue(engine: Engine, table: Table, *, now: datetime, ids: Sequence[int] = (),
            all_dead: bool = False) -> int:
    """Put dead (or waiting) rows back in the queue with fresh attempts; return how many."""
    c = table.c
    where = c.status == DEAD if all_dead else and_(c.id.in_(ids), c.status.in_((DEAD, PENDING)))
    with engine.begin() as conn:
        result = conn.execute(table.update().where(where).values(
            status=PENDING, attempts=0, next_attempt_at=now))
    return int(result.rowcount)


def release_claims(engine: Engine, table: Table, worker: str | None, *,
                   now: datetime) -> None:
    """Rows `worker` still holds (every worker's, for None) are claimable again at once.

    Their attempt stays counted, so the next claim says `maybe_sent`: the call
    that was interrupted may have reached the platform. None is for a process
    that knows it is alone on the database (the SQLite lock): whatever is still
    claimed there was held by a process that died.
    """
    c = table.c
    held = c.status == SENDING if worker is None else and_(c.claimed_by == worker,
                                                             c.status == SENDING)
    with engine.begin() as conn:
        conn.execute(table.update().where(held).values(
            status=PENDING, claimed_by=None, lease_until=None, next_attempt_at=now))
