"""bot.cpupool: real worker processes; a crash or a hang costs one job, never the pool."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator

import psutil
import pytest

from bot.cpupool import CpuPool, CpuPoolError, WorkerCrashedError, WorkerTimeoutError
from tests import cpujobs
from watchers.errors import FeedParseError
from watchers.sources import parse_source

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
async def pool() -> AsyncIterator[CpuPool]:
    pool = CpuPool(2, job_timeout=2)
    yield pool
    await pool.close()


async def test_jobs_run_in_child_processes_on_every_worker(pool: CpuPool) -> None:
    pids = set(await asyncio.gather(*(pool.run(cpujobs.pid) for _ in range(8))))
    assert os.getpid() not in pids and 1 <= len(pids) <= 2
    assert await pool.run(cpujobs.add, 2, 3) == 5
    assert {p.pid for p in psutil.Process().children()} >= pids


async def test_a_job_exception_comes_back_with_its_type(pool: CpuPool) -> None:
    with pytest.raises(ValueError, match="bad input"):
        await pool.run(cpujobs.fail, "bad input")
    with pytest.raises(FeedParseError, match="not an RSS, Atom or JSON feed"):
        await pool.run(parse_source, b"<html>not a feed</html>", "http://x/", None)
    assert await pool.run(cpujobs.add, 1, 1) == 2  # the worker survived both


async def test_a_crash_costs_only_its_own_job(pool: CpuPool) -> None:
    await asyncio.gather(*(pool.run(cpujobs.nap, 0.2) for _ in range(2)))  # start both
    before = set(pool.worker_pids())
    results = await asyncio.gather(pool.run(cpujobs.die), pool.run(cpujobs.nap, 0.3),
                                   return_exceptions=True)
    assert isinstance(results[0], WorkerCrashedError) and "exit status -9" in str(results[0])
    assert results[1] == 0.3  # the job on the other worker finished
    dead = {pid for pid in before if not psutil.pid_exists(pid)}
    assert len(dead) == 1
    assert await asyncio.gather(*(pool.run(cpujobs.add, i, 1) for i in range(4))) == [1, 2, 3, 4]
    assert dead.isdisjoint(pool.worker_pids()) and len(pool.worker_pids()) == 2


async def test_a_runaway_job_is_killed_at_the_timeout(pool: CpuPool) -> None:
    with pytest.raises(WorkerTimeoutError, match="longer than 2s"):
        await pool.run(cpujobs.nap, 30)
    assert await pool.run(cpujobs.add, 2, 2) == 4


async def test_close_stops_every_worker_and_refuses_new_jobs() -> None:
    pool = CpuPool(2)
    pids = set(await asyncio.gather(*(pool.run(cpujobs.nap, 0.2) for _ in range(2))))
    workers = pool.worker_pids()
    assert len(workers) == 2 and pids
    await pool.close()
    assert not any(psutil.pid_exists(pid) for pid in workers)
    with pytest.raises(CpuPoolError, match="closed"):
        await pool.run(cpujobs.add, 1, 2)


async def test_one_worker_means_a_thread_of_this_process() -> None:
    pool = CpuPool(1)
    assert await pool.run(cpujobs.pid) == os.getpid()
    assert pool.worker_pids() == []
    await pool.close()
