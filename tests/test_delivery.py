"""The sender loop over a real outbox: order, retries, dead rows, console output."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from rich.console import Console
from sqlalchemy import Engine, select

from bot import outbox
from bot.alerts import Alert
from bot.delivery import Sender
from bot.notifiers.base import DeliveryError
from bot.notifiers.console import ConsoleNotifier
from bot.storage.schema import deliveries
from tests.clock import Clock
from tests.ledger_helpers import add_story

T0 = datetime(2026, 6, 1, tzinfo=UTC)


class FlakyChat:
    """A chat platform stand-in: fails the first `failures` calls, records what it got."""

    def __init__(self, name: str, failures: int = 0, retry_after: float | None = None,
                 permanent: bool = False) -> None:
        self.name = name
        self.failures = failures
        self.retry_after = retry_after
        self.permanent = permanent
        self.received: list[Alert] = []

    async def send(self, alert: Alert) -> str | None:
        if self.failures:
            self.failures -= 1
            raise DeliveryError("HTTP 500", retry_after=self.retry_after,
                                permanent=self.permanent)
        self.received.append(alert)
        return f"m{len(self.received)}"

    async def close(self) -> None:
        return None


def sender(engine: Engine, clock: Clock, **chats: FlakyChat | ConsoleNotifier) -> Sender:
    return Sender(engine=engine, notifiers=chats, worker="t", clock=clock,
                  policy=outbox.RetryPolicy(max_attempts=3, base_backoff=timedelta(seconds=10)))


async def test_alerts_arrive_once_in_event_order_per_destination(engine: Engine) -> None:
    for i, company in enumerate(["Cisco", "Dell", "Intel"]):
        add_story(engine, f"s{i}", [(company, "joined")], when=T0, destinations=("a", "b"))
    add_story(engine, "s9", [("Dell", "joined")], when=T0, destinations=("a", "b"))
    clock, a, b = Clock(T0), FlakyChat("a"), FlakyChat("b")
    stats = await sender(engine, clock, a=a, b=b).deliver_pending()
    assert stats.sent == 8
    for chat in (a, b):
        assert [(x.company, x.kind) for x in chat.received] == [
            ("Cisco", "alert"), ("Dell", "alert"), ("Intel", "alert"), ("Dell", "source")]
        assert chat.received[3].thread_of == "m2"  # the follow-up knows the Dell alert
        assert chat.received[3].other_sources == ("Outlet: Story s1",)
        assert chat.received[1].other_sources == ()
    again = await sender(engine, clock, a=a, b=b).deliver_pending()
    assert again.sent == 0 and len(a.received) == 4


async def test_outage_then_recovery_delivers_once(engine: Engine) -> None:
    add_story(engine, "s1", [("Cisco", "joined")], when=T0, destinations=("a",))
    clock, a = Clock(T0), FlakyChat("a", failures=2, retry_after=30)
    s = sender(engine, clock, a=a)
    first = await s.deliver_pending()
    assert first.failed == 1 and a.received == []
    clock.now += timedelta(seconds=31)
    assert (await s.deliver_pending()).failed == 1
    clock.now += timedelta(minutes=5)
    assert (await s.deliver_pending()).sent == 1
    assert [x.company for x in a.received] == ["Cisco"]


async def test_rows_past_the_attempt_limit_are_dead_and_can_be_requeued(engine: Engine) -> None:
    add_story(engine, "s1", [("Cisco", "joined")], when=T0, destinations=("a",))
    clock, a = Clock(T0), FlakyChat("a", failures=3)
    s = sender(engine, clock, a=a)
    for _ in range(3):
        await s.deliver_pending()
        clock.now += timedelta(hours=1)
    with engine.connect() as conn:
        assert conn.execute(select(deliveries.c.status)).scalar_one() == "dead"
    assert outbox.requeue(engine, now=clock.now, all_dead=True) == 1
    assert (await s.deliver_pending()).sent == 1


async def test_permanent_error_is_dead_at_once_and_does_not_block_others(
        engine: Engine) -> None:
    add_story(engine, "s1", [("Cisco", "joined")], when=T0, destinations=("gone", "ok"))
    clock = Clock(T0)
    gone, ok = FlakyChat("gone", failures=1, permanent=True), FlakyChat("ok")
    stats = await sender(engine, clock, gone=gone, ok=ok).deliver_pending()
    assert stats.dead == 1 and stats.sent == 1 and len(ok.received) == 1


async def test_rows_for_unserved_destinations_wait(engine: Engine) -> None:
    add_story(engine, "s1", [("Cisco", "joined")], when=T0, destinations=("later",))
    clock = Clock(T0)
    assert (await sender(engine, clock, a=FlakyChat("a")).deliver_pending()).sent == 0
    later = FlakyChat("later")
    assert (await sender(engine, clock, later=later).deliver_pending()).sent == 1


async def test_console_output_is_inert(engine: Engine) -> None:
    add_story(engine, "s1", [("[bold]Evil\x1b[31m Corp", "joined")], when=T0,
              destinations=("console",), title="<!channel> \x07 @everyone")
    out = io.StringIO()
    console = ConsoleNotifier("console", Console(file=out, width=200, color_system=None))
    assert (await sender(engine, Clock(T0), console=console).deliver_pending()).sent == 1
    text = out.getvalue()
    assert "[bold]Evil[31m Corp joined OpenStack" in text  # markup printed literally
    assert "\x1b" not in text and "\x07" not in text


async def test_a_rate_limit_holds_the_next_row_too(engine: Engine) -> None:
    add_story(engine, "s1", [("Cisco", "joined")], when=T0, destinations=("a",))
    add_story(engine, "s2", [("Dell", "joined")], when=T0, destinations=("a",))
    clock, a = Clock(T0), FlakyChat("a", failures=3, retry_after=600)
    s = sender(engine, clock, a=a)
    for _ in range(3):  # the third failure is the last attempt: Cisco is dead
        await s.deliver_pending()
        clock.now += timedelta(seconds=601)
    clock.now -= timedelta(seconds=601)
    assert (await s.deliver_pending()).sent == 0  # Dell waits out the rate limit as well
    clock.now += timedelta(seconds=601)
    assert (await s.deliver_pending()).sent == 1 and [x.company for x in a.received] == ["Dell"]
