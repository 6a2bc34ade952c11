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


def _verified(engine: Engine, lease_seconds: int | None = 86400
              ) -> tuple[int, websubstate.Subscription]:
    """The first feed with a verified subscription at HUB (polled slowly meanwhile)."""
    a, sub = _discovered(engine)
    websubstate.mark_requested(engine, sub, now=T0, verify_within=timedelta(minutes=5))
    assert websubstate.verify(engine, sub.token, mode="subscribe", topic=TOPIC,
                              lease_seconds=lease_seconds, now=T0, renew_before=RENEW)
    with engine.begin() as conn:
        conn.execute(feeds.update().where(feeds.c.id == a)
                     .values(next_check_at=T0 + timedelta(hours=6)))
    return a, websubstate.by_token(engine, sub.token)  # type: ignore[return-value]


def _next_check(engine: Engine, feed_id: int) -> datetime:
    with engine.connect() as conn:
        return conn.execute(select(feeds.c.next_check_at)  # type: ignore[no-any-return]
                            .where(feeds.c.id == feed_id)).scalar_one()


def _leave(engine: Engine, how: str, feed_id: int) -> None:
    """Make the first feed's subscription unwanted: `how` the feed leaves."""
    if how == "removed":
        feedstate.sync_feeds(engine, [
            feedstate.FeedSpec("https://other.example/feed", "Other", "feed", 600)], T0)
    elif how == "disabled":
        assert feedstate.set_enabled(engine, TOPIC, False, now=T0)
    else:
        websubstate.note_hubs(engine, [Discovery(feed_id, None)], now=T0)


def _come_back(engine: Engine, how: str, feed_id: int) -> None:
    if how == "removed":
        feedstate.sync_feeds(engine, [
            feedstate.FeedSpec(TOPIC, "News", "feed", 600),
            feedstate.FeedSpec("https://other.example/feed", "Other", "feed", 600)], T0)
    elif how == "disabled":
        assert feedstate.set_enabled(engine, TOPIC, True, now=T0)
    else:
        websubstate.note_hubs(engine, [Discovery(feed_id, HUB, TOPIC)], now=T0)


@pytest.mark.parametrize("how", ["removed", "disabled", "hub dropped"])
def test_an_unwanted_subscription_is_cancelled_and_a_returning_feed_starts_afresh(
        engine: Engine, how: str) -> None:
    a, sub = _verified(engine)
    assert websubstate.due_unsubscribe(engine, now=T0) == []  # wanted and live: kept
    _leave(engine, how, a)
    [leaving] = websubstate.due_unsubscribe(engine, now=T0)
    assert (leaving.id, leaving.state) == (sub.id, "verified")
    websubstate.mark_unsubscribing(engine, leaving, now=T0, verify_within=timedelta(minutes=5))
    assert websubstate.pushed_feed_ids(engine, now=T0) == set()  # pushes get 410 from now
    assert _next_check(engine, a) == T0  # polled normally again (if it is still polled)
    assert websubstate.due_unsubscribe(engine, now=T0) == []  # waiting for the hub

    def verify(mode: str = "unsubscribe", topic: str = TOPIC) -> bool:
        return websubstate.verify(engine, sub.token, mode=mode, topic=topic,
                                  lease_seconds=None, now=T0, renew_before=RENEW)

    assert not verify(mode="subscribe") and not verify(topic="https://evil.example/")
    assert verify()
    assert not verify()  # a replay: nothing pending any more
    gone = websubstate.by_token(engine, sub.token)
    assert gone is not None and (gone.state, gone.pending, gone.expires_at) == (
        "unsubscribed", None, None)
    assert websubstate.revive(engine, now=T0) == 0
    for later in (T0, T0 + timedelta(days=30)):
        assert websubstate.due_unsubscribe(engine, now=later) == []
        assert websubstate.due(engine, now=later, renew_before=RENEW) == []

    _come_back(engine, how, a)
    assert websubstate.revive(engine, now=T0) == 1
    [fresh] = websubstate.due(engine, now=T0, renew_before=RENEW)
    assert (fresh.id, fresh.state, fresh.hub_url, fresh.error_count) == (sub.id, "new", HUB, 0)
    assert fresh.token != sub.token and fresh.secret != sub.secret
    assert websubstate.by_token(engine, sub.token) is None  # the old callback is gone: 410


