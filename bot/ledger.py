"""The event ledger: one membership event, however many outlets report it.

A classified story's events are merged into the ledger in the same transaction
that writes its verdict and the outbox rows, so a crash can never leave an event
without its deliveries (or deliveries for an event that does not exist).
Merge rule: the company's latest event absorbs a report of the same action
within the merge window; anything else (the other action, or later than the
window) starts a new event, so a join after a leave is news again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, bindparam, select

from bot.storage.dialect import insert_ignoring_conflicts, serialise
from bot.storage.schema import deliveries, event_sources, events, stories, verdicts
from bot.stories import StoryRow
from classifiers.companykey import company_key
from classifiers.model import Event, Verdict

__all__ = ["company_key"]

@dataclass(frozen=True)
class LedgerChange:
    event_id: int
    source_id: int
    company: str
    action: str
    is_new_event: bool


@dataclass(frozen=True)
class VerdictJob:
    """One classified story, as one item of `record_verdicts`.

    `text` is the story's better text (from its article page) when one was fetched.
    """

    story: StoryRow
    verdict: Verdict
    destinations: Sequence[str]
    text: str | None = None


def record_verdict(engine: Engine, story: StoryRow, verdict: Verdict, *,
                   destinations: Sequence[str], merge_window: timedelta,
                   now: datetime) -> list[LedgerChange]:
    """Store the verdict, merge its events into the ledger and enqueue deliveries."""
    [changes] = record_verdicts(engine, [VerdictJob(story, verdict, destinations)],
                                merge_window=merge_window, now=now)
    return changes


def record_verdicts(engine: Engine, jobs: Sequence[VerdictJob], *, merge_window: timedelta,
                    now: datetime) -> list[list[LedgerChange]]:
    """`record_verdict` for several stories in one transaction, in order."""
    if not jobs:
        return []
    story_ids = [job.story.id for job in jobs]
    with engine.begin() as conn:
        lock_companies(conn, [e.company for job in jobs for e in job.verdict.events])
        stored = set(conn.execute(
            insert_ignoring_conflicts(conn, verdicts, ["story_id"])
            .returning(verdicts.c.story_id),
            [{"story_id": job.story.id, "flagged": job.verdict.flagged, "created_at": now,
              "events": [_event_json(e) for e in job.verdict.events]} for job in jobs],
        ).scalars())
        # A story missing from `stored` was classified by another process first.
        jobs = [job for job in jobs if job.story.id in stored]
        done = stories.update().where(stories.c.id == bindparam("b_id"))
        plain = [{"b_id": job.story.id} for job in jobs if job.text is None]
        with_text = [{"b_id": job.story.id, "b_text": job.text} for job in jobs
                     if job.text is not None]
        if plain:
            conn.execute(done.values(status="classified"), plain)
        if with_text:
            conn.execute(done.values(status="classified", text=bindparam("b_text")), with_text)
        merged = {job.story.id: _merge_events(conn, job, merge_window, now) for job in jobs}
    return [merged.get(story_id, []) for story_id in story_ids]


def lock_companies(conn: Connection, companies: Sequence[str]) -> None:
    """Hold these companies' ledger entries until the transaction ends.

    Two processes recording the same company at once would each find no event
    and both start one (two alerts); in sorted order, they queue instead of
    deadlocking.
    """
    for key in sorted({company_key(name) for name in companies}):
        serialise(conn, f"company:{key}")


def _merge_events(conn: Connection, job: VerdictJob, merge_window: timedelta,
                  now: datetime) -> list[LedgerChange]:
    occurred = job.story.published_at or now
    changes: list[LedgerChange] = []
    for event in job.verdict.events:
        change = _merge(conn, job.story, event, occurred, merge_window, now)
        if change is None:
            continue
        changes.append(change)
        _enqueue(conn, change, job.destinations, now)
    return changes


def _merge(conn: Connection, story: StoryRow, event: Event, occurred: datetime,
           window: timedelta, now: datetime) -> LedgerChange | None:
    key = company_key(event.company)
    latest = conn.execute(
        select(events).where(events.c.company_key == key)
        .order_by(events.c.last_seen_at.desc(), events.c.id.desc()).limit(1)
        .with_for_update()
    ).first()
    merges = (latest is not None and latest.action == event.action
              and abs(occurred - latest.last_seen_at) <= window)
    if merges:
        assert latest is not None
        event_id = latest.id
        if occurred > latest.last_seen_at:
            conn.execute(events.update().where(events.c.id == event_id)
                         .values(last_seen_at=occurred))
    else:
        event_id = conn.execute(events.insert().values(
            company=event.company, company_key=key, action=event.action,
            first_seen_at=occurred, last_seen_at=occurred, created_at=now,
        ).returning(events.c.id)).scalar_one()
    source_id = conn.execute(
        insert_ignoring_conflicts(conn, event_sources, ["event_id", "story_id"]).values(
            event_id=event_id, story_id=story.id, evidence=event.evidence, rule=event.rule,
            confidence=event.confidence, created_at=now,
        ).returning(event_sources.c.id)
    ).scalar_one_or_none()
    if source_id is None:  # the same story reported the same event twice
        return None
    return LedgerChange(event_id=event_id, source_id=source_id, company=event.company,
                        action=event.action, is_new_event=not merges)


def _enqueue(conn: Connection, change: LedgerChange, destinations: Sequence[str],
             now: datetime) -> None:
    if not destinations:
        return
    kind = "alert" if change.is_new_event else "source"
    rows = [{"event_id": change.event_id, "source_id": change.source_id, "kind": kind,
             "destination": name, "status": "pending", "attempts": 0,
             "next_attempt_at": now, "created_at": now} for name in destinations]
    conn.execute(insert_ignoring_conflicts(
        conn, deliveries, ["event_id", "destination", "source_id"]), rows)


def _event_json(event: Event) -> dict[str, object]:
    return {"company": event.company, "action": event.action, "evidence": event.evidence,
            "rule": event.rule, "confidence": event.confidence}
