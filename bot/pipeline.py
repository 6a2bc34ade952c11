"""One sweep: fetch what is due, store what is new, classify it, record events.

The scheduler calls `Pipeline.sweep()`; everything it needs to know (what is
due, what was seen, what is still unclassified) lives in the database, so a
sweep can be re-run at any moment, or after a crash, without double work.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import Connection, Engine

from bot import feedstate, ledger, stories
from bot.feedstate import FeedRow
from bot.stories import StoryRow
from classifiers import Classifier
from watchers.articles import extract
from watchers.errors import FetchError, WatchError
from watchers.feeds import parse_feed
from watchers.http import Fetcher
from watchers.model import Entry, FetchResult
from watchers.pages import discover_links

log = logging.getLogger(__name__)


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


@dataclass
class SweepStats:
    feeds: int = 0
    not_modified: int = 0
    failed: int = 0
    new_stories: int = 0
    flagged: int = 0
    new_events: int = 0
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
    #: Runs in the transaction that disables a feed: (connection, feed, failures, last error).
    on_feed_disabled: Callable[[Connection, FeedRow, int, str], None] | None = None
    _articles: asyncio.Semaphore = field(init=False)

    def __post_init__(self) -> None:
        self._articles = asyncio.Semaphore(self.settings.article_concurrency)

    async def sweep(self) -> SweepStats:
        """Classify leftovers of an interrupted sweep, then poll every due feed."""
        stats = SweepStats()
        leftovers = await asyncio.to_thread(stories.unclassified, self.engine)
        if leftovers:
            ids = await asyncio.to_thread(feedstate.feed_ids, self.engine)
            by_id = {ids[url]: plan for url, plan in self.plans.items() if url in ids}
            for story in leftovers:
                await self._classify(story, by_id.get(story.feed_id), stats)
        gate = asyncio.Semaphore(self.settings.concurrency)

        async def bounded(feed: FeedRow) -> None:
            async with gate:
                await self.poll_feed(feed, stats)

        while True:
            batch = await asyncio.to_thread(
                feedstate.claim_due_feeds, self.engine, now=self.clock(), worker=self.worker,
                limit=self.settings.batch_size, lease=self.settings.lease)
            if not batch:
                return stats
            await asyncio.gather(*(bounded(feed) for feed in batch))

    async def poll_feed(self, feed: FeedRow, stats: SweepStats) -> None:
        """Fetch one feed and process its new entries; failures become feed state."""
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
        except Exception as err:  # a bug must cost one feed, never the sweep
            log.exception("feed crashed the pipeline", extra={"feed_url": feed.url})
            await self._failed(feed, WatchError(f"internal error: {err!r}"), stats)
            return
        await asyncio.to_thread(
            feedstate.record_success, self.engine, feed.id, now=self.clock(),
            next_at=feedstate.next_check(self.clock(), feed.interval_seconds,
                                         jitter=self.settings.jitter, max_age=result.max_age),
            etag=result.etag, last_modified=result.last_modified,
            content_hash=digest,
            new_items=new)

    async def _process(self, feed: FeedRow, plan: FeedPlan, result: FetchResult,
                       digest: str | None, stats: SweepStats) -> int:
        if result.body is None or digest == feed.content_hash:
            stats.not_modified += 1
            return 0
        title, entries = await asyncio.to_thread(self._entries, plan, result)
        now = self.clock()
        backlog_before = now - self.settings.backlog_max_age if feed.first_poll else None
        outlet = plan.name or feed.name or title or urlsplit(feed.url).hostname or feed.url
        new = await asyncio.to_thread(
            stories.store_entries, self.engine, feed.id, outlet, entries, now=now,
            backlog_before=backlog_before)
        stats.new_stories += len(new)
        await asyncio.gather(*(self._enrich_and_classify(story, plan, stats) for story in new))
        return len(new)

    def _entries(self, plan: FeedPlan, result: FetchResult) -> tuple[str, tuple[Entry, ...]]:
        """The source's own title and its entries."""
        assert result.body is not None
        if plan.kind == "page":
            return "", discover_links(result.body, result.final_url,
                                      selector=plan.link_selector, url_pattern=plan.link_pattern)
        parsed = parse_feed(result.body, result.final_url, result.content_type)
        return parsed.title, parsed.entries

    async def _enrich_and_classify(self, story: StoryRow, plan: FeedPlan,
                                   stats: SweepStats) -> None:
        text = story.text or ""
        if plan.fetch_articles and story.url and len(text) < self.settings.short_text_chars:
            article = await self._article_text(story.url)
            if article and len(article) > len(text):
                await asyncio.to_thread(stories.set_text, self.engine, story.id, article)
                story = replace(story, text=article)
        await self._classify(story, plan, stats)

    async def _article_text(self, url: str) -> str | None:
        async with self._articles:
            try:
                page = await self.fetcher.fetch(url)
            except FetchError as err:
                log.warning("article fetch failed: %s", err, extra={"story_url": url})
                return None
        if page.body is None:
            return None
        return await asyncio.to_thread(extract, page.body, page.final_url,
                                       content_type=page.content_type)

    async def _classify(self, story: StoryRow, plan: FeedPlan | None,
                        stats: SweepStats) -> None:
        verdict = await asyncio.to_thread(self.classifier.classify, story.text or "",
                                          story.title or None)
        changes = await asyncio.to_thread(
            ledger.record_verdict, self.engine, story, verdict,
            destinations=plan.destinations if plan else (),
            merge_window=self.settings.merge_window, now=self.clock())
        stats.flagged += int(verdict.flagged)
        stats.new_events += sum(c.is_new_event for c in changes)

    async def _failed(self, feed: FeedRow, err: WatchError, stats: SweepStats) -> None:
        stats.failed += 1
        stats.errors.append(f"{feed.url}: {err}")
        log.warning("feed failed: %s", err, extra={"feed_url": feed.url})
        retry_after = err.retry_after if isinstance(err, FetchError) else None
        hook = self.on_feed_disabled

        def disabled(conn: Connection, failures: int, error: str) -> None:
            assert hook is not None
            hook(conn, feed, failures, error)

        await asyncio.to_thread(
            feedstate.record_failure, self.engine, feed, str(err), now=self.clock(),
            retry_after=retry_after, max_failures=self.settings.max_failures,
            on_disable=disabled if hook is not None else None)


def _hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()
