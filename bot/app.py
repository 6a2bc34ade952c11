"""The composition root: builds every part once from a Config and runs them on one loop.

`App.open(config)` checks the database and the classifier rules before anything
runs; `run_once()` is one sweep plus delivery; `serve()` is the long-running
service: an APScheduler tick asks storage what is due, a delivery job drains
the outbox, and SIGTERM/SIGINT finish the work in hand before exiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from sqlalchemy import Connection

from bot import __version__, feedstate, notices, outbox, processes
from bot.chat import ChatSupervisor, build_chat_adapters
from bot.classifying import build_classifier
from bot.commands import CommandContext
from bot.config import Config, ConfigError, load_config
from bot.config.models import WebSubSettings
from bot.configwatch import ConfigWatcher
from bot.cpupool import CpuPool
from bot.delivery import DeliveryStats, Sender
from bot.feedstate import FeedRow
from bot.jobs import JobScheduler
from bot.malloc import return_big_blocks_to_os
from bot.notifiers.base import Notifier
from bot.notifiers.factory import build_notifiers
from bot.pipeline import FeedPlan, Pipeline, SweepSettings, SweepStats
from bot.processes import ProcessInfo
from bot.roles import ROLES, singletons_for
from bot.singletons import Singletons, locks_for
from bot.storage import Database, open_database
from bot.storage.lock import sqlite_process_lock
from bot.websub import CallbackServer, Subscriber
from classifiers import Classifier, RuleError
from watchers.http import Fetcher, FetchLimits, make_session

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
        feedstate.sync_feeds(db.engine, app.feed_specs(), app.clock())
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
        feedstate.sync_feeds(self.db.engine, self.feed_specs(), self.clock())
        if self._pipeline is not None:
            self._pipeline.plans = self.plans()
            self._pipeline.classifier = classifier
        log.info("config reloaded from %s", self.config_path)
        return f"Config reloaded: {len(config.feeds)} feeds."

    def feed_specs(self) -> list[feedstate.FeedSpec]:
        default = self.config.watch.default_interval_minutes
        return [feedstate.FeedSpec(url=f.url, name=f.name, kind=f.kind, enabled=f.enabled,
                                   interval_seconds=max(1, round(60 * (f.interval_minutes
                                                                        or default))))
                for f in self.config.feeds]

    def plans(self) -> dict[str, FeedPlan]:
        return {f.url: FeedPlan(
            url=f.url, name=f.name, kind=f.kind, fetch_articles=f.fetch_articles,
            destinations=tuple(d.name for d in self.config.destinations_for(f)),
            link_selector=f.link_selector or None, link_pattern=f.link_pattern or None,
        ) for f in self.config.feeds}

    def sweep_settings(self) -> SweepSettings:
        w, c, push = self.config.watch, self.config, self.websub
        return SweepSettings(
            jitter=w.jitter_fraction, backlog_max_age=timedelta(days=w.backlog_max_age_days),
            max_failures=w.max_consecutive_failures or 1_000_000,
            concurrency=w.concurrency, merge_window=timedelta(days=c.ledger.merge_window_days),
            # A claim is a lease on a feed about to be fetched, not on a queue behind others.
            batch_size=w.concurrency, lease=timedelta(seconds=w.lease_seconds),
            pushed_interval=timedelta(minutes=push.poll_interval_minutes) if push else None)

    @property
    def websub(self) -> WebSubSettings | None:
        """The `[websub]` settings when WebSub is on."""
        settings = self.config.websub
        return settings if settings is not None and settings.enabled else None

    def fetch_limits(self) -> FetchLimits:
        w = self.config.watch
        return FetchLimits(timeout_s=w.timeout_seconds, max_bytes=w.max_body_bytes,
                           user_agent=w.user_agent, per_host_concurrency=w.per_host_concurrency,
                           max_connections=w.concurrency,
                           allow_private_networks=w.allow_private_networks,
                           allowed_networks=tuple(w.allowed_networks))

    def retry_policy(self) -> outbox.RetryPolicy:
        d = self.config.delivery
        return outbox.RetryPolicy(max_attempts=d.max_attempts,
                                  base_backoff=timedelta(seconds=d.base_backoff_seconds))

    @property
    def admin_destination(self) -> str | None:
        return self.config.delivery.admin_destination or None

    def feed_disabled(self, conn: Connection, feed: FeedRow, failures: int, error: str) -> None:
        """Raise the admin notice, in the transaction that disables the feed."""
        notices.feed_disabled(conn, feed.url, feed.name, failures, error,
                              destination=self.admin_destination, now=self.clock())

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

    async def serve(self, stop: asyncio.Event | None = None) -> None:
        """Run until SIGTERM/SIGINT (or `stop`), finishing the work in hand."""
        stop = stop or asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signal.SIGHUP, lambda: log.warning(self.reload()))
        try:
            async with self.running(self.roles) as run:
                await self._serve(run, stop)
        finally:
            for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
                with contextlib.suppress(NotImplementedError, RuntimeError):
                    loop.remove_signal_handler(sig)

    async def _serve(self, run: Running, stop: asyncio.Event) -> None:
        busy, notifying = asyncio.Lock(), asyncio.Lock()
        pipeline, sender = run.pipeline, run.sender

        async def tick() -> None:
            async with busy:
                if pipeline is not None:
                    stats = await pipeline.sweep()
                    log.info("sweep done: %s feeds, %s new stories, %s new events",
                             stats.feeds, stats.new_stories, stats.new_events)
                if sender is not None:
                    await sender.deliver_pending()

        async def deliver() -> None:
            if sender is not None and not busy.locked():
                async with busy:
                    await sender.deliver_pending()

        async def notify() -> None:
            """Admin notices: a job of its own, independent of sweeps and alerts."""
            if sender is not None:
                async with notifying:
                    await sender.deliver_notices()

        every = self.config.delivery.interval_seconds
        if pipeline is not None:
            run.scheduler.add_job(tick, "interval", seconds=self.config.watch.tick_seconds,
                                  next_run_time=self.clock(), id="sweep", max_instances=1,
                                  coalesce=True)
        if sender is not None:
            first = {} if pipeline else {"next_run_time": self.clock()}  # None would pause it
            run.scheduler.add_job(deliver, "interval", seconds=every, id="deliver",
                                  max_instances=1, coalesce=True, **first)
            # One process at a time sends admin notices: whichever holds `notices`.
            run.scheduler.add_job(run.singletons.guarded("notices", notify), "interval",
                                  seconds=every, next_run_time=self.clock(), id="notices",
                                  max_instances=1, coalesce=True)
        if self.config_path is not None and self.config.reload.watch_file:
            watcher = ConfigWatcher(self.config_path, self.reload)

            async def watch_config() -> None:
                """On the loop, like SIGHUP's reload (a plain job would run in a thread)."""
                watcher.check()

            run.scheduler.add_job(watch_config, "interval",
                                  seconds=self.config.reload.check_seconds, id="config-watch",
                                  max_instances=1, coalesce=True)
        callbacks = await self._start_websub(run)
        waiters: set[asyncio.Future[Any]] = {asyncio.ensure_future(stop.wait())}
        if "chat" in self.roles:
            chat = ChatSupervisor(lambda: build_chat_adapters(self), run.singletons)
            waiters.add(asyncio.create_task(chat.run(), name="chat"))
        try:
            done, _ = await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                task.result()  # a chat adapter that cannot start ends the service, loudly
        finally:
            run.scheduler.pause()  # no new runs
            if pipeline is not None:
                pipeline.stop_claiming()
            for task in waiters:
                task.cancel()
            await asyncio.gather(*waiters, return_exceptions=True)
            await run.scheduler.stop()  # a running sweep, delivery or heartbeat finishes
            if callbacks is not None:
                await callbacks.stop()

    async def _start_websub(self, run: Running) -> CallbackServer | None:
        """With WebSub on and a pipeline here: serve the hubs' callbacks, and run the
        subscription job while this process holds the `websub` singleton."""
        settings, pipeline = self.websub, run.pipeline
        if settings is None or pipeline is None:
            return None
        server = CallbackServer(engine=self.db.engine, pipeline=pipeline, settings=settings,
                                max_body_bytes=self.config.watch.max_body_bytes,
                                clock=self.clock)
        await server.start()
        subscriber = Subscriber(engine=self.db.engine, fetcher=pipeline.fetcher,
                                settings=settings, clock=self.clock)
        run.scheduler.add_job(run.singletons.guarded("websub", subscriber.run_once),
                              "interval", seconds=settings.check_seconds,
                              next_run_time=self.clock(), id="websub", max_instances=1,
                              coalesce=True)
        return server

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
        session = make_session(self.fetch_limits()) if "watch" in roles else None
        notifiers: dict[str, Notifier] = (build_notifiers(self.config, console=self.console)
                                          if "deliver" in roles else {})
        cpu = CpuPool(self.config.watch.parser_processes,
                      job_timeout=self.config.watch.parse_timeout_seconds)
        pipeline = None if session is None else Pipeline(
            engine=self.db.engine, fetcher=Fetcher(session, self.fetch_limits()),
            classifier=self.classifier, plans=self.plans(), settings=self.sweep_settings(),
            worker=self.worker, clock=self.clock, cpu=cpu,
            on_feed_disabled=self.feed_disabled)
        sender = None if "deliver" not in roles else Sender(
            engine=self.db.engine, notifiers=notifiers, worker=self.worker,
            policy=self.retry_policy(), clock=self.clock,
            lease=timedelta(seconds=self.config.delivery.lease_seconds),
            admin_destination=self.admin_destination)
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
