"""`stackwatch deliveries`: what is waiting or dead in the outbox (and among admin
notices), and requeueing dead deliveries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from sqlalchemy import select

from bot import outbox
from bot.config import Config
from bot.storage import open_database
from bot.storage.schema import deliveries, events, notices


def list_or_retry(config: Config, console: Console, *, retry: bool, ids: list[int],
                  dead: bool) -> int:
    db = open_database(config.database_url)
    try:
        if retry:
            if not ids and not dead:
                console.print("[red]deliveries retry:[/red] give delivery IDs or --dead")
                return 2
            count = outbox.requeue(db.engine, now=datetime.now(UTC), ids=ids, all_dead=dead)
            console.print(f"{count} deliveries requeued")
            return 0
        unfinished = (outbox.PENDING, outbox.SENDING, outbox.DEAD)
        with db.engine.connect() as conn:
            rows = conn.execute(
                select(deliveries, events.c.company, events.c.action)
                .join(events, events.c.id == deliveries.c.event_id)
                .where(deliveries.c.status.in_((outbox.DEAD,) if dead else unfinished))
                .order_by(deliveries.c.id)).all()
            waiting = conn.execute(select(notices).where(notices.c.status.in_(unfinished))
                                   .order_by(notices.c.id)).all()
        console.print(_table(rows) if rows else
                      "No dead deliveries." if dead else "No pending or dead deliveries.")
        if waiting:
            console.print(_notice_table(waiting))
        return 0
    finally:
        db.dispose()


def _table(rows: Sequence[Any]) -> Table:
    table = Table("id", "status", "destination", "event", "attempts", "next attempt",
                  "last error")
    for r in rows:
        table.add_row(str(r.id), r.status, escape(r.destination),
                      escape(f"{r.company} {r.action}"), str(r.attempts),
                      f"{r.next_attempt_at:%Y-%m-%d %H:%M}", escape(r.last_error or ""))
    return table


def _notice_table(rows: Sequence[Any]) -> Table:
    table = Table("notice", "status", "destination", "attempts", "text", "last error",
                  title="Admin notices not yet delivered")
    for r in rows:
        first_line = r.text.splitlines()[0] if r.text else ""
        table.add_row(str(r.id), r.status, escape(r.destination or ""), str(r.attempts),
                      escape(first_line), escape(r.last_error or ""))
    return table
