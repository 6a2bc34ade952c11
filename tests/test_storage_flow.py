"""Feed state, stories, ledger and outbox against real SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func, select

from bot import feedstate, ledger, outbox, stories
from bot.storage.schema import deliveries, events, feeds
from classifiers.model import Event, Verdict
from watchers.model import Entry

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
WINDOW = timedelta(days=30)
LEASE = timedelta(minutes=2)


def _feed(engine: Engine, url: str = "http://127.0.0.1/feed") -> feedstate.FeedRow:
    feedstate.sync_feeds(engine, [feedstate.FeedSpec(url, "Outlet", "feed", 600)], T0)
    [row] = feedstate.claim_due_feeds(engine, now=T0, worker="w", limit=10, lease=LEASE)
    return row


def _entry(key: str, published: datetime | None = T0) -> Entry:
    return Entry(key=key, title=f"Story {key}", url=f"http://x/{key}", summary="s",
                 published=published)


def _classify(engine: Engine, story: stories.StoryRow, *evts: tuple[str, str],
              dest: tuple[str, ...] = ("slack", "discord"), now: datetime = T0
              ) -> list[ledger.LedgerChange]:
    verdict = Verdict(flagged=bool(evts), events=tuple(
        Event(company=c, action=a, evidence=f"{c} {a} OpenStack.", rule="r", confidence=0.9)
        for c, a in evts))  # type: ignore[misc]
    return ledger.record_verdict(engine, story, verdict, destinations=dest,
                                 merge_window=WINDOW, now=now)


def test_due_feeds_are_claimed_once_until_the_lease_expires(engine: Engine) -> None:
    specs = [feedstate.FeedSpec(f"http://127.0.0.1/{i}", "", "feed", 600) for i in range(5)]
    feedstate.sync_feeds(engine, specs, T0)
    first = feedstate.claim_due_feeds(engine, now=T0, worker="a", limit=3, lease=LEASE)
    second = feedstate.claim_due_feeds(engine, now=T0, worker="b", limit=10, lease=LEASE)
    assert len(first) == 3 and len(second) == 2
    assert not {f.id for f in first} & {f.id for f in second}
    assert feedstate.claim_due_feeds(engine, now=T0, worker="c", limit=10, lease=LEASE) == []
    later = feedstate.claim_due_feeds(engine, now=T0 + LEASE * 2, worker="c", limit=10,
                                      lease=LEASE)
    assert len(later) == 5  # the leases of a dead worker expire


def test_success_and_failure_schedule_the_next_check(engine: Engine) -> None:
    feed = _feed(engine)
    feedstate.record_success(engine, feed.id, now=T0, next_at=T0 + timedelta(minutes=10),
                             etag='"v1"', last_modified=None, content_hash="h", new_items=3)
    assert feedstate.claim_due_feeds(engine, now=T0, worker="w", limit=5, lease=LEASE) == []
    [again] = feedstate.claim_due_feeds(engine, now=T0 + timedelta(minutes=11), worker="w",
                                        limit=5, lease=LEASE)
    assert again.etag == '"v1"' and again.error_count == 0
    disabled = feedstate.record_failure(engine, again, "HTTP 500", now=T0, retry_after=900,
                                        max_failures=2)
    assert not disabled
    with engine.connect() as conn:
        row = conn.execute(select(feeds)).one()
    assert row.error_count == 1 and row.last_error == "HTTP 500" and row.items_seen == 3
    assert row.next_check_at >= T0 + timedelta(seconds=900)  # Retry-After honoured


def test_feed_is_disabled_after_too_many_failures(engine: Engine) -> None:
    feed = _feed(engine)
    assert feedstate.record_failure(engine, feed, "boom", now=T0, retry_after=None,
                                    max_failures=1)
    with engine.connect() as conn:
        row = conn.execute(select(feeds)).one()
    assert not row.enabled and "boom" in row.disabled_reason


def test_removed_feed_stops_being_polled(engine: Engine) -> None:
    _feed(engine)
    feedstate.sync_feeds(engine, [], T0)
    assert feedstate.claim_due_feeds(engine, now=T0 + timedelta(days=1), worker="w", limit=5,
                                     lease=LEASE) == []


def test_entries_are_stored_once_and_backlog_is_not_new(engine: Engine) -> None:
    feed = _feed(engine)
    old = _entry("old", published=T0 - timedelta(days=30))
    fresh = [_entry("a"), _entry("b")]
    new = stories.store_entries(engine, feed.id, "Outlet", [old, *fresh], now=T0,
                                backlog_before=T0 - timedelta(days=3))
    assert sorted(s.entry_key for s in new) == ["a", "b"]
    again = stories.store_entries(engine, feed.id, "Outlet", [old, *fresh, _entry("c")],
                                  now=T0, backlog_before=None)
    assert [s.entry_key for s in again] == ["c"]
    # The feed is still leased (its poller is classifying them): not leftovers yet.
    assert stories.unclassified(engine, now=T0) == []
    assert unclassified_keys(engine) == ["a", "b", "c"]


def test_same_event_from_two_outlets_is_one_event_with_a_follow_up(engine: Engine) -> None:
    feed = _feed(engine)
    a, b = stories.store_entries(engine, feed.id, "O", [_entry("a"), _entry("b")], now=T0,
                                 backlog_before=None)
    [first] = _classify(engine, a, ("AT&T", "joined"))
    [second] = _classify(engine, b, ("AT&T Inc.", "joined"))
    assert first.is_new_event and not second.is_new_event
    assert first.event_id == second.event_id
    with engine.connect() as conn:
        kinds = conn.execute(select(deliveries.c.kind, func.count()).group_by(
            deliveries.c.kind).order_by(deliveries.c.kind)).all()
    assert [tuple(k) for k in kinds] == [("alert", 2), ("source", 2)]
    assert unclassified_keys(engine) == []


def unclassified_keys(engine: Engine) -> list[str]:
    """Leftovers once the poller's lease on the feed has ended."""
    return sorted(s.entry_key for s in stories.unclassified(engine, now=T0 + LEASE * 2))


