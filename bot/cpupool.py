"""CPU-bound work (parsing feeds, extracting articles) on every core, off the event loop.

Each worker is a child Python process (`python -m bot.cpupool`) that runs one
job at a time: a picklable module-level function and its arguments, sent over
its stdin as a length-prefixed pickle, answered the same way on a private
copy of its stdout. One job per worker is what makes failures cheap: a worker
that dies (a parser crash, the OOM killer) or overruns `job_timeout` costs
exactly the job it was running; it is killed and replaced on the next call.

Why not `ProcessPoolExecutor`: a dead worker breaks the whole executor and
every job in it, a runaway job cannot be stopped, and its children re-import
the parent's `__main__` (the whole bot, tens of MB per worker). These workers
import only what their jobs need.

With `workers=1` jobs run in a thread of this process instead (one core: a
child process would only add copying).
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import pickle
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, TypeVar, cast

T = TypeVar("T")

_HEADER = 8
_PIPE_BYTES = 1 << 20
_ROOT = str(Path(__file__).resolve().parents[1])


class CpuPoolError(Exception):
    """A job failed because of its worker, not because the job raised."""


class WorkerCrashedError(CpuPoolError):
    """The worker process died while running the job."""


class WorkerTimeoutError(CpuPoolError):
    """The job ran longer than the pool's `job_timeout`; its worker was killed."""


class _Worker:
    """One child process and its two pipes."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        assert proc.stdin is not None and proc.stdout is not None
        self.stdin, self.stdout = proc.stdin, proc.stdout

    @classmethod
    async def start(cls) -> _Worker:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_ROOT, env.get("PYTHONPATH")) if p)
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cpupool", env=env,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        return cls(proc)

    async def call(self, payload: bytes) -> bytes:
        self.stdin.write(len(payload).to_bytes(_HEADER, "big"))
        self.stdin.write(payload)
        await self.stdin.drain()
        size = int.from_bytes(await self.stdout.readexactly(_HEADER), "big")
        return await self.stdout.readexactly(size)

    async def kill(self) -> int | None:
        """SIGKILL it (unless it is known to have exited) and return its exit status.

        Not `proc.kill()`: before Python 3.13 that polls the child first and, when it has
        just died, can reap it under asyncio's own watcher, which then reports exit status
        255 instead of the signal that killed it (CPython gh-87744). 3.13 signals directly.
        """
        if self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.proc.pid, signal.SIGKILL)
        return await self.proc.wait()

    async def stop(self, grace: float) -> None:
        """Close its stdin (the worker exits at end of input); kill it if it lingers."""
        with contextlib.suppress(ConnectionError, RuntimeError):
            self.stdin.close()
        try:
            await asyncio.wait_for(self.proc.wait(), grace)
        except TimeoutError:
            await self.kill()


class CpuPool:
    """Runs `fn(*args)` in one of `workers` child processes (threads when `workers == 1`).

    `run` waits for a free worker, which bounds the work (and the bodies) in
    flight. Call `close()` when done; jobs still running are killed after `grace`.
    """

    def __init__(self, workers: int, *, job_timeout: float = 60.0) -> None:
        if workers < 1:
            raise ValueError("a pool needs at least one worker")
        if job_timeout <= 0:
            raise ValueError("job_timeout must be positive")
        self.workers = workers
        self.job_timeout = job_timeout
        self._idle: asyncio.Queue[_Worker | None] | None = None
        self._live: set[_Worker] = set()
        self._closed = False

    @property
    def uses_processes(self) -> bool:
        return self.workers > 1

    def worker_pids(self) -> list[int]:
        return [w.proc.pid for w in self._live]

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` in a worker; its own exceptions are re-raised here.

        `CpuPoolError` means the worker, not `fn`, failed; the pool stays usable.
        """
        if self._closed:
            raise CpuPoolError("the pool is closed")
        if not self.uses_processes:
            return await asyncio.to_thread(fn, *args)
        idle = self._queue()
        worker = await idle.get()
        try:
            payload = pickle.dumps((fn, args), protocol=pickle.HIGHEST_PROTOCOL)
            if worker is None:
                worker = await _Worker.start()
                self._live.add(worker)
            answer = await self._call(worker, payload)
        except BaseException:
            if worker is not None:  # mid-job or dead: never reuse it
                self._live.discard(worker)
                await worker.kill()
            idle.put_nowait(None)
            raise
        idle.put_nowait(worker)
        ok, value = _loads(answer)
        if ok:
            return cast(T, value)
        raise value

    async def _call(self, worker: _Worker, payload: bytes) -> bytes:
        try:
            async with asyncio.timeout(self.job_timeout):
                return await worker.call(payload)
        except TimeoutError:
            raise WorkerTimeoutError(
                f"job ran longer than {self.job_timeout:g}s; worker killed") from None
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            code = await worker.kill()
            raise WorkerCrashedError(f"worker process died (exit status {code})") from exc

    def _queue(self) -> asyncio.Queue[_Worker | None]:
        if self._idle is None:  # made lazily: it must belong to the running loop
            self._idle = asyncio.Queue()
            for _ in range(self.workers):
                self._idle.put_nowait(None)  # a slot; its process starts on first use
        return self._idle

    async def close(self, grace: float = 5.0) -> None:
        """Stop every worker; idempotent."""
        self._closed = True
        live, self._live = self._live, set()
        await asyncio.gather(*(w.stop(grace) for w in live))


def _loads(answer: bytes) -> tuple[bool, Any]:
    try:
        ok, value = pickle.loads(answer)
    except Exception as exc:  # e.g. an exception class that cannot be rebuilt here
        return False, CpuPoolError(f"unreadable answer from worker: {exc!r}")
    return bool(ok), value


# --- the worker side ------------------------------------------------------------------------


def _serve(inp: BinaryIO, out: BinaryIO) -> None:
    """Answer jobs until end of input."""
    while len(head := inp.read(_HEADER)) == _HEADER:
        fn, args = pickle.loads(inp.read(int.from_bytes(head, "big")))
        try:
            result: tuple[bool, Any] = (True, fn(*args))
        except Exception as exc:
            result = (False, exc)
        try:
            blob = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            blob = pickle.dumps((False, CpuPoolError(
                f"{getattr(fn, '__name__', fn)!s}: result cannot be sent back: {exc!r}")))
        out.write(len(blob).to_bytes(_HEADER, "big") + blob)
        out.flush()


def _widen(fd: int) -> None:
    """Pipes of 1 MiB (Linux): a job or an answer then crosses in one write, not in
    64 KiB pieces that each wake the other side. Either end may resize a pipe."""
    size_op = getattr(fcntl, "F_SETPIPE_SZ", None)
    if size_op is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, size_op, _PIPE_BYTES)


def main() -> None:
    # Ctrl-C reaches the whole process group: the parent decides when workers stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The protocol owns the real stdout; anything a job prints goes to stderr.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    _widen(0)
    _widen(out.fileno())
    from bot.malloc import return_big_blocks_to_os  # bodies churn here too

    return_big_blocks_to_os()
    with contextlib.suppress(BrokenPipeError):
        _serve(sys.stdin.buffer, out)


if __name__ == "__main__":
    main()
