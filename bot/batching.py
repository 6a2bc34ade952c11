"""Group database writes made close together into one transaction.

A sweep of thousands of feeds makes thousands of small writes (a feed's new
stories, its next check time, a story's verdict). One transaction each costs a
thread hop and a commit per feed; a `Batcher` lets callers write one item and
await its own result, while a single flusher applies everything that queued
up meanwhile in one call (one transaction). A flush first waits `linger`
seconds for company; items that arrive while a flush runs go in the next one.

If a batch fails, each of its items is retried alone, so one bad item fails
only its own caller.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from typing import Generic, TypeVar

I = TypeVar("I")  # noqa: E741 - the usual name for an item type
R = TypeVar("R")

log = logging.getLogger(__name__)


class Batcher(Generic[I, R]):
    """`await submit(item)` → `apply_many([... item ...])[i]`, run in `executor`
    (the loop's default one when None)."""

    def __init__(self, apply_many: Callable[[Sequence[I]], Sequence[R]], *,
                 executor: Executor | None = None, max_items: int = 200,
                 linger: float = 0.05, name: str = "batch") -> None:
        if max_items < 1 or linger < 0:
            raise ValueError("max_items must be at least 1 and linger not negative")
        self._apply = apply_many
        self._executor = executor
        self._max = max_items
        self._linger = linger
        self._name = name
        self._pending: list[tuple[I, asyncio.Future[R]]] = []
        self._flusher: asyncio.Task[None] | None = None

    async def submit(self, item: I) -> R:
        future: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self._pending.append((item, future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush())
        return await future

    async def _flush(self) -> None:
        # Wait a moment for company: callers finishing close together share a transaction.
        await asyncio.sleep(self._linger)
        while self._pending:
            batch, self._pending = self._pending[:self._max], self._pending[self._max:]
            try:
                results = await self._call([item for item, _ in batch])
            except Exception:
                log.warning("%s of %d failed; retrying items one by one", self._name,
                            len(batch), exc_info=True)
                await self._one_by_one(batch)
                continue
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)

    async def _call(self, items: list[I]) -> Sequence[R]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._apply, items)

    async def _one_by_one(self, batch: list[tuple[I, asyncio.Future[R]]]) -> None:
        for item, future in batch:
            try:
                [result] = await self._call([item])
            except Exception as err:
                if not future.done():
                    future.set_exception(err)
            else:
                if not future.done():
                    future.set_result(result)
