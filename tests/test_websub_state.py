"""bot.websubstate on SQLite and PostgreSQL: discovery, requests, verification, expiry;
and an older database gaining the subscriptions table."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, inspect, select

from bot import feedstate, websubstate
from bot.storage import open_database
from bot.storage.migrations import HEAD, MIGRATIONS, _websub
from bot.storage.schema import feeds, schema_version, websub_subscriptions
from bot.websubstate import Discovery

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
RENEW = timedelta(seconds=3600)
HUB, TOPIC = "https://hub.example/", "https://news.example/feed.xml"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    db = open_database(db_url)
    feedstate.sync_feeds(db.engine, [
        feedstate.FeedSpec("https://news.example/feed.xml", "News", "feed", 600),
        feedstate.FeedSpec("https://other.example/feed", "Other", "feed", 600)], T0)
    yield db.engine
    db.dispose()


def _ids(engine: Engine) -> tuple[int, int]:
    ids = feedstate.feed_ids(engine)
    return ids["https://news.example/feed.xml"], ids["https://other.example/feed"]


def _discovered(engine: Engine) -> tuple[int, websubstate.Subscription]:
    """The first feed, having advertised HUB, and its new subscription."""
    a, _ = _ids(engine)
    websubstate.note_hubs(engine, [Discovery(a, HUB, TOPIC)], now=T0)
    [sub] = websubstate.due(engine, now=T0, renew_before=RENEW)
    return a, sub


def test_discovery_creates_renews_and_retires_subscriptions(engine: Engine) -> None:
    a, b = _ids(engine)
    websubstate.note_hubs(engine, [Discovery(a, HUB, TOPIC), Discovery(b, None)], now=T0)
    [sub] = websubstate.due(engine, now=T0, renew_before=RENEW)
    assert (sub.feed_id, sub.state, sub.hub_url, sub.topic_url) == (a, "new", HUB, TOPIC)
    assert len(sub.secret) == 64 and len(sub.token) >= 32

    websubstate.note_hubs(engine, [Discovery(a, HUB, TOPIC)], now=T0)  # nothing changed
    [same] = websubstate.due(engine, now=T0, renew_before=RENEW)
    assert (same.token, same.secret) == (sub.token, sub.secret)

    websubstate.note_hubs(engine, [Discovery(a, "https://hub2.example/", TOPIC)], now=T0)
    [moved] = websubstate.due(engine, now=T0, renew_before=RENEW)
    assert moved.hub_url == "https://hub2.example/"
    assert moved.token != sub.token and moved.secret != sub.secret  # a new subscription

    websubstate.note_hubs(engine, [Discovery(a, None)], now=T0)  # the feed dropped its hub
    assert websubstate.due(engine, now=T0, renew_before=RENEW) == []


def test_verification_needs_our_pending_request_for_that_topic(engine: Engine) -> None:
    a, sub = _discovered(engine)

    def verify(topic: str = TOPIC, mode: str = "subscribe", token: str = sub.token) -> bool:
        return websubstate.verify(engine, token, mode=mode, topic=topic, lease_seconds=86400,
                                  now=T0, renew_before=RENEW)

    assert not verify()  # nothing requested yet
    websubstate.mark_requested(engine, sub, now=T0, verify_within=timedelta(minutes=5))
    assert websubstate.due(engine, now=T0, renew_before=RENEW) == []  # waiting for the hub
    assert not verify(topic="https://evil.example/") and not verify(mode="unsubscribe")
    assert not verify(token="other")
    assert verify()
    assert not verify()  # a replay: nothing pending any more
    assert websubstate.pushed_feed_ids(engine, now=T0) == {a}
    # Renewal is due `renew_before` ahead of the lease's end.
    assert websubstate.due(engine, now=T0 + timedelta(hours=22), renew_before=RENEW) == []
    [renew] = websubstate.due(engine, now=T0 + timedelta(hours=23), renew_before=RENEW)
    assert renew.state == "verified"


def test_failures_back_off_and_a_lapsed_lease_brings_polling_back(engine: Engine) -> None:
    a, sub = _discovered(engine)
    websubstate.mark_requested(engine, sub, now=T0, verify_within=timedelta(minutes=5))
    websubstate.request_failed(engine, sub, "hub said 500", now=T0)
    assert websubstate.due(engine, now=T0 + timedelta(seconds=59), renew_before=RENEW) == []
    [retry] = websubstate.due(engine, now=T0 + timedelta(minutes=1), renew_before=RENEW)
    assert (retry.state, retry.error_count) == ("failed", 1)

    websubstate.mark_requested(engine, retry, now=T0, verify_within=timedelta(minutes=5))
    assert websubstate.verify(engine, sub.token, mode="subscribe", topic=TOPIC,
                              lease_seconds=60, now=T0, renew_before=RENEW)
    with engine.begin() as conn:  # slow polling while pushed
        conn.execute(feeds.update().where(feeds.c.id == a)
                     .values(next_check_at=T0 + timedelta(hours=6)))
    assert websubstate.expire(engine, now=T0 + timedelta(seconds=59)) == []
    assert websubstate.expire(engine, now=T0 + timedelta(seconds=61)) == [a]
    assert websubstate.pushed_feed_ids(engine, now=T0 + timedelta(seconds=61)) == set()
    with engine.connect() as conn:
        due_at = conn.execute(select(feeds.c.next_check_at).where(feeds.c.id == a)).scalar_one()
    assert due_at == T0 + timedelta(seconds=61)
    [again] = websubstate.due(engine, now=T0 + timedelta(seconds=61), renew_before=RENEW)
    assert again.state == "expired"


def test_a_denied_subscription_is_not_requested_again(engine: Engine) -> None:
    a, sub = _discovered(engine)
    with engine.begin() as conn:  # polled slowly while a subscription was thought to hold
        conn.execute(feeds.update().where(feeds.c.id == a)
                     .values(next_check_at=T0 + timedelta(hours=6)))
    assert not websubstate.deny(engine, sub.token, topic="https://evil.example/", reason="x",
                                now=T0)
    assert websubstate.deny(engine, sub.token, topic=TOPIC, reason="not here", now=T0)
    with engine.connect() as conn:  # back to normal polling at once
        due_at = conn.execute(select(feeds.c.next_check_at).where(feeds.c.id == a)).scalar_one()
    assert due_at == T0
    assert websubstate.due(engine, now=T0 + timedelta(days=30), renew_before=RENEW) == []
    assert websubstate.by_token(engine, sub.token).state == "denied"  # type: ignore[union-attr]


def test_an_older_database_gains_the_subscriptions_table(db_url: str) -> None:
    [version] = [m.version for m in MIGRATIONS if m.apply is _websub]
    db = open_database(db_url)
    with db.engine.begin() as conn:  # back to what the version before looked like
        websub_subscriptions.drop(conn)
        conn.execute(schema_version.delete().where(schema_version.c.version >= version))
    db.dispose()
    db = open_database(db_url)
    try:
        assert db.schema_version == HEAD >= version
        assert "websub_subscriptions" in inspect(db.engine).get_table_names()
        indexes = {ix["name"] for ix in inspect(db.engine).get_indexes("websub_subscriptions")}
        assert "ix_websub_due" in indexes
        feedstate.sync_feeds(db.engine, [feedstate.FeedSpec(TOPIC, "N", "feed", 600)], T0)
        websubstate.note_hubs(db.engine, [Discovery(feedstate.feed_ids(db.engine)[TOPIC], HUB,
                                                    TOPIC)], now=T0)
        assert len(websubstate.due(db.engine, now=T0, renew_before=RENEW)) == 1
    finally:
        db.dispose()
