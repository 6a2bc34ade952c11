"""The sender loop: claim due outbox heads, post them, record the outcome."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine

from bot import outbox
from bot.alerts import Alert
from bot.notifiers.base import DeliveryError, Notifier

log = logging.getLogger(__name__)


@dataclass
class DeliveryStats:
    sent: int = 0
    failed: int = 0
    dead: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Sender:
    """Delivers pending rows to the notifiers it is given, one row per destination at a time."""

    engine: Engine
    notifiers: Mapping[str, Notifier]
    worker: str
    policy: outbox.RetryPolicy
    clock: Callable[[], datetime]
    lease: timedelta = timedelta(minutes=2)
    max_rounds: int = 1000

    async def deliver_pending(self) -> DeliveryStats:
        """Send until nothing is due; rows for destinations we do not serve are left alone."""
        stats = DeliveryStats()
        for _ in range(self.max_rounds):
            batch = await asyncio.to_thread(
                outbox.claim_heads, self.engine, now=self.clock(), worker=self.worker,
                lease=self.lease, destinations=list(self.notifiers))
            if not batch:
                break
            await asyncio.gather(*(self._send_one(alert, stats) for alert in batch))
        return stats

    async def _send_one(self, alert: Alert, stats: DeliveryStats) -> None:
        notifier = self.notifiers[alert.destination]
        try:
            message_id = await notifier.send(alert)
        except DeliveryError as err:
            await self._failed(alert, str(err), err.retry_after, err.permanent, stats)
            return
        except Exception as err:  # a bug in an adapter must not stop other destinations
            log.exception("notifier crashed", extra={"destination": alert.destination,
                                                     "event_id": alert.event_id})
            await self._failed(alert, f"internal error: {err!r}", None, False, stats)
            return
        await asyncio.to_thread(outbox.mark_sent, self.engine, alert.delivery_id, message_id,
                                now=self.clock())
        stats.sent += 1

    async def _failed(self, alert: Alert, error: str, retry_after: float | None,
                      permanent: bool, stats: DeliveryStats) -> None:
        status = await asyncio.to_thread(
            outbox.mark_failed, self.engine, alert.delivery_id, error, now=self.clock(),
            policy=self.policy, retry_after=retry_after, permanent=permanent)
        log.warning("delivery failed: %s", error, extra={
            "destination": alert.destination, "event_id": alert.event_id, "status": status})
        stats.errors.append(f"{alert.destination}: {error}")
        if status == outbox.DEAD:
            stats.dead += 1
        else:
            stats.failed += 1
