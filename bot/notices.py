"""Admin notices: what an operator has to act on, sent to `[delivery] admin_destination`.

A notice is written in the transaction of the change it reports (an alert
delivery given up, a feed disabled), so it can neither be lost nor describe a
change that rolled back. It then travels like an alert, through the same send
queue (`bot.sendqueue`): claimed with a lease, posted, marked sent, retried.
Without an admin destination a notice is only logged (and kept, status "logged").
A notice that cannot be delivered raises no further notice: it is logged and
stays dead in the table.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, select

from bot import sendqueue
from bot.alerts import Notice
from bot.sendqueue import DEAD, PENDING, RetryPolicy
from bot.storage.schema import deliveries, events, notices

log = logging.getLogger(__name__)

LOGGED = "logged"
DELIVERY_DEAD, FEED_DISABLED = "delivery_dead", "feed_disabled"


def record(conn: Connection, *, kind: str, text: str, destination: str | None,
           now: datetime) -> int:
    """Queue a notice in the caller's transaction; return its id."""
    log.warning("admin notice: %s", text, extra={"notice_kind": kind,
                                                  "destination": destination or ""})
    return int(conn.execute(notices.insert().values(
        kind=kind, text=text, destination=destination or None,
        status=PENDING if destination else LOGGED, attempts=0, next_attempt_at=now,
        created_at=now).returning(notices.c.id)).scalar_one())


def delivery_dead(conn: Connection, delivery_id: int, error: str, *, attempts: int,
                  destination: str | None, now: datetime) -> int:
    """The notice for an alert delivery given up: which one, why, how to requeue it."""
    row = conn.execute(
        select(deliveries.c.destination, deliveries.c.kind, deliveries.c.event_id,
               events.c.company, events.c.action)
        .join(events, events.c.id == deliveries.c.event_id)
        .where(deliveries.c.id == delivery_id)).one()
    what = "alert" if row.kind == "alert" else "follow-up"
    text = (f"Delivery {delivery_id} is dead: the {what} \"{row.company} {row.action} "
            f"OpenStack\" (event {row.event_id}) could not be sent to {row.destination} "
            f"after {attempts} attempt{'s' if attempts != 1 else ''}.\n"
            f"Last error: {error[:500]}\n"
            f"Once the cause is fixed, requeue it: stackwatch deliveries retry {delivery_id} "
            "(or every dead delivery: stackwatch deliveries retry --dead)")
    return record(conn, kind=DELIVERY_DEAD, text=text, destination=destination, now=now)


def feed_disabled(conn: Connection, url: str, name: str, failures: int, error: str, *,
                  destination: str | None, now: datetime) -> int:
    """The notice for a feed switched off after too many failures in a row."""
    label = f"{name} ({url})" if name else url
    text = (f"Feed disabled after {failures} failed polls in a row: {label}\n"
            f"Last error: {error[:500]}\n"
            f"Once it works again: /openstack feeds resume {url}")
    return record(conn, kind=FEED_DISABLED, text=text, destination=destination, now=now)


def claim(engine: Engine, *, now: datetime, worker: str, lease: timedelta,
          destinations: Sequence[str] | None = None) -> list[Notice]:
    """Claim the oldest due notice of every admin destination served here."""
    with engine.begin() as conn:
        ids = sendqueue.claim_heads(conn, notices, now=now, worker=worker, lease=lease,
                                    destinations=destinations)
        if not ids:
            return []
        rows = conn.execute(select(notices).where(notices.c.id.in_(ids))
                            .order_by(notices.c.id)).all()
    return [Notice(notice_id=r.id, destination=r.destination, kind=r.kind, text=r.text,
                   queued_at=r.created_at, maybe_sent=sendqueue.maybe_sent(r.attempts))
            for r in rows]


def mark_sent(engine: Engine, notice_id: int, message_id: str | None, *,
              now: datetime) -> None:
    sendqueue.mark_sent(engine, notices, notice_id, message_id, now=now)


def mark_failed(engine: Engine, notice_id: int, error: str, *, now: datetime,
                policy: RetryPolicy, retry_after: float | None = None,
                permanent: bool = False) -> str:
    with engine.begin() as conn:
        status, attempts = sendqueue.mark_failed(
            conn, notices, notice_id, error, now=now, policy=policy,
            retry_after=retry_after, permanent=permanent)
    if status == DEAD:
        log.error("admin notice %s could not be delivered after %s attempts: %s",
                  notice_id, attempts, error)
    return status


def release_claims(engine: Engine, worker: str | None, *, now: datetime) -> None:
    sendqueue.release_claims(engine, notices, worker, now=now)
