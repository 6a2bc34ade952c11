"""The long-running service around one App: signals, scheduled jobs, chat, WebSub.

`serve(app)` runs until SIGTERM/SIGINT (or `stop`): an APScheduler tick
sweeps what is due, a delivery job drains the outbox, admin notices and
WebSub subscriptions run under their singletons, and the chat supervisor
keeps the adapters up while this process holds `chat`. On the way out no new
job starts and the running ones finish.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import TYPE_CHECKING, Any

from bot.chat import ChatSupervisor, build_chat_adapters
from bot.configwatch import ConfigWatcher
from bot.settings import websub_settings
from bot.websub import CallbackServer, Subscriber

if TYPE_CHECKING:
    from bot.app import App, Running

log = logging.getLogger(__name__)


async def serve(app: App, stop: asyncio.Event | None = None) -> None:
    """Run until SIGTERM/SIGINT (or `stop`), finishing the work in hand."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    with contextlib.suppress(NotImplementedError, RuntimeError):
        loop.add_signal_handler(signal.SIGHUP, lambda: log.warning(app.reload()))
    try:
        async with app.running(app.roles) as run:
            await _serve(app, run, stop)
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)


async def _serve(app: App, run: Running, stop: asyncio.Event) -> None:
    _add_jobs(app, run)
    callbacks = await _start_websub(app, run)
    waiters: set[asyncio.Future[Any]] = {asyncio.ensure_future(stop.wait())}
    if "chat" in app.roles:
        chat = ChatSupervisor(lambda: build_chat_adapters(app), run.singletons)
        waiters.add(asyncio.create_task(chat.run(), name="chat"))
    try:
        done, _ = await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            task.result()  # a chat adapter that cannot start ends the service, loudly
    finally:
        run.scheduler.pause()  # no new runs
        if run.pipeline is not None:
            run.pipeline.stop_claiming()
        for task in waiters:
            task.cancel()
        await asyncio.gather(*waiters, return_exceptions=True)
        await run.scheduler.stop()  # a running sweep, delivery or heartbeat finishes
        if callbacks is not None:
            await callbacks.stop()


def _add_jobs(app: App, run: Running) -> None:
    """Sweeps, alert delivery, admin notices and the config file watch, as the roles allow."""
    busy, notifying = asyncio.Lock(), asyncio.Lock()
    pipeline, sender, config = run.pipeline, run.sender, app.config

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

    every = config.delivery.interval_seconds
    if pipeline is not None:
        run.scheduler.add_job(tick, "interval", seconds=config.watch.tick_seconds,
                              next_run_time=app.clock(), id="sweep", max_instances=1,
                              coalesce=True)
    if sender is not None:
        first = {} if pipeline else {"next_run_time": app.clock()}  # None would pause it
        run.scheduler.add_job(deliver, "interval", seconds=every, id="deliver",
                              max_instances=1, coalesce=True, **first)
        # One process at a time sends admin notices: whichever holds `notices`.
        run.scheduler.add_job(run.singletons.guarded("notices", notify), "interval",
                              seconds=every, next_run_time=app.clock(), id="notices",
                              max_instances=1, coalesce=True)
    if app.config_path is not None and config.reload.watch_file:
        watcher = ConfigWatcher(app.config_path, app.reload)

        async def watch_config() -> None:
            """On the loop, like SIGHUP's reload (a plain job would run in a thread)."""
            watcher.check()

        run.scheduler.add_job(watch_config, "interval", seconds=config.reload.check_seconds,
                              id="config-watch", max_instances=1, coalesce=True)


async def _start_websub(app: App, run: Running) -> CallbackServer | None:
    """With WebSub on and a pipeline here: serve the hubs' callbacks, and run the
    subscription job while this process holds the `websub` singleton."""
    settings, pipeline = websub_settings(app.config), run.pipeline
    if settings is None or pipeline is None:
        return None
    server = CallbackServer(engine=app.db.engine, pipeline=pipeline, settings=settings,
                            max_body_bytes=app.config.watch.max_body_bytes, clock=app.clock)
    await server.start()
    subscriber = Subscriber(engine=app.db.engine, fetcher=pipeline.fetcher,
                            settings=settings, clock=app.clock)
    run.scheduler.add_job(run.singletons.guarded("websub", subscriber.run_once),
                          "interval", seconds=settings.check_seconds,
                          next_run_time=app.clock(), id="websub", max_instances=1,
                          coalesce=True)
    return server
