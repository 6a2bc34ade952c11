"""JobScheduler.stop waits for running jobs where APScheduler's shutdown would cancel them."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.jobs import JobScheduler


async def test_stop_lets_a_running_job_finish_and_starts_no_new_one() -> None:
    started, finished = asyncio.Event(), []

    async def slow() -> None:
        started.set()
        await asyncio.sleep(0.3)
        finished.append(datetime.now(UTC))

    scheduler = JobScheduler(timezone=UTC)
    scheduler.add_job(slow, "interval", seconds=0.05, next_run_time=datetime.now(UTC),
                      max_instances=1, coalesce=True)
    scheduler.start()
    await asyncio.wait_for(started.wait(), 5)
    assert scheduler.running_jobs == 1
    await asyncio.wait_for(scheduler.stop(), 5)
    assert len(finished) == 1 and scheduler.running_jobs == 0 and not scheduler.running
    await asyncio.sleep(0.2)
    assert len(finished) == 1  # nothing ran after the stop


async def test_stopping_an_idle_or_stopped_scheduler_returns_at_once() -> None:
    scheduler = JobScheduler(timezone=UTC)
    await asyncio.wait_for(scheduler.stop(), 1)  # never started
    scheduler.start()
    await asyncio.wait_for(scheduler.stop(), 1)
    assert not scheduler.running