def test_a_story_classified_twice_is_recorded_once(engine: Engine) -> None:
    """Two processes may both take a story for a leftover; the second verdict is a no-op."""
    feed = _feed(engine)
    [story] = stories.store_entries(engine, feed.id, "O", [_entry("a")], now=T0,
                                    backlog_before=None)
    assert len(_classify(engine, story, ("Cisco", "joined"))) == 1
    assert _classify(engine, story, ("Cisco", "joined")) == []
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(deliveries)).scalar_one() == 2
        assert conn.execute(select(func.count()).select_from(events)).scalar_one() == 1


def test_join_after_leave_and_outside_window_are_new_events(engine: Engine) -> None:
    feed = _feed(engine)
    late = T0 + timedelta(days=90)
    s1, s2, s3 = stories.store_entries(engine, feed.id, "O", [
        _entry("1"), _entry("2", published=T0 + timedelta(days=1)), _entry("3", late)],
        now=T0, backlog_before=None)
    _classify(engine, s1, ("Cisco", "joined"))
    [leave] = _classify(engine, s2, ("Cisco", "left"))
    [rejoin] = _classify(engine, s3, ("Cisco", "joined"))
    assert leave.is_new_event and rejoin.is_new_event
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(events)).scalar_one() == 3


def test_outbox_sends_in_order_per_destination_and_retries(engine: Engine) -> None:
    feed = _feed(engine)
    s1, s2 = stories.store_entries(engine, feed.id, "O", [_entry("1"), _entry("2")], now=T0,
                                   backlog_before=None)
    _classify(engine, s1, ("Cisco", "joined"), dest=("chat",))
    _classify(engine, s2, ("Dell", "joined"), dest=("chat",))
    policy = outbox.RetryPolicy(max_attempts=2, base_backoff=timedelta(seconds=10))
    [head] = outbox.claim_heads(engine, now=T0, worker="w", lease=LEASE)
    assert head.company == "Cisco" and head.kind == "alert"
    assert outbox.claim_heads(engine, now=T0, worker="w2", lease=LEASE) == []  # in flight
    status = outbox.mark_failed(engine, head.delivery_id, "HTTP 500", now=T0, policy=policy,
                                retry_after=60)
    assert status == outbox.PENDING
    # Dell must wait behind Cisco, which waits for Retry-After.
    assert outbox.claim_heads(engine, now=T0 + timedelta(seconds=30), worker="w",
                              lease=LEASE) == []
    [retry] = outbox.claim_heads(engine, now=T0 + timedelta(seconds=61), worker="w",
                                 lease=LEASE)
    assert retry.company == "Cisco"
    assert outbox.mark_failed(engine, retry.delivery_id, "HTTP 500", now=T0,
                              policy=policy) == outbox.DEAD
    [dell] = outbox.claim_heads(engine, now=T0 + timedelta(hours=2), worker="w", lease=LEASE)
    assert dell.company == "Dell"
    outbox.mark_sent(engine, dell.delivery_id, "m-2", now=T0)
    assert outbox.requeue(engine, now=T0, all_dead=True) == 1
    [cisco] = outbox.claim_heads(engine, now=T0, worker="w", lease=LEASE)
    assert cisco.company == "Cisco"


def test_follow_up_knows_the_original_message(engine: Engine) -> None:
    feed = _feed(engine)
    s1, s2 = stories.store_entries(engine, feed.id, "O", [_entry("1"), _entry("2")], now=T0,
                                   backlog_before=None)
    _classify(engine, s1, ("IBM", "joined"), dest=("chat",))
    _classify(engine, s2, ("IBM", "joined"), dest=("chat",))
    [alert] = outbox.claim_heads(engine, now=T0, worker="w", lease=LEASE)
    outbox.mark_sent(engine, alert.delivery_id, "ts-1", now=T0)
    [follow] = outbox.claim_heads(engine, now=T0, worker="w", lease=LEASE)
    assert follow.kind == "source" and follow.thread_of == "ts-1"


def test_in_flight_row_of_a_dead_worker_is_claimable_after_its_lease(engine: Engine) -> None:
    feed = _feed(engine)
    [s1] = stories.store_entries(engine, feed.id, "O", [_entry("1")], now=T0,
                                 backlog_before=None)
    _classify(engine, s1, ("Intel", "joined"), dest=("chat",))
    [claimed] = outbox.claim_heads(engine, now=T0, worker="dead", lease=LEASE)
    assert outbox.claim_heads(engine, now=T0 + LEASE / 2, worker="new", lease=LEASE) == []
    [again] = outbox.claim_heads(engine, now=T0 + LEASE * 2, worker="new", lease=LEASE)
    assert again.delivery_id == claimed.delivery_id


def test_company_key_ignores_forms() -> None:
    assert ledger.company_key("AT&T Inc.") == ledger.company_key("AT&T")
    assert ledger.company_key("Hewlett Packard Enterprise") != ledger.company_key("HP")
    assert ledger.company_key("Red Hat, Inc.") == ledger.company_key("red hat")
