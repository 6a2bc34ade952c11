"""Tables. Times are stored as UTC and always read back timezone-aware."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

metadata = MetaData()


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on both dialects (SQLite keeps no offset of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use UTC-aware times")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("description", String(200), nullable=False),
    Column("applied_at", UTCDateTime, nullable=False),
)

feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", String(2000), nullable=False, unique=True),
    Column("name", String(300), nullable=False, default=""),
    Column("kind", String(20), nullable=False, default="feed"),
    Column("enabled", Boolean, nullable=False, default=True),
    Column("in_config", Boolean, nullable=False, default=True),
    Column("interval_seconds", Integer, nullable=False),
    Column("etag", String(500)),
    Column("last_modified", String(100)),
    Column("content_hash", String(64)),
    Column("next_check_at", UTCDateTime, nullable=False),
    Column("last_checked_at", UTCDateTime),
    Column("last_success_at", UTCDateTime),
    Column("last_error", Text),
    Column("error_count", Integer, nullable=False, default=0),
    Column("items_seen", Integer, nullable=False, default=0),
    Column("disabled_reason", Text),
    # Work sharing between processes (PostgreSQL): who holds the feed, until when.
    Column("claimed_by", String(100)),
    Column("lease_until", UTCDateTime),
)
Index("ix_feeds_due", feeds.c.enabled, feeds.c.next_check_at)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="CASCADE"), nullable=False),
    Column("entry_key", String(600), nullable=False),
    Column("url", String(2000)),
    Column("title", Text, nullable=False, default=""),
    Column("outlet", String(300), nullable=False, default=""),
    Column("published_at", UTCDateTime),
    Column("fetched_at", UTCDateTime, nullable=False),
    # "new" until classified, "classified" after, "backlog" for a first poll's old items.
    Column("status", String(20), nullable=False, default="new"),
    Column("text", Text),
    UniqueConstraint("feed_id", "entry_key", name="uq_stories_feed_entry"),
)
Index("ix_stories_status", stories.c.status)

verdicts = Table(
    "verdicts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False,
           unique=True),
    Column("flagged", Boolean, nullable=False),
    Column("events", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)
Index("ix_verdicts_flagged", verdicts.c.flagged, verdicts.c.created_at)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("company", String(300), nullable=False),
    Column("company_key", String(300), nullable=False),
    Column("action", String(10), nullable=False),
    Column("first_seen_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)
Index("ix_events_company", events.c.company_key, events.c.last_seen_at)
Index("ix_events_action", events.c.action, events.c.first_seen_at)

event_sources = Table(
    "event_sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("rule", String(200), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("event_id", "story_id", name="uq_event_sources_event_story"),
)

def _queue_columns() -> list[Column[Any]]:
    """The send-queue state every queued message carries (see `bot.sendqueue`)."""
    return [
        # pending -> sending -> sent; failures go back to pending with a later
        # next_attempt_at, and to dead after the attempt limit.
        Column("status", String(10), nullable=False, default="pending"),
        Column("attempts", Integer, nullable=False, default=0),
        Column("next_attempt_at", UTCDateTime, nullable=False),
        Column("last_error", Text),
        Column("message_id", String(200)),
        Column("created_at", UTCDateTime, nullable=False),
        Column("sent_at", UTCDateTime),
        Column("claimed_by", String(100)),
        Column("lease_until", UTCDateTime),
    ]


deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    # The source this row announces: the event's first source for the alert itself,
    # a later outlet's source for a follow-up (posted in the alert's thread).
    Column("source_id", Integer, ForeignKey("event_sources.id", ondelete="CASCADE"),
           nullable=False),
    Column("kind", String(10), nullable=False, default="alert"),
    Column("destination", String(100), nullable=False),
    *_queue_columns(),
    UniqueConstraint("event_id", "destination", "source_id", name="uq_deliveries_once"),
)
Index("ix_deliveries_pending", deliveries.c.status, deliveries.c.destination, deliveries.c.id)

notices = Table(
    "notices",
    metadata,
    Column("id", Integer, primary_key=True),
    # what happened: "delivery_dead", "feed_disabled"
    Column("kind", String(30), nullable=False),
    Column("text", Text, nullable=False),
    # the admin destination when the notice was raised; NULL: only logged (status "logged")
    Column("destination", String(100)),
    *_queue_columns(),
)
Index("ix_notices_pending", notices.c.status, notices.c.destination, notices.c.id)

# One row per running `stackwatch run`: who shares the work, doing what, last seen when.
processes = Table(
    "processes",
    metadata,
    Column("worker", String(100), primary_key=True),
    Column("host", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("roles", String(100), nullable=False),
    Column("version", String(50), nullable=False),
    # Singletons (chat, websub, notices) this process held at its last report, comma-separated.
    Column("singletons", String(200), nullable=False, default=""),
    Column("started_at", UTCDateTime, nullable=False),
    Column("heartbeat_at", UTCDateTime, nullable=False),
)

websub_subscriptions = Table(
    "websub_subscriptions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="CASCADE"), nullable=False,
           unique=True),
    # What the feed advertised at its last parse; `wanted` is false once it stopped.
    Column("hub_url", String(2000), nullable=False),
    Column("topic_url", String(2000), nullable=False),
    Column("wanted", Boolean, nullable=False, default=True),
    # Our callback is <callback_url>/<token>: unique per subscription, with its own secret.
    Column("token", String(64), nullable=False, unique=True),
    Column("secret", String(128), nullable=False),
    # new -> requested -> verified (renewed in place) | denied | failed | expired;
    # leaving: unsubscribing -> unsubscribed (bot.websubstate explains each)
    Column("state", String(20), nullable=False, default="new"),
    # the mode of a request the hub may still verify ("subscribe", "unsubscribe"), else NULL
    Column("pending", String(20)),
    Column("lease_seconds", Integer),
    Column("expires_at", UTCDateTime),
    Column("requested_at", UTCDateTime),
    Column("verified_at", UTCDateTime),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("error_count", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("pushes", Integer, nullable=False, default=0),
    Column("last_push_at", UTCDateTime),
)
Index("ix_websub_due", websub_subscriptions.c.next_attempt_at)
