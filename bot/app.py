"""The composition root: builds every part once from a Config and runs them on one loop.

`App.open(config)` checks the database and the classifier rules before anything
runs; `running()` assembles the parts for a process's roles (registry, singletons,
HTTP session, parser workers, notifiers); `run_once()` is one sweep plus delivery;
`serve()` is the long-running service (bot.service).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console
from sqlalchemy import Connection

from bot import __version__, feedstate, notices, outbox, processes
from bot.classifying import build_classifier
from bot.commands import CommandContext
from bot.config import Config, ConfigError, load_config
from bot.cpupool import CpuPool
from bot.delivery import DeliveryStats, Sender
from bot.feedstate import FeedRow
from bot.jobs import JobScheduler
from bot.malloc import return_big_blocks_to_os
from bot.notifiers.base import Notifier
from bot.notifiers.factory import build_notifiers
from bot.pipeline import Pipeline, SweepStats
from bot.processes import ProcessInfo
from bot.roles import ROLES, singletons_for
from bot.settings import (
    admin_destination,
    feed_plans,
    feed_specs,
    fetch_limits,
    retry_policy,
    sweep_settings,
)
from bot.singletons import Singletons, locks_for
from bot.storage import Database, open_database
from bot.storage.lock import sqlite_process_lock
from classifiers import Classifier, RuleError
from watchers.http import Fetcher, make_session

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class RunReport:
    sweep: SweepStats
    delivery: DeliveryStats


@dataclass
class Running:
    """The parts of one running process; `pipeline` and `sender` exist only for their roles."""

    pipeline: Pipeline | None
    sender: Sender | None
    singletons: Singletons
    scheduler: JobScheduler


@dataclass
class App:
    config: Config
    db: Database
    classifier: Classifier
    console: Console
    clock: Callable[[], datetime] = utcnow
    worker: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}:"
                                                f"{uuid.uuid4().hex[:6]}")
    started_at: datetime = field(default_factory=utcnow)
    config_path: Path | None = None
    roles: tuple[str, ...] = ROLES
    _pipeline: Pipeline | None = field(default=None, init=False, repr=False)

    @classmethod
    def open(cls, config: Config, *, console: Console | None = None,
             config_path: Path | None = None, roles: tuple[str, ...] = ROLES) -> App:
        """Open the database, sync the feed list and compile the classifier rules."""
        db = open_database(config.database_url)
        app = cls(config=config, db=db, classifier=build_classifier(config),
                  console=console or Console(), config_path=config_path, roles=roles)
        feedstate.sync_feeds(db.engine, feed_specs(config), app.clock())
        return app

    def reload(self) -> str:
        """Re-read the config file; on any problem keep the running config and say why.

        Feeds, destinations' routing and classifier rules take effect at the next
        sweep; storage and chat connections need a restart.
        """
        if self.config_path is None:
            return "No config file to reload from."
        try:
            config = load_config(self.config_path)
            classifier = build_classifier(config)
        except (ConfigError, RuleError) as err:
            log.error("reload refused: %s", err)
            return f"Reload refused, still running the previous config:\n{err}"
        self.config, self.classifier = config, classifier
        feedstate.sync_feeds(self.db.engine, feed_specs(config), self.clock())
        if self._pipeline is not None:
            self._pipeline.plans = feed_plans(config)
            self._pipeline.classifier = classifier
        log.info("config reloaded from %s", self.config_path)
        return f"Config reloaded: {len(config.feeds)} feeds."

    def feed_disabled(self, conn: Connection, feed: FeedRow, failures: int, error: str) -> None:
        """Raise the admin notice, in the transaction that disables the feed."""
        notices.feed_disabled(conn, feed.url, feed.name, failures, error,
                              destination=admin_destination(self.config), now=self.clock())

    def command_context(self, *, is_admin: bool = False) -> CommandContext:
        return CommandContext(engine=self.db.engine, clock=self.clock,
                              started_at=self.started_at, version=__version__,
                              is_admin=is_admin, reload=self.reload,
                              heartbeat=timedelta(seconds=self.config.cluster.heartbeat_seconds))

    async def run_once(self) -> RunReport:
        """One sweep of every due feed, then deliver everything pending, notices last (as the
        roles allow)."""
        async with self.running(tuple(r for r in self.roles if r != "chat"),
                                compete=False) as run:
            sweep = await run.pipeline.sweep() if run.pipeline else SweepStats()
            delivery = await run.sender.deliver_pending() if run.sender else DeliveryStats()
            if run.sender:
                await run.sender.deliver_notices()
        return RunReport(sweep=sweep, delivery=delivery)

    @contextlib.asynccontextmanager
    async def running(self, roles: tuple[str, ...] | None = None, *,
                      compete: bool = True) -> AsyncIterator[Running]:
        """The parts of one run of the service for `roles` (default: this app's), closed on
        exit: the SQLite process lock, the registry entry, the singletons (unless not
        `compete`), the HTTP session, the parser workers, the notifiers."""
        roles = self.roles if roles is None else roles
        return_big_blocks_to_os()  # process-wide and idempotent: feed bodies churn
        lock = sqlite_process_lock(self.db.url)
        try:
            if lock is not None:  # alone on this file: any claim left is a dead process's
                await self._release_claims(None)
            async with self._registered(roles, compete) as (singletons, scheduler), \
                    self._parts(roles) as (pipeline, sender):
                yield Running(pipeline, sender, singletons=singletons, scheduler=scheduler)
        finally:
            if lock is not None:
                lock.release()

    @contextlib.asynccontextmanager
    async def _parts(self, roles: tuple[str, ...]
                     ) -> AsyncIterator[tuple[Pipeline | None, Sender | None]]:
        session = make_session(fetch_limits(self.config)) if "watch" in roles else None
        notifiers: dict[str, Notifier] = (build_notifiers(self.config, console=self.console)
                                          if "deliver" in roles else {})
        cpu = CpuPool(self.config.watch.parser_processes,
                      job_timeout=self.config.watch.parse_timeout_seconds)
        pipeline = None if session is None else Pipeline(
            engine=self.db.engine, fetcher=Fetcher(session, fetch_limits(self.config)),
            classifier=self.classifier, plans=feed_plans(self.config),
            settings=sweep_settings(self.config),
            worker=self.worker, clock=self.clock, cpu=cpu,
            on_feed_disabled=self.feed_disabled)
        sender = None if "deliver" not in roles else Sender(
            engine=self.db.engine, notifiers=notifiers, worker=self.worker,
            policy=retry_policy(self.config), clock=self.clock,
            lease=timedelta(seconds=self.config.delivery.lease_seconds),
            admin_destination=admin_destination(self.config))
        self._pipeline = pipeline
        try:
            yield pipeline, sender
        finally:
            self._pipeline = None
            if pipeline is not None:
                pipeline.close()
            if session is not None:
                await session.close()
            await cpu.close()
            for notifier in notifiers.values():
                await notifier.close()
            await self._release_claims(self.worker)

    async def _release_claims(self, worker: str | None) -> None:
        """Feeds, alerts and notices held by `worker` (None: by anyone) are free again."""
        await asyncio.to_thread(feedstate.release_claims, self.db.engine, worker)
        for queue in (outbox, notices):
            await asyncio.to_thread(queue.release_claims, self.db.engine, worker,
                                    now=self.clock())

    @contextlib.asynccontextmanager
    async def _registered(self, roles: tuple[str, ...], compete: bool
                          ) -> AsyncIterator[tuple[Singletons, JobScheduler]]:
        """Register in the process registry, compete for our singletons (a one-off run
        does not), keep heartbeating."""
        engine, cluster = self.db.engine, self.config.cluster
        info = ProcessInfo(worker=self.worker, roles=roles, version=__version__,
                           started_at=self.started_at)
        interval = timedelta(seconds=cluster.heartbeat_seconds)

        async def beat(held: frozenset[str] | None = None) -> None:
            await asyncio.to_thread(processes.heartbeat, engine, info, now=self.clock(),
                                    singletons=singletons.held if held is None else held,
                                    interval=interval)

        singletons = Singletons(singletons_for(roles) if compete else (),
                                locks_for(engine, self.worker),
                                retry=cluster.takeover_seconds, on_change=beat)
        await asyncio.to_thread(processes.register, engine, info, now=self.clock())
        scheduler = JobScheduler(timezone=UTC)
        try:
            await singletons.start()
            scheduler.add_job(beat, "interval", seconds=cluster.heartbeat_seconds,
                              id="heartbeat", max_instances=1, coalesce=True)
            scheduler.start()
            yield singletons, scheduler
        finally:
            await scheduler.stop()
            await singletons.stop()
            await asyncio.to_thread(processes.deregister, engine, self.worker)

    def close(self) -> None:
        self.db.dispose()
