"""WebSub subscriptions as rows: what each feed's hub is, and where its subscription stands.

One row per feed that ever advertised a hub. The sweep records what it
discovered (`note_hubs`); the subscription job (`bot.websub.Subscriber`) asks
what needs a request (`due`); the callback server records the hub's answers
(`verify`, `deny`) and finds the subscription a delivery is for (`by_token`).

States: ``new`` (discovered, never requested) → ``requested`` → ``verified``
(renewed in place: ``pending`` marks a request the hub may still verify) or
``denied``; ``failed`` (the hub refused or was unreachable: retried with
backoff) and ``expired`` (the lease ran out: subscribed again) lead back to a
request.

Leaving: a ``verified`` or ``requested`` subscription that is no longer
wanted (the feed stopped advertising that hub and topic) or whose feed is no
longer live (removed from the config, or disabled) is cancelled
(`due_unsubscribe`): ``unsubscribing`` (we asked; ``pending`` is
"unsubscribe" until the hub verifies) → ``unsubscribed``. Pushes get 410 from
the moment we ask, and the feed, if still live, is polled normally again. A
refused or unconfirmed unsubscribe is retried with the same backoff, until the
lease would have ended anyway or after `MAX_UNSUBSCRIBE_ATTEMPTS`; then the
row is ``unsubscribed`` with the reason in `last_error` (the hub's lease just
lapses, and the 410s tell it to drop us sooner). A feed that is wanted and
live again (`revive`) subscribes afresh with a new token and secret.

A new hub or topic starts over with a new token and secret. When the old
subscription may still hold a lease (``verified``, ``requested``,
``unsubscribing``), the old hub is left first: the row is marked not wanted,
cancelled at its hub as above, and the next parse that names the new hub
(the feed is polled normally meanwhile) switches it over.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Row, Select, and_, or_, select, update

from bot.storage.schema import feeds, websub_subscriptions

subs = websub_subscriptions
MAX_BACKOFF = timedelta(hours=6)
#: Unsubscribe attempts (refused, unreachable or unconfirmed) before we let the lease lapse.
MAX_UNSUBSCRIBE_ATTEMPTS = 10
#: States in which the hub may hold a lease we could still cancel.
_MAY_HOLD_LEASE = ("verified", "requested", "unsubscribing")


@dataclass(frozen=True)
class Discovery:
    """What one parse of a feed said about WebSub: its hub and topic, or no hub."""

    feed_id: int
    hub: str | None
    topic: str | None = None


@dataclass(frozen=True)
class Subscription:
    id: int
    feed_id: int
    hub_url: str
    topic_url: str
    token: str
    secret: str
    state: str
    pending: str | None
    lease_seconds: int | None
    expires_at: datetime | None
    error_count: int


def note_hubs(engine: Engine, found: Sequence[Discovery], *, now: datetime) -> list[None]:
    """Record what parses discovered; a changed hub or topic starts a new subscription."""
    with engine.begin() as conn:
        current = {row.feed_id: row for row in conn.execute(
            select(subs).where(subs.c.feed_id.in_({d.feed_id for d in found})))}
        for item in found:
            row = current.get(item.feed_id)
            if item.hub is None or item.topic is None:
                if row is not None and row.wanted:
                    conn.execute(update(subs).where(subs.c.id == row.id).values(wanted=False))
                continue
            if row is None:
                conn.execute(subs.insert().values(
                    feed_id=item.feed_id, hub_url=item.hub, topic_url=item.topic, wanted=True,
                    next_attempt_at=now, error_count=0, pushes=0, **_fresh()))
            elif (row.hub_url, row.topic_url) != (item.hub, item.topic):
                if row.state in _MAY_HOLD_LEASE:  # leave the old hub first (see above)
                    if row.wanted:
                        conn.execute(update(subs).where(subs.c.id == row.id)
                                     .values(wanted=False))
                    continue
                conn.execute(update(subs).where(subs.c.id == row.id).values(
                    hub_url=item.hub, topic_url=item.topic, wanted=True, next_attempt_at=now,
                    error_count=0, last_error=None, lease_seconds=None, expires_at=None,
                    verified_at=None, **_fresh()))
            elif not row.wanted:
                conn.execute(update(subs).where(subs.c.id == row.id).values(wanted=True))
    return [None] * len(found)


def _fresh() -> dict[str, Any]:
    """A new callback path and secret: never reuse them across hubs or topics."""
    return {"token": secrets.token_urlsafe(24), "secret": secrets.token_hex(32),
            "state": "new", "pending": None}


def _live_feeds() -> Select[tuple[int]]:
    """Feeds that are polled: in the config and enabled."""
    return select(feeds.c.id).where(feeds.c.enabled.is_(True), feeds.c.in_config.is_(True))


def due(engine: Engine, *, now: datetime, renew_before: timedelta) -> list[Subscription]:
    """Subscriptions to request now: new, failed, expired or unverified ones whose time
    came, and verified ones whose lease ends within `renew_before` (or half the lease)."""
    live_feed = _live_feeds()
    retry = and_(subs.c.state.in_(("new", "failed", "expired", "requested")),
                 subs.c.next_attempt_at <= now)
    renew = and_(subs.c.state == "verified", subs.c.next_attempt_at <= now)
    with engine.connect() as conn:
        rows = conn.execute(select(subs).where(
            subs.c.wanted.is_(True), subs.c.feed_id.in_(live_feed), or_(retry, renew),
        ).order_by(subs.c.next_attempt_at)).all()
    return [_sub(row) for row in rows]


def mark_requested(engine: Engine, sub: Subscription, *, now: datetime,
                   verify_within: timedelta) -> None:
    """Before the request goes out (the hub may verify before it even answers)."""
    state = "verified" if sub.state == "verified" else "requested"
    with engine.begin() as conn:
        conn.execute(update(subs).where(subs.c.id == sub.id).values(
            state=state, pending="subscribe", requested_at=now,
            next_attempt_at=now + verify_within))


def backoff(error_count: int) -> timedelta:
    """How long to wait after the `error_count`-th failure in a row: 1, 2, 4... minutes."""
    return min(timedelta(minutes=1) * (1 << min(error_count - 1, 12)), MAX_BACKOFF)


def request_failed(engine: Engine, sub: Subscription, error: str, *, now: datetime) -> None:
    """The hub refused or could not be reached: retry later, keeping a live lease."""
    count = sub.error_count + 1
    delay = backoff(count)
    values: dict[str, Any] = {"pending": None, "error_count": count, "last_error": error[:2000],
                              "next_attempt_at": now + delay}
    if sub.state != "verified":
        values["state"] = "failed"
    with engine.begin() as conn:
        conn.execute(update(subs).where(subs.c.id == sub.id).values(**values))


def by_token(engine: Engine, token: str) -> Subscription | None:
    with engine.connect() as conn:
        row = conn.execute(select(subs).where(subs.c.token == token)).first()
    return _sub(row) if row is not None else None


def verify(engine: Engine, token: str, *, mode: str, topic: str, lease_seconds: int | None,
           now: datetime, renew_before: timedelta) -> bool:
    """The hub's verification of intent: True (echo the challenge) only for a request we
    made and are still waiting on, for this very topic."""
    with engine.begin() as conn:
        row = conn.execute(select(subs).where(subs.c.token == token)).first()
        if row is None or row.pending != mode or row.topic_url != topic:
            return False
        if mode == "unsubscribe":
            conn.execute(update(subs).where(subs.c.id == row.id).values(
                state="unsubscribed", pending=None, lease_seconds=None, expires_at=None,
                error_count=0, last_error=None, next_attempt_at=now))
            return True
        if mode != "subscribe":
            return False
        lease = lease_seconds or row.lease_seconds or 0
        expires = now + timedelta(seconds=lease) if lease else None
        conn.execute(update(subs).where(subs.c.id == row.id).values(
            state="verified", pending=None, lease_seconds=lease or None, expires_at=expires,
            verified_at=now, error_count=0, last_error=None,
            next_attempt_at=renewal_time(now, lease, renew_before)))
    return True


def renewal_time(now: datetime, lease_seconds: int, renew_before: timedelta) -> datetime:
    """When to renew a lease granted `now`: `renew_before` ahead, at most half-way."""
    if not lease_seconds:
        return now + MAX_BACKOFF  # no lease: the hub keeps it until told; check now and then
    lease = timedelta(seconds=lease_seconds)
    return now + lease - min(renew_before, lease / 2)


def due_unsubscribe(engine: Engine, *, now: datetime) -> list[Subscription]:
    """Subscriptions to cancel now: verified or requested ones that are not wanted or whose
    feed is not live, and unsubscribes whose retry (or verification window) came."""
    leaving = and_(subs.c.state.in_(("verified", "requested")),
                   or_(subs.c.wanted.is_(False), subs.c.feed_id.not_in(_live_feeds())))
    retry = and_(subs.c.state == "unsubscribing", subs.c.next_attempt_at <= now)
    with engine.connect() as conn:
        rows = conn.execute(select(subs).where(or_(leaving, retry))
                            .order_by(subs.c.next_attempt_at)).all()
    return [_sub(row) for row in rows]


def mark_unsubscribing(engine: Engine, sub: Subscription, *, now: datetime,
                       verify_within: timedelta) -> None:
    """Before the unsubscribe request goes out: pushes get 410 from now on, and a feed that
    was polled slowly while pushed is due again now."""
    retry = sub.state == "unsubscribing"
    with engine.begin() as conn:
        conn.execute(update(subs).where(subs.c.id == sub.id).values(
            state="unsubscribing", pending="unsubscribe", requested_at=now,
            error_count=sub.error_count if retry else 0, next_attempt_at=now + verify_within))
        if not retry:
            poll_soon(conn, [sub.feed_id], now)


def unsubscribe_failed(engine: Engine, sub: Subscription, error: str, *, now: datetime) -> bool:
    """The unsubscribe was refused, unreachable or never confirmed: retry with backoff while
    that can still end a lease early. Returns True when we gave up (the lease lapses)."""
    # `sub` as read before `mark_unsubscribing`: a first attempt starts counting afresh.
    count = (sub.error_count if sub.state == "unsubscribing" else 0) + 1
    delay = backoff(count)
    lapses = sub.expires_at is not None and sub.expires_at <= now + delay
    give_up = lapses or count >= MAX_UNSUBSCRIBE_ATTEMPTS
    values: dict[str, Any] = {"pending": None, "error_count": count,
                              "last_error": error[:2000], "next_attempt_at": now + delay}
    if give_up:
        why = "the lease ends first" if lapses else f"{count} attempts"
        values.update(state="unsubscribed", expires_at=None, next_attempt_at=now,
                      last_error=f"unsubscribe abandoned ({why}): {error}"[:2000])
    with engine.begin() as conn:
        conn.execute(update(subs).where(subs.c.id == sub.id).values(**values))
    return give_up


def revive(engine: Engine, *, now: datetime) -> int:
    """Cancelled (or cancelling) subscriptions whose feed is wanted and live again start
    afresh, with a new token and secret. Returns how many."""
    with engine.begin() as conn:
        ids = list(conn.execute(select(subs.c.id).where(
            subs.c.state.in_(("unsubscribing", "unsubscribed")), subs.c.wanted.is_(True),
            subs.c.feed_id.in_(_live_feeds()))).scalars())
        for sub_id in ids:
            conn.execute(update(subs).where(subs.c.id == sub_id).values(
                next_attempt_at=now, error_count=0, last_error=None, lease_seconds=None,
                expires_at=None, verified_at=None, **_fresh()))
    return len(ids)


def deny(engine: Engine, token: str, *, topic: str, reason: str, now: datetime) -> bool:
    """The hub denied (or later cancelled) the subscription: stop expecting pushes, and
    poll the feed on its normal schedule again, starting now."""
    with engine.begin() as conn:
        feed_id = conn.execute(select(subs.c.feed_id).where(
            subs.c.token == token, subs.c.topic_url == topic)).scalar_one_or_none()
        if feed_id is None:
            return False
        conn.execute(update(subs).where(subs.c.token == token).values(
            state="denied", pending=None, expires_at=None, last_error=f"denied: {reason}"[:2000],
            next_attempt_at=now + MAX_BACKOFF * 4))
        poll_soon(conn, [feed_id], now)
    return True


def expire(engine: Engine, *, now: datetime) -> list[int]:
    """Verified subscriptions whose lease ran out become `expired`; their feeds, polled
    slowly while pushes came, are due again now. Returns those feed ids. An unsubscribe
    still unconfirmed when its lease ran out has nothing left to cancel: `unsubscribed`."""
    lapsed = and_(subs.c.state == "verified", subs.c.expires_at.is_not(None),
                  subs.c.expires_at <= now)
    with engine.begin() as conn:
        feed_ids = list(conn.execute(select(subs.c.feed_id).where(lapsed)).scalars())
        if feed_ids:
            conn.execute(update(subs).where(lapsed).values(
                state="expired", pending=None, next_attempt_at=now))
            poll_soon(conn, feed_ids, now)
        conn.execute(update(subs).where(  # nothing left to cancel
            subs.c.state == "unsubscribing", subs.c.expires_at.is_not(None),
            subs.c.expires_at <= now).values(
                state="unsubscribed", pending=None, expires_at=None, next_attempt_at=now,
                last_error="the lease ended before the hub confirmed the unsubscribe"))
    return feed_ids


def poll_soon(conn: Connection, feed_ids: Sequence[int], now: datetime) -> None:
    """Bring these feeds' next poll forward to `now` (never push one back)."""
    conn.execute(update(feeds).where(feeds.c.id.in_(feed_ids), feeds.c.next_check_at > now)
                 .values(next_check_at=now))


def pushed_feed_ids(engine: Engine, *, now: datetime) -> set[int]:
    """Feeds with a verified, unexpired subscription: polled only as a fallback."""
    with engine.connect() as conn:
        return set(conn.execute(select(subs.c.feed_id).where(
            subs.c.state == "verified",
            or_(subs.c.expires_at.is_(None), subs.c.expires_at > now))).scalars())


def record_push(engine: Engine, sub_id: int, *, now: datetime) -> None:
    with engine.begin() as conn:
        conn.execute(update(subs).where(subs.c.id == sub_id).values(
            pushes=subs.c.pushes + 1, last_push_at=now))


def _sub(row: Row[Any]) -> Subscription:
    m = row._mapping
    return Subscription(id=m["id"], feed_id=m["feed_id"], hub_url=m["hub_url"],
                        topic_url=m["topic_url"], token=m["token"], secret=m["secret"],
                        state=m["state"], pending=m["pending"], lease_seconds=m["lease_seconds"],
                        expires_at=m["expires_at"], error_count=m["error_count"])