def test_a_failed_unsubscribe_backs_off_until_the_lease_would_end(engine: Engine) -> None:
    a, sub = _verified(engine, lease_seconds=600)
    websubstate.note_hubs(engine, [Discovery(a, None)], now=T0)
    window = timedelta(seconds=30)
    now = T0
    [leaving] = websubstate.due_unsubscribe(engine, now=now)
    for attempt, delay in enumerate((1, 2, 4), start=1):
        websubstate.mark_unsubscribing(engine, leaving, now=now, verify_within=window)
        if attempt == 2:  # sent, but the hub never verified: a failure once the window ends
            now += window
            [leaving] = websubstate.due_unsubscribe(engine, now=now)
            assert leaving.pending == "unsubscribe"
        assert not websubstate.unsubscribe_failed(engine, leaving, "hub said 503", now=now)
        assert websubstate.due_unsubscribe(engine, now=now + timedelta(minutes=delay) -
                                           timedelta(seconds=1)) == []
        now += timedelta(minutes=delay)
        [leaving] = websubstate.due_unsubscribe(engine, now=now)
        assert (leaving.state, leaving.error_count) == ("unsubscribing", attempt)
    # 7.5 min in, the next retry (8 min later) would come after the 10-minute lease ended.
    websubstate.mark_unsubscribing(engine, leaving, now=now, verify_within=window)
    assert websubstate.unsubscribe_failed(engine, leaving, "hub said 503", now=now)
    gone = websubstate.by_token(engine, sub.token)
    assert gone is not None and gone.state == "unsubscribed"
    with engine.connect() as conn:
        last_error = conn.execute(select(websub_subscriptions.c.last_error)).scalar_one()
    assert "abandoned (the lease ends first): hub said 503" in last_error
    assert websubstate.due_unsubscribe(engine, now=now + timedelta(days=1)) == []


def test_without_a_lease_an_unsubscribe_gives_up_after_some_attempts(engine: Engine) -> None:
    a, _ = _verified(engine, lease_seconds=None)  # a hub that grants no lease
    websubstate.note_hubs(engine, [Discovery(a, None)], now=T0)
    now, gave_up = T0, []
    while (leaving := websubstate.due_unsubscribe(engine, now=now)):
        websubstate.mark_unsubscribing(engine, leaving[0], now=now,
                                       verify_within=timedelta(seconds=30))
        gave_up.append(websubstate.unsubscribe_failed(engine, leaving[0], "refused", now=now))
        now += websubstate.MAX_BACKOFF
    assert gave_up == [False] * (websubstate.MAX_UNSUBSCRIBE_ATTEMPTS - 1) + [True]


def test_an_unconfirmed_unsubscribe_stops_when_the_lease_runs_out(engine: Engine) -> None:
    _, sub = _verified(engine, lease_seconds=60)
    feedstate.set_enabled(engine, TOPIC, False, now=T0)
    [leaving] = websubstate.due_unsubscribe(engine, now=T0)
    websubstate.mark_unsubscribing(engine, leaving, now=T0, verify_within=timedelta(minutes=5))
    assert websubstate.expire(engine, now=T0 + timedelta(seconds=61)) == []  # not a verified one
    gone = websubstate.by_token(engine, sub.token)
    assert gone is not None and gone.state == "unsubscribed"
    assert websubstate.due_unsubscribe(engine, now=T0 + timedelta(minutes=6)) == []


def test_a_new_hub_is_joined_once_the_old_one_let_go(engine: Engine) -> None:
    a, sub = _verified(engine)
    hub2 = "https://hub2.example/"
    websubstate.note_hubs(engine, [Discovery(a, hub2, TOPIC)], now=T0)
    assert websubstate.due(engine, now=T0, renew_before=RENEW) == []  # not yet
    [leaving] = websubstate.due_unsubscribe(engine, now=T0)
    assert (leaving.hub_url, leaving.token) == (HUB, sub.token)  # the old hub, same callback
    websubstate.mark_unsubscribing(engine, leaving, now=T0, verify_within=timedelta(minutes=5))
    websubstate.note_hubs(engine, [Discovery(a, hub2, TOPIC)], now=T0)  # still leaving
    assert websubstate.verify(engine, sub.token, mode="unsubscribe", topic=TOPIC,
                              lease_seconds=None, now=T0, renew_before=RENEW)
    assert websubstate.revive(engine, now=T0) == 0  # unwanted at the old hub
    websubstate.note_hubs(engine, [Discovery(a, hub2, TOPIC)], now=T0)  # the next poll
    [joining] = websubstate.due(engine, now=T0, renew_before=RENEW)
    assert (joining.hub_url, joining.state) == (hub2, "new")
    assert joining.token != sub.token and joining.secret != sub.secret


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
