"""One sweep: fetch what is due, store what is new, classify it, record events.

The scheduler calls `Pipeline.sweep()`; everything it needs to know (what is
due, what was seen, what is still unclassified) lives in the database, so a
sweep can be re-run at any moment, or after a crash, without double work.

Where the time goes, and what keeps it short: fetches wait on the network, so
up to `concurrency` run at once; parsing is CPU-bound, so it runs in a
`CpuPool` on every core (a feed waiting for a free parser keeps its fetch slot,
which bounds the bodies held in memory); database writes from many feeds are
grouped into one transaction each by `Batcher`s, and go through one writer
thread: SQLite has a single writer, and writers that queue inside SQLite sleep
in its busy handler (up to 100 ms a time) instead of waiting their turn.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import urlsplit

from sqlalchemy import Connection, Engine

from bot import feedstate, ledger, stories, websubstate
from bot.batching import Batcher
from bot.cpupool import CpuPool, CpuPoolError
from bot.feedstate import FeedRow
from bot.ledger import LedgerChange, VerdictJob
from bot.stories import EntryBatch, StoryRow
from classifiers import Classifier, Verdict
from watchers import websub
from watchers.errors import FeedParseError, FetchError, WatchError
from watchers.http import Fetcher
from watchers.model import FetchResult, ParsedFeed
from watchers.sources import SourceSpec, extract_article, parse_source

log = logging.getLogger(__name__)
T = TypeVar("T")

ParseFn = Callable[[bytes, str, str | None, SourceSpec, datetime | None], ParsedFeed]


@dataclass(frozen=True)
class FeedPlan:
    """Per-feed options from the config that the feed row does not carry."""

    url: str
    name: str = ""
    kind: str = "feed"
    fetch_articles: bool = True
    destinations: tuple[str, ...] = ()
    link_selector: str | None = None
    link_pattern: str | None = None

    @property
    def source(self) -> SourceSpec:
        if self.kind == "page":
            return SourceSpec("page", self.link_selector, self.link_pattern)
        return SourceSpec("feed")


@dataclass(frozen=True)
class SweepSettings:
    jitter: float = 0.1
    backlog_max_age: timedelta = timedelta(days=3)
    max_failures: int = 10
    batch_size: int = 200
    concurrency: int = 50
    lease: timedelta = timedelta(minutes=10)
    merge_window: timedelta = timedelta(days=30)
    #: Feed text shorter than this is replaced by the article page's text.
    short_text_chars: int = 1500
    article_concurrency: int = 8
    #: WebSub on: hubs that feeds name are recorded, and a feed whose subscription is
    #: verified is polled only this often (a fallback in case pushes stop).
    pushed_interval: timedelta | None = None
    #: Article pages fetched per feed per poll. A feed that brings thousands of new
    #: stories at once (hostile, or a first poll) is classified on its own text
    #: beyond this, so that one feed cannot hold a sweep for minutes.
    articles_per_poll: int = 50


@dataclass
class SweepStats:
    feeds: int = 0
    not_modified: int = 0
    failed: int = 0
    new_stories: int = 0
    flagged: int = 0
    new_events: int = 0
    #: claims that waited so long for a free fetch slot that less than half their lease
    #: was left: not fetched (another worker may hold them by the time we would finish)
    lapsed: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class Pipeline:
    engine: Engine
    fetcher: Fetcher
    classifier: Classifier
    plans: Mapping[str, FeedPlan]
    settings: SweepSettings
    worker: str
    clock: Callable[[], datetime]
    #: Where parsing and article extraction run; the owner closes it.
    cpu: CpuPool = field(default_factory=lambda: CpuPool(1))
    #: The function the pool runs on each body (module-level, so a worker can import it).
    parse: ParseFn = parse_source
    #: Runs in the transaction that disables a feed: (connection, feed, failures, last error).
    on_feed_disabled: Callable[[Connection, FeedRow, int, str], None] | None = None
    _articles: asyncio.Semaphore = field(init=False)
    _writer: ThreadPoolExecutor = field(init=False)
    _unsettled: set[asyncio.Future[None]] = field(init=False, default_factory=set)
    _stories: Batcher[EntryBatch, list[StoryRow]] = field(init=False)
    _successes: Batcher[feedstate.Success, None] = field(init=False)
    _verdicts: Batcher[Sequence[VerdictJob], list[list[LedgerChange]]] = field(init=False)
    _hubs: Batcher[websubstate.Discovery, None] = field(init=False)
    _pushed: set[int] = field(init=False, default_factory=set)
    _stopping: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        self._articles = asyncio.Semaphore(self.settings.article_concurrency)
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="stackwatch-db-writer")
        self._stories = Batcher(functools.partial(stories.store_many, self.engine),
                                executor=self._writer, name="storing stories")
        self._successes = Batcher(functools.partial(feedstate.record_successes, self.engine),
                                  executor=self._writer, max_items=500, name="recording polls")
        self._verdicts = Batcher(self._record_verdicts, executor=self._writer,
                                 name="recording verdicts")
        self._hubs = Batcher(lambda found: websubstate.note_hubs(self.engine, found,
                                                                 now=self.clock()),
                             executor=self._writer, name="recording WebSub hubs")

    def close(self) -> None:
        """Stop the writer thread (after the writes it has queued)."""
        self._writer.shutdown(wait=True)

    async def _write(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run a database write on the writer thread."""
        call = functools.partial(fn, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self._writer, call)

    async def sweep(self) -> SweepStats:
        """Classify leftovers of an interrupted sweep, then poll every due feed."""
        stats = SweepStats()
        await self._classify_leftovers(stats)
        if self.settings.pushed_interval is not None:
            self._pushed = await self._write(websubstate.pushed_feed_ids, self.engine,
                                             now=self.clock())
        # `concurrency` pollers take claimed feeds from a queue that one claimer keeps
        # topped up, a batch at a time: never idle, never the whole table in memory.
        queue: asyncio.Queue[FeedRow | None] = asyncio.Queue(maxsize=self.settings.batch_size)
        pollers = [asyncio.create_task(self._poller(queue, stats))
                   for _ in range(self.settings.concurrency)]
        try:
            await self._claim_into(queue)
            for _ in pollers:
                await queue.put(None)
            await asyncio.gather(*pollers)
        finally:
            for task in pollers:
                task.cancel()
            await self.settle()
        return stats

    def _lease_ran_short(self, feed: FeedRow) -> bool:
        """Less than half the claim's lease left before the fetch even starts (an
        overloaded process): polling now could overlap with the next holder's poll."""
        return feed.lease_until is not None and \
            feed.lease_until - self.clock() < self.settings.lease / 2

    def stop_claiming(self) -> None:
        """Shutdown: a running sweep finishes the feeds it holds and claims no more."""
        self._stopping = True

    async def _claim_into(self, queue: asyncio.Queue[FeedRow | None]) -> None:
        while not self._stopping:
            batch = await self._write(
                feedstate.claim_due_feeds, self.engine, now=self.clock(), worker=self.worker,
                limit=self.settings.batch_size, lease=self.settings.lease)
            for feed in batch:
                await queue.put(feed)
            if len(batch) < self.settings.batch_size:
                return

    async def _poller(self, queue: asyncio.Queue[FeedRow | None], stats: SweepStats) -> None:
        while (feed := await queue.get()) is not None:
            if self._lease_ran_short(feed):
                stats.lapsed += 1
                continue
            try:
                await self.poll_feed(feed, stats)
            except Exception:  # a database outage: the lease expires, a later sweep retries
                log.exception("poll failed outside its feed's error handling",
                              extra={"feed_url": feed.url})

    async def poll_feed(self, feed: FeedRow, stats: SweepStats) -> None:
        """Fetch one feed and process its new entries; failures become feed state.

        The feed's new state (validators, next check) is written in the background,
        batched with other feeds'; `settle()` waits for it.
        """
        stats.feeds += 1
        plan = self.plans.get(feed.url, FeedPlan(url=feed.url, name=feed.name))
        try:
            result = await self.fetcher.fetch(feed.url, etag=feed.etag,
                                              last_modified=feed.last_modified)
            digest = _hash(result.body) if result.body is not None else feed.content_hash
            new = await self._process(feed, plan, result, digest, stats)
        except WatchError as err:
            await self._failed(feed, err, stats)
            return
        except CpuPoolError as err:  # the parser died or hung on this body
            await self._failed(feed, FeedParseError(f"{feed.url}: parser failed: {err}"), stats)
            return
        except Exception as err:  # a bug must cost one feed, never the sweep
            log.exception("feed crashed the pipeline", extra={"feed_url": feed.url})
            await self._failed(feed, WatchError(f"internal error: {err!r}"), stats)
            return
        now = self.clock()
        # Written with other feeds' in a moment; the fetch slot is free for the next feed now.
        self._in_background(self._successes.submit(feedstate.Success(
            feed.id, now=now,
            next_at=feedstate.next_check(now, self._interval(feed),
                                         jitter=self.settings.jitter, max_age=result.max_age),
            etag=result.etag, last_modified=result.last_modified, content_hash=digest,
            new_items=new)))

    def _interval(self, feed: FeedRow) -> int:
        """The feed's poll interval; longer while a WebSub hub pushes its updates."""
        pushed = self.settings.pushed_interval
        if pushed is not None and feed.id in self._pushed:
            return max(feed.interval_seconds, int(pushed.total_seconds()))
        return feed.interval_seconds

    def _in_background(self, write: Awaitable[None]) -> None:
        task = asyncio.ensure_future(write)
        self._unsettled.add(task)
        task.add_done_callback(self._unsettled.discard)

    async def ingest(self, feed_id: int, body: bytes, content_type: str | None) -> SweepStats:
        """Process a body a WebSub hub pushed for feed `feed_id`, as a polled one would be."""
        stats = SweepStats(feeds=1)
        feed = await self._write(feedstate.feed_by_id, self.engine, feed_id)
        if feed is None:
            return stats
        plan = self.plans.get(feed.url, FeedPlan(url=feed.url, name=feed.name))
        pushed = FetchResult(url=feed.url, final_url=feed.url, status=200, body=body,
                             content_type=content_type, etag=None, last_modified=None)
        await self._process(feed, plan, pushed, _hash(body), stats, discover=False)
        await self.settle()
        return stats

    async def settle(self) -> None:
        """Wait until every poll's outcome is in the database (`sweep` ends with this)."""
        while self._unsettled:
            for result in await asyncio.gather(*self._unsettled, return_exceptions=True):
                if isinstance(result, Exception):  # the lease expires; a later sweep retries
                    log.error("recording a poll failed: %r", result, exc_info=result)

    async def _process(self, feed: FeedRow, plan: FeedPlan, result: FetchResult,
                       digest: str | None, stats: SweepStats, *, discover: bool = True) -> int:
        if result.body is None or digest == feed.content_hash:
            stats.not_modified += 1
            return 0
        now = self.clock()
        backlog_before = now - self.settings.backlog_max_age if feed.first_poll else None
        parsed = await self.cpu.run(self.parse, result.body, result.final_url,
                                    result.content_type, plan.source, backlog_before)
        if discover and self.settings.pushed_interval is not None and plan.kind == "feed":
            found = websub.discover(result, parsed)
            self._in_background(self._hubs.submit(websubstate.Discovery(
                feed.id, found.hub if found else None, found.topic if found else None)))
        outlet = (plan.name or feed.name or parsed.title or urlsplit(feed.url).hostname
                  or feed.url)
        new = await self._stories.submit(EntryBatch(
            feed.id, outlet, parsed.entries, now=now, backlog_before=backlog_before))
        stats.new_stories += len(new)
        await self._classify(new, plan, stats)
        return len(new)

    async def _classify_leftovers(self, stats: SweepStats) -> None:
        leftovers = await asyncio.to_thread(stories.unclassified, self.engine,
                                              now=self.clock())
        if not leftovers:
            return
        ids = await asyncio.to_thread(feedstate.feed_ids, self.engine)
        by_id = {ids[url]: plan for url, plan in self.plans.items() if url in ids}
        for story in leftovers:
            plan = by_id.get(story.feed_id)
            verdict = await asyncio.to_thread(self._verdict, story)
            await self._record([VerdictJob(story, verdict, plan.destinations if plan else ())],
                               stats)

    async def _classify(self, new: Sequence[StoryRow], plan: FeedPlan,
                        stats: SweepStats) -> None:
        """Better text where the feed's is short, one classifier call, one batched write."""
        if not new:
            return
        texts: list[str | None] = [None] * len(new)
        short = [i for i, story in enumerate(new) if self._wants_article(story, plan)]
        short = short[:self.settings.articles_per_poll]
        for i, text in zip(short, await asyncio.gather(*(self._better_text(new[i])
                                                          for i in short)), strict=True):
            texts[i] = text
        ready = [story if text is None else replace(story, text=text)
                 for story, text in zip(new, texts, strict=True)]
        verdicts = await asyncio.to_thread(lambda: [self._verdict(s) for s in ready])
        await self._record([VerdictJob(story, verdict, plan.destinations, text) for
                            story, text, verdict in zip(ready, texts, verdicts, strict=True)],
                           stats)

    def _verdict(self, story: StoryRow) -> Verdict:
        return self.classifier.classify(story.text or "", story.title or None)

    async def _record(self, jobs: Sequence[VerdictJob], stats: SweepStats) -> None:
        """One feed's verdicts: one item of the verdict batcher."""
        changes = await self._verdicts.submit(jobs)
        stats.flagged += sum(job.verdict.flagged for job in jobs)
        stats.new_events += sum(c.is_new_event for story in changes for c in story)

    def _record_verdicts(self, groups: Sequence[Sequence[VerdictJob]]
                         ) -> list[list[list[LedgerChange]]]:
        flat = [job for group in groups for job in group]
        changes = iter(ledger.record_verdicts(self.engine, flat,
                                              merge_window=self.settings.merge_window,
                                              now=self.clock()))
        return [[next(changes) for _ in group] for group in groups]

    def _wants_article(self, story: StoryRow, plan: FeedPlan) -> bool:
        return bool(plan.fetch_articles and story.url
                    and len(story.text or "") < self.settings.short_text_chars)

    async def _better_text(self, story: StoryRow) -> str | None:
        """The article page's text, when it has more than the feed's."""
        assert story.url is not None
        article = await self._article_text(story.url)
        return article if article and len(article) > len(story.text or "") else None

    async def _article_text(self, url: str) -> str | None:
        async with self._articles:
            try:
                page = await self.fetcher.fetch(url)
            except FetchError as err:
                log.warning("article fetch failed: %s", err, extra={"story_url": url})
                return None
        if page.body is None:
            return None
        try:
            return await self.cpu.run(extract_article, page.body, page.final_url,
                                      page.content_type)
        except CpuPoolError as err:
            log.warning("article extraction failed: %s", err, extra={"story_url": url})
            return None

    async def _failed(self, feed: FeedRow, err: WatchError, stats: SweepStats) -> None:
        stats.failed += 1
        stats.errors.append(f"{feed.url}: {err}")
        log.warning("feed failed: %s", err, extra={"feed_url": feed.url})
        retry_after = err.retry_after if isinstance(err, FetchError) else None
        hook = self.on_feed_disabled

        def disabled(conn: Connection, failures: int, error: str) -> None:
            assert hook is not None
            hook(conn, feed, failures, error)

        await self._write(
            feedstate.record_failure, self.engine, feed, str(err), now=self.clock(),
            retry_after=retry_after, max_failures=self.settings.max_failures,
            on_disable=disabled if hook is not None else None)


def _hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()
