"""Read-only questions the commands ask of the ledger and the feed table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, select

from bot.ledger import company_key
from bot.storage.schema import (
    deliveries,
    event_sources,
    events,
    feeds,
    processes,
    stories,
    verdicts,
    websub_subscriptions,
)


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None
    outlet: str
    evidence: str


@dataclass(frozen=True)
class EventView:
    id: int
    company: str
    action: str
    first_seen_at: datetime
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class StoryView:
    title: str
    url: str | None
    outlet: str
    published_at: datetime | None
    companies: tuple[str, ...]


@dataclass(frozen=True)
class FeedHealth:
    url: str
    name: str
    enabled: bool
    last_success_at: datetime | None
    last_error: str | None
    error_count: int
    items_seen: int
    next_check_at: datetime
    #: The feed's WebSub subscription state (`bot.websubstate`), None when it never named a hub.
    push_state: str | None = None
    push_until: datetime | None = None


def events_by_action(engine: Engine, action: str, *, since: datetime | None,
                     limit: int) -> list[EventView]:
    """Newest first."""
    where = [events.c.action == action]
    if since is not None:
        where.append(events.c.first_seen_at >= since)
    return _events(engine, and_(*where), limit)


def company_history(engine: Engine, name: str, limit: int = 50) -> list[EventView]:
    return _events(engine, events.c.company_key == company_key(name), limit)


def known_companies(engine: Engine, prefix: str = "", limit: int = 25) -> list[str]:
    """Distinct company names, for autocomplete."""
    query = select(events.c.company).distinct().order_by(events.c.company).limit(limit)
    if prefix:
        query = query.where(func.lower(events.c.company).startswith(prefix.lower()))
    with engine.connect() as conn:
        return list(conn.execute(query).scalars())


def recent_flagged(engine: Engine, limit: int) -> list[StoryView]:
    query = (select(stories.c.title, stories.c.url, stories.c.outlet, stories.c.published_at,
                    verdicts.c.events)
             .join(verdicts, verdicts.c.story_id == stories.c.id)
             .where(verdicts.c.flagged.is_(True))
             .order_by(verdicts.c.created_at.desc(), stories.c.id.desc()).limit(limit))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [StoryView(title=r.title, url=r.url, outlet=r.outlet, published_at=r.published_at,
                      companies=tuple(f"{e['company']} {e['action']}" for e in r.events))
            for r in rows]


def feed_health(engine: Engine) -> list[FeedHealth]:
    subs = websub_subscriptions
    with engine.connect() as conn:
        rows = conn.execute(
            select(feeds, subs.c.state.label("push_state"), subs.c.expires_at.label("push_until"))
            .outerjoin(subs, subs.c.feed_id == feeds.c.id)
            .where(feeds.c.in_config.is_(True)).order_by(feeds.c.url)).all()
    return [FeedHealth(url=r.url, name=r.name, enabled=r.enabled,
                       last_success_at=r.last_success_at, last_error=r.last_error,
                       error_count=r.error_count, items_seen=r.items_seen,
                       next_check_at=r.next_check_at, push_state=r.push_state,
                       push_until=r.push_until) for r in rows]


def delivery_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(select(deliveries.c.status, func.count())
                            .group_by(deliveries.c.status)).all()
    return {status: int(count) for status, count in rows}


def last_sweep_at(engine: Engine) -> datetime | None:
    with engine.connect() as conn:
        value: datetime | None = conn.execute(
            select(func.max(feeds.c.last_checked_at))).scalar_one()
    return value


@dataclass(frozen=True)
class ProcessView:
    """One registered `stackwatch run` and the work it holds right now."""

    worker: str
    host: str
    pid: int
    roles: tuple[str, ...]
    version: str
    singletons: tuple[str, ...]
    started_at: datetime
    heartbeat_at: datetime
    alive: bool
    feeds_leased: int
    deliveries_leased: int


@dataclass(frozen=True)
class ClusterView:
    """Every registered process, and leases held by processes that are not alive."""

    processes: tuple[ProcessView, ...]
    orphan_feeds: int
    orphan_deliveries: int
    orphans_expire_at: datetime | None


def cluster(engine: Engine, *, now: datetime, gone_after: timedelta) -> ClusterView:
    """Live processes first (oldest first), then gone ones; unexpired leases per worker."""
    with engine.connect() as conn:
        rows = conn.execute(select(processes).order_by(processes.c.started_at,
                                                       processes.c.worker)).all()
        feed_leases = _leases(conn, feeds.c.claimed_by, feeds.c.lease_until, now)
        outbox_leases = _leases(conn, deliveries.c.claimed_by, deliveries.c.lease_until, now,
                                deliveries.c.status == "sending")
    views = [ProcessView(
        worker=r.worker, host=r.host, pid=r.pid, roles=_split(r.roles), version=r.version,
        singletons=_split(r.singletons), started_at=r.started_at, heartbeat_at=r.heartbeat_at,
        alive=r.heartbeat_at >= now - gone_after,
        feeds_leased=feed_leases.get(r.worker, (0, now))[0],
        deliveries_leased=outbox_leases.get(r.worker, (0, now))[0]) for r in rows]
    alive = {v.worker for v in views if v.alive}
    orphans = [lease for leases in (feed_leases, outbox_leases)
               for worker, lease in leases.items() if worker not in alive]
    return ClusterView(
        processes=tuple(sorted(views, key=lambda v: not v.alive)),
        orphan_feeds=sum(n for w, (n, _) in feed_leases.items() if w not in alive),
        orphan_deliveries=sum(n for w, (n, _) in outbox_leases.items() if w not in alive),
        orphans_expire_at=max((until for _, until in orphans), default=None))


def _leases(conn: Connection, holder: Any, until: Any, now: datetime,
            *where: Any) -> dict[str, tuple[int, datetime]]:
    """Unexpired leases per holder: (count, when the last one expires)."""
    query = (select(holder, func.count(), func.max(until))
             .where(holder.is_not(None), until > now, *where).group_by(holder))
    return {worker: (int(count), last) for worker, count, last in conn.execute(query)}


def _split(value: str) -> tuple[str, ...]:
    return tuple(part for part in value.split(",") if part)


def _events(engine: Engine, where: Any, limit: int) -> list[EventView]:
    with engine.connect() as conn:
        heads = conn.execute(select(events).where(where)
                             .order_by(events.c.first_seen_at.desc(), events.c.id.desc())
                             .limit(limit)).all()
        ids = [h.id for h in heads]
        sources: dict[int, list[Source]] = {i: [] for i in ids}
        if ids:
            for row in conn.execute(
                select(event_sources.c.event_id, event_sources.c.evidence, stories.c.title,
                       stories.c.url, stories.c.outlet)
                .join(stories, stories.c.id == event_sources.c.story_id)
                .where(event_sources.c.event_id.in_(ids)).order_by(event_sources.c.id)):
                sources[row.event_id].append(Source(title=row.title, url=row.url,
                                                    outlet=row.outlet, evidence=row.evidence))
    return [EventView(id=h.id, company=h.company, action=h.action,
                      first_seen_at=h.first_seen_at, sources=tuple(sources[h.id]))
            for h in heads]
