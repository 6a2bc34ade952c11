"""The sender: claim due queue heads, post them, record the outcome.

One loop serves both queues of `bot.sendqueue`: alerts (`deliver_pending`) and
admin notices (`deliver_notices`), so retries, leases and error handling are
written once. A send is cut off before its lease runs out, so no other worker
can re-claim a row that is still being sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Generic, Protocol, TypeVar

from sqlalchemy import Engine

from bot import notices, outbox
from bot.alerts import Alert, Notice
from bot.notifiers.base import DeliveryError, Notifier
from bot.sendqueue import DEAD, RetryPolicy

log = logging.getLogger(__name__)

#: Share of the lease a single send may take.
SEND_SHARE_OF_LEASE = 0.8


class Queued(Protocol):
    @property
    def row_id(self) -> int: ...

    @property
    def destination(self) -> str: ...


Q = TypeVar("Q", bound=Queued)


@dataclass
class DeliveryStats:
    sent: int = 0
    failed: int = 0
    dead: int = 0
    errors: list[str] = field(default_factory=list)


class _Lane(Generic[Q]):
    """How one queue is claimed, posted and marked."""

    def claim(self, engine: Engine, *, now: datetime, worker: str, lease: timedelta,
              destinations: list[str]) -> list[Q]:
        raise NotImplementedError

    async def post(self, notifier: Notifier, item: Q) -> str | None:
        raise NotImplementedError

    def mark_sent(self, engine: Engine, row_id: int, message_id: str | None, *,
                  now: datetime) -> None:
        raise NotImplementedError

    def mark_failed(self, engine: Engine, row_id: int, error: str, *, now: datetime,
                    policy: RetryPolicy, retry_after: float | None, permanent: bool) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class _Alerts(_Lane[Alert]):
    admin_destination: str | None

    def claim(self, engine: Engine, *, now: datetime, worker: str, lease: timedelta,
              destinations: list[str]) -> list[Alert]:
        return outbox.claim_heads(engine, now=now, worker=worker, lease=lease,
                                  destinations=destinations)

    async def post(self, notifier: Notifier, item: Alert) -> str | None:
        return await notifier.send(item)

    def mark_sent(self, engine: Engine, row_id: int, message_id: str | None, *,
                  now: datetime) -> None:
        outbox.mark_sent(engine, row_id, message_id, now=now)

    def mark_failed(self, engine: Engine, row_id: int, error: str, *, now: datetime,
                    policy: RetryPolicy, retry_after: float | None, permanent: bool) -> str:
        return outbox.mark_failed(engine, row_id, error, now=now, policy=policy,
                                  retry_after=retry_after, permanent=permanent,
                                  admin_destination=self.admin_destination)


class _Notices(_Lane[Notice]):
    def claim(self, engine: Engine, *, now: datetime, worker: str, lease: timedelta,
              destinations: list[str]) -> list[Notice]:
        return notices.claim(engine, now=now, worker=worker, lease=lease,
                             destinations=destinations)

    async def post(self, notifier: Notifier, item: Notice) -> str | None:
        return await notifier.send_notice(item)

    def mark_sent(self, engine: Engine, row_id: int, message_id: str | None, *,
                  now: datetime) -> None:
        notices.mark_sent(engine, row_id, message_id, now=now)

    def mark_failed(self, engine: Engine, row_id: int, error: str, *, now: datetime,
                    policy: RetryPolicy, retry_after: float | None, permanent: bool) -> str:
        return notices.mark_failed(engine, row_id, error, now=now, policy=policy,
                                   retry_after=retry_after, permanent=permanent)


@dataclass(frozen=True)
class Sender:
    """Delivers due rows to the notifiers it is given, one row per destination at a time."""

    engine: Engine
    notifiers: Mapping[str, Notifier]
    worker: str
    policy: RetryPolicy
    clock: Callable[[], datetime]
    lease: timedelta = timedelta(minutes=2)
    max_rounds: int = 1000
    #: Where notices about dead deliveries go (None: only logged).
    admin_destination: str | None = None

    async def deliver_pending(self) -> DeliveryStats:
        """Send alerts until none is due; rows for destinations we do not serve wait."""
        return await self._drain(_Alerts(self.admin_destination))

    async def deliver_notices(self) -> DeliveryStats:
        """Send admin notices until none is due."""
        return await self._drain(_Notices())

    async def _drain(self, lane: _Lane[Q]) -> DeliveryStats:
        stats = DeliveryStats()
        for _ in range(self.max_rounds):
            batch = await asyncio.to_thread(
                lane.claim, self.engine, now=self.clock(), worker=self.worker,
                lease=self.lease, destinations=list(self.notifiers))
            if not batch:
                break
            await asyncio.gather(*(self._send_one(lane, item, stats) for item in batch))
        return stats

    async def _send_one(self, lane: _Lane[Q], item: Q, stats: DeliveryStats) -> None:
        notifier = self.notifiers[item.destination]
        limit = self.lease.total_seconds() * SEND_SHARE_OF_LEASE
        try:
            async with asyncio.timeout(limit):
                message_id = await lane.post(notifier, item)
        except DeliveryError as err:
            await self._failed(lane, item, str(err), err.retry_after, err.permanent, stats)
            return
        except TimeoutError:
            await self._failed(lane, item, f"no answer within {limit:.0f}s", None, False, stats)
            return
        except Exception as err:  # a bug in an adapter must not stop other destinations
            log.exception("notifier crashed", extra={"destination": item.destination,
                                                     "row_id": item.row_id})
            await self._failed(lane, item, f"internal error: {err!r}", None, False, stats)
            return
        await asyncio.to_thread(lane.mark_sent, self.engine, item.row_id, message_id,
                                now=self.clock())
        stats.sent += 1

    async def _failed(self, lane: _Lane[Q], item: Q, error: str, retry_after: float | None,
                      permanent: bool, stats: DeliveryStats) -> None:
        status = await asyncio.to_thread(
            lane.mark_failed, self.engine, item.row_id, error, now=self.clock(),
            policy=self.policy, retry_after=retry_after, permanent=permanent)
        log.warning("delivery failed: %s", error, extra={
            "destination": item.destination, "row_id": item.row_id, "status": status})
        stats.errors.append(f"{item.destination}: {error}")
        if status == DEAD:
            stats.dead += 1
        else:
            stats.failed += 1
