"""The service's scheduler, stopped without cutting a running job short.

APScheduler 3's `shutdown()` cancels coroutine jobs that are still running: a
sweep stops mid-feed, a heartbeat mid-write, and each logs a traceback.
`JobScheduler.stop()` pauses it (no new runs), waits for the running jobs to
return, and only then shuts it down.
"""

from __future__ import annotations

import asyncio

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_SUBMITTED,
    JobEvent,
)
from apscheduler.schedulers.asyncio import AsyncIOScheduler


class JobScheduler(AsyncIOScheduler):  # type: ignore[misc]
    """An `AsyncIOScheduler` that counts its running jobs, so a stop can wait for them."""

    def __init__(self, **options: object) -> None:
        super().__init__(**options)
        self._running_jobs = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self.add_listener(self._count,
                          EVENT_JOB_SUBMITTED | EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)

    def _count(self, event: JobEvent) -> None:
        if event.code == EVENT_JOB_SUBMITTED:
            self._running_jobs += 1
        elif event.code in (EVENT_JOB_EXECUTED, EVENT_JOB_ERROR):
            self._running_jobs = max(self._running_jobs - 1, 0)
        if self._running_jobs:
            self._idle.clear()
        else:
            self._idle.set()

    @property
    def running_jobs(self) -> int:
        return self._running_jobs

    async def stop(self) -> None:
        """No new runs; let the running ones finish; then shut down."""
        if not self.running:
            return
        self.pause()
        await self._idle.wait()
        self.shutdown(wait=False)
